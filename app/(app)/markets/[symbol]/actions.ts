"use server";

import { requireUser } from "@/lib/auth/guards";
import { getRecentTrades, type RecentTrade } from "@/lib/market/orderbook";

const TRADES_SHOWN = 20;

// The trades panel polls this: /api/v1 has no public-trades route, and the page is its only reader.
export async function listRecentTradesAction(symbol: unknown): Promise<RecentTrade[]> {
  await requireUser();
  if (typeof symbol !== "string") return [];
  return getRecentTrades({ symbol, limit: TRADES_SHOWN });
}
