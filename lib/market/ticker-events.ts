import { toPathSymbol, type Ticker } from "@/lib/exchanges/types";
import type { TickerEvent } from "./events";

// Pure conversions between exchange tickers and the bus contract (events.ts).

const finiteOrNull = (value: number | null | undefined): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;

/** An exchange ticker as a TickerEvent; the symbol in path form ("BTC-USDT"). */
export function toTickerEvent(exchange: string, ticker: Ticker): TickerEvent {
  return {
    exchange,
    symbol: toPathSymbol(ticker.symbol),
    last: ticker.last,
    bid: finiteOrNull(ticker.bid),
    ask: finiteOrNull(ticker.ask),
    open24h: finiteOrNull(ticker.open),
    high24h: finiteOrNull(ticker.high),
    low24h: finiteOrNull(ticker.low),
    change24hPct: finiteOrNull(ticker.percentage),
    volume24h: finiteOrNull(ticker.baseVolume),
    quoteVolume24h: finiteOrNull(ticker.quoteVolume),
    timestamp: ticker.timestamp,
  };
}

/** Whether a quote moved since the previous one; the timestamp alone does not count as a change. */
export function hasTickerChanged(previous: TickerEvent | undefined, next: TickerEvent): boolean {
  if (!previous) return true;
  return (
    previous.last !== next.last ||
    previous.bid !== next.bid ||
    previous.ask !== next.ask ||
    previous.high24h !== next.high24h ||
    previous.low24h !== next.low24h ||
    previous.volume24h !== next.volume24h
  );
}

/** The tickers of `next` that changed against `previous` (keyed by path symbol), in input order. */
export function selectChangedTickers(previous: ReadonlyMap<string, TickerEvent>, next: readonly TickerEvent[]): TickerEvent[] {
  return next.filter((ticker) => hasTickerChanged(previous.get(ticker.symbol), ticker));
}

/**
 * The next batch sequence. It is at least the publish time in ms, so a new ingester that takes over
 * continues above its predecessor's numbers (clocks agree to well under the hand-over time) and
 * consumers that drop stale batches keep accepting.
 */
export function nextSequence(previous: number, publishedAt: number): number {
  return Math.max(previous + 1, publishedAt);
}
