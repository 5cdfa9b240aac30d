import "server-only";
import type { OrderBookLevel, OrderSide } from "@/lib/exchanges/types";
import { toPathSymbol } from "@/lib/exchanges/types";
import { callExchange, requireTrackedSymbol } from "./exchange";

// Order book and public trades, read from the exchange on demand (the demo exchange computes them
// in memory; a live exchange is one request).

export const MAX_BOOK_DEPTH = 100;
export const MAX_TRADES = 1000;

export type OrderBookView = { symbol: string; bids: OrderBookLevel[]; asks: OrderBookLevel[]; timestamp: number };
export type RecentTrade = { id: string; timestamp: number; side: OrderSide; price: number; amount: number };

/** Bids best (highest) first, asks best (lowest) first, `depth` levels a side (1..100). */
export async function getOrderBook({ symbol, depth = 20 }: { symbol: string; depth?: number }): Promise<OrderBookView> {
  const unified = requireTrackedSymbol(symbol);
  const levels = Math.min(MAX_BOOK_DEPTH, Math.max(1, Math.floor(depth)));
  const book = await callExchange((client) => client.fetchOrderBook(unified, levels));
  return { symbol: toPathSymbol(unified), bids: book.bids.slice(0, levels), asks: book.asks.slice(0, levels), timestamp: book.timestamp };
}

/** The latest public trades, oldest first. */
export async function getRecentTrades({ symbol, limit = 50 }: { symbol: string; limit?: number }): Promise<RecentTrade[]> {
  const unified = requireTrackedSymbol(symbol);
  const count = Math.min(MAX_TRADES, Math.max(1, Math.floor(limit)));
  const trades = await callExchange((client) => client.fetchTrades(unified, undefined, count));
  return trades.slice(-count).map((trade) => ({ id: trade.id, timestamp: trade.timestamp, side: trade.side, price: trade.price, amount: trade.amount }));
}
