import "server-only";
import { TIMEFRAME_MS, toPathSymbol, type Timeframe } from "@/lib/exchanges/types";
import { env } from "@/lib/env";
import { readAggregatedCandles, readHourlyCloses } from "./candle-store";
import { MINUTE_MS, type Bar } from "./candle-builder";
import { callExchange, requireTrackedSymbol } from "./exchange";

// Candles for charts, signals and valuation. Stored 1m rows (written by the feed) answer where they
// cover a bucket completely; the exchange answers for the rest (the demo exchange simulates years of
// history, a live exchange serves its own). Longer timeframes are aggregated from 1m rows in SQL.

export type CandlePoint = Bar;

export const MAX_CANDLES = 1000;
const HOUR_MS = 3_600_000;

/** Oldest first; the last candle may still be forming. `symbol` in path form ("BTC-USDT"). */
export async function getCandles({ symbol, timeframe, limit = 200, now = Date.now() }: { symbol: string; timeframe: Timeframe; limit?: number; now?: number }): Promise<CandlePoint[]> {
  const unified = requireTrackedSymbol(symbol);
  const bucketMs = TIMEFRAME_MS[timeframe];
  const count = Math.min(MAX_CANDLES, Math.max(1, Math.floor(limit)));
  const lastStart = Math.floor(now / bucketMs) * bucketMs;
  const fromMs = lastStart - (count - 1) * bucketMs;
  const stored = await readAggregatedCandles({ exchange: env.marketExchange, symbol: unified, bucketMs, fromMs, toMs: lastStart + bucketMs });
  const complete = new Map<number, CandlePoint>();
  for (const { count: minutes, ...bar } of stored) {
    const expected = bar.time === lastStart ? Math.floor((now - lastStart) / MINUTE_MS) + 1 : bucketMs / MINUTE_MS;
    if (minutes >= expected) complete.set(bar.time, bar);
  }
  if (complete.size >= count) return [...complete.values()];

  const remote = await callExchange((client) => client.fetchOHLCV(unified, timeframe, fromMs, count));
  const merged = new Map<number, CandlePoint>();
  for (const bar of remote) {
    merged.set(bar.timestamp, { time: bar.timestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });
  }
  for (const [time, bar] of complete) merged.set(time, bar);
  return [...merged.values()].sort((a, b) => a.time - b.time).slice(-count);
}

/** Hourly closes of the last `hours` hours (the current hour last), keyed by path symbol. */
export async function getSparklines({ symbols, hours = 24, now = Date.now() }: { symbols: readonly string[]; hours?: number; now?: number }): Promise<Record<string, number[]>> {
  const span = Math.min(MAX_CANDLES, Math.max(1, Math.floor(hours)));
  const unified = symbols.map(requireTrackedSymbol);
  const currentHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const fromMs = currentHour - (span - 1) * HOUR_MS;
  const stored = await readHourlyCloses({ exchange: env.marketExchange, symbols: unified, fromMs, toMs: currentHour + HOUR_MS });
  const result: Record<string, number[]> = {};
  await Promise.all(
    unified.map(async (symbol) => {
      const closes = stored.get(symbol) ?? [];
      result[toPathSymbol(symbol)] =
        closes.length >= span
          ? closes.slice(-span).map((point) => point.close)
          : (await callExchange((client) => client.fetchOHLCV(symbol, "1h", fromMs, span))).map((bar) => bar.close);
    }),
  );
  return result;
}
