import type { Metadata } from "next";

import { PageHeader } from "@/components/layout/page-header";
import { MarketStreamProvider } from "@/components/market/use-market-stream";
import { PumpsFeed } from "@/components/pumps/pumps-feed";
import { requireUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { getTickers, listTrackedSymbols } from "@/lib/market/quotes";
import { listPumps } from "@/lib/signals/pumps-queries";

export const metadata: Metadata = { title: "Pumps and dumps" };

export default async function PumpsPage() {
  await requireUser();
  const [{ items, pagination }, tickers] = await Promise.all([listPumps({ page: 1, limit: 50 }), getTickers().catch(() => [])]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Pumps and dumps"
        description="Sudden moves on unusual volume across the tracked pairs, live as they are detected and tracked until they fade."
      />
      <MarketStreamProvider initialTickers={tickers}>
        <PumpsFeed initialPumps={items} initialPagination={pagination} symbols={listTrackedSymbols().map((market) => market.symbol)} settings={env.pumps} />
      </MarketStreamProvider>
    </div>
  );
}
