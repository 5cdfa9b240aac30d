import type { Metadata } from "next";

import { PageHeader } from "@/components/layout/page-header";
import { LiquidationCalculator } from "@/components/tools/liquidation-calculator";
import { requireUser } from "@/lib/auth/guards";
import { getTickers } from "@/lib/market/quotes";
import { DEFAULT_TAKER_FEE_RATE, listBracketSymbols } from "@/lib/signals/liquidation-tool";

export const metadata: Metadata = { title: "Liquidation calculator" };

export default async function LiquidationPage() {
  await requireUser();
  const bracketSymbols = listBracketSymbols();
  // Market prices prefill the entry; the tracked spot price stands in for the perpetual's mark price.
  const tickers = await getTickers().catch(() => []);
  const symbols = bracketSymbols.map((symbol) => ({
    symbol,
    price: tickers.find((ticker) => ticker.symbol.replace("-", "") === symbol)?.last ?? null,
  }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Liquidation calculator"
        description="Where a leveraged USDⓈ-M perpetual position gets liquidated, with Binance's maintenance margin tiers and the closing fee."
      />
      <LiquidationCalculator symbols={symbols} defaultFeePct={String(Number(DEFAULT_TAKER_FEE_RATE) * 100)} />
    </div>
  );
}
