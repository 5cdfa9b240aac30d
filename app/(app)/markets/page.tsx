import type { Metadata } from "next";

import { PageHeader } from "@/components/layout/page-header";
import { MarketsTable } from "@/components/market/markets-table";
import { MarketStreamProvider } from "@/components/market/use-market-stream";
import { requireUser } from "@/lib/auth/guards";
import { logger } from "@/lib/logger";
import { getSparklines } from "@/lib/market/candles";
import { getTickers, listTrackedSymbols } from "@/lib/market/quotes";

export const metadata: Metadata = { title: "Markets" };

export default async function MarketsPage() {
  await requireUser();
  const markets = listTrackedSymbols();
  const [tickers, sparklines] = await Promise.all([
    getTickers(),
    // The trend lines are decoration: the table still renders when the history is unavailable.
    getSparklines({ symbols: markets.map((market) => market.symbol), hours: 24 }).catch((error: unknown) => {
      logger.warn({ err: error }, "markets page: sparklines unavailable");
      return {};
    }),
  ]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Markets" description="Live prices of the tracked trading pairs. Open a pair for its chart, order book and trades." />
      <MarketStreamProvider initialTickers={tickers}>
        <MarketsTable markets={markets} sparklines={sparklines} />
      </MarketStreamProvider>
    </div>
  );
}
