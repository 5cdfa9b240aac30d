import "server-only";
import { splitSymbol, toPathSymbol } from "@/lib/exchanges/types";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { readCachedTickers, rememberTickers } from "./cache";
import type { TickerEvent } from "./events";
import { callExchange, listTrackedUnifiedSymbols, requireTrackedExchange, requireTrackedSymbol } from "./exchange";
import { toTickerEvent } from "./ticker-events";

// Latest quotes for pages and routes: from the cache the feed keeps warm; a cold cache (a fresh
// instance, tests, a stalled feed) is filled from the exchange.

export type TrackedSymbol = { symbol: string; base: string; quote: string };

/** The tracked markets, symbol in path form ("BTC-USDT"), in configuration order. */
export function listTrackedSymbols(): TrackedSymbol[] {
  return listTrackedUnifiedSymbols().map((unified) => ({ symbol: toPathSymbol(unified), ...splitSymbol(unified) }));
}

/**
 * Latest tickers of `symbols` (path form, in that order) or of every tracked symbol. An untracked
 * symbol or exchange is NOT_FOUND.
 */
export async function getTickers({ symbols, exchange }: { symbols?: readonly string[]; exchange?: string } = {}): Promise<TickerEvent[]> {
  requireTrackedExchange(exchange);
  const unified = symbols ? [...new Set(symbols.map(requireTrackedSymbol))] : listTrackedUnifiedSymbols();
  const wanted = unified.map(toPathSymbol);
  const found = await readCachedTickers(env.marketExchange, wanted);
  const missing = unified.filter((symbol) => !found.has(toPathSymbol(symbol)));
  if (missing.length > 0) {
    const fetched = await callExchange((client) => client.fetchTickers(missing));
    const events = Object.values(fetched).map((ticker) => toTickerEvent(env.marketExchange, ticker));
    rememberTickers(events);
    for (const event of events) found.set(event.symbol, event);
  }
  return wanted.flatMap((symbol) => {
    const ticker = found.get(symbol);
    return ticker ? [ticker] : [];
  });
}

/** One symbol's latest ticker; NOT_FOUND for a symbol that is not tracked. */
export async function getTicker(symbol: string): Promise<TickerEvent> {
  const [ticker] = await getTickers({ symbols: [symbol] });
  if (!ticker) throw new AppError("NOT_FOUND", `Unknown symbol ${symbol.slice(0, 41)}: the exchange has no quote for it.`);
  return ticker;
}
