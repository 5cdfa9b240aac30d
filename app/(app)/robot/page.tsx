import type { Metadata } from "next";

import { PageHeader } from "@/components/layout/page-header";
import { MarketStreamProvider } from "@/components/market/use-market-stream";
import { RobotDashboard } from "@/components/robot/robot-dashboard";
import { requireUser } from "@/lib/auth/guards";
import { listExchangeKeys } from "@/lib/exchanges/keys";
import { getTickers, listTrackedSymbols } from "@/lib/market/quotes";
import { getRobotBalance } from "@/lib/robot/balance";
import { listRobotConfigs, listRobotEvents } from "@/lib/robot/config";
import { listTrades } from "@/lib/robot/journal";
import { TIER_LIMITS } from "@/lib/tiers";

export const metadata: Metadata = { title: "Robot" };

export default async function RobotPage() {
  const auth = await requireUser();
  const [configs, events, balance, keys, open] = await Promise.all([
    listRobotConfigs({ userId: auth.userId }),
    listRobotEvents({ userId: auth.userId, limit: 50 }),
    getRobotBalance({ userId: auth.userId }),
    listExchangeKeys({ userId: auth.userId }),
    listTrades({ userId: auth.userId, query: { page: 1, limit: 100, status: "open", source: "robot" } }),
  ]);
  const openSymbols = [...new Set(open.items.map((trade) => trade.symbol))];
  const tickers = openSymbols.length ? await getTickers({ symbols: openSymbols }).catch(() => []) : [];
  const limits = TIER_LIMITS[auth.tier];

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Trading robot"
        description="Trades the signals for you: on paper with simulated fills and fees, or live with your exchange key. The kill switch stops everything at once."
      />
      <MarketStreamProvider initialTickers={tickers}>
        <RobotDashboard
          symbols={listTrackedSymbols().map((tracked) => tracked.symbol)}
          configs={configs}
          wallets={balance.paper}
          openTrades={open.items}
          events={events}
          keys={keys.filter((key) => key.status !== "invalid").map((key) => ({ id: key.id, label: key.label, exchangeName: key.exchangeName, testnet: key.testnet }))}
          canTradeLive={limits.liveTrading}
          maxRobots={limits.maxRobots}
        />
      </MarketStreamProvider>
    </div>
  );
}
