import type { CandlePoint } from "@/components/charts/candle-chart";

// Folds live ticks into the last candle of a fetched series. Pure: the caller owns the state.

export type LiveTick = {
  price: number;
  /** Exchange time of the quote, ms since epoch. */
  timestamp: number;
  /** Base volume traded since the previous tick (≥ 0), an estimate from the rolling 24 h figure. */
  volumeDelta: number;
};

/**
 * The candles with `tick` applied: it updates the last candle while the tick is in its bucket, opens a
 * new candle when the bucket rolls over, and is ignored when older than the last candle.
 */
export function applyTick(candles: readonly CandlePoint[], tick: LiveTick, timeframeMs: number): readonly CandlePoint[] {
  const last = candles.at(-1);
  if (!last || !Number.isFinite(tick.price) || tick.price <= 0) return candles;
  const bucket = Math.floor(tick.timestamp / timeframeMs) * timeframeMs;
  if (bucket < last.time) return candles;
  if (bucket === last.time) {
    const updated: CandlePoint = {
      time: last.time,
      open: last.open,
      high: Math.max(last.high, tick.price),
      low: Math.min(last.low, tick.price),
      close: tick.price,
      volume: last.volume + tick.volumeDelta,
    };
    return [...candles.slice(0, -1), updated];
  }
  const opened: CandlePoint = {
    time: bucket,
    open: tick.price,
    high: tick.price,
    low: tick.price,
    close: tick.price,
    volume: tick.volumeDelta,
  };
  return [...candles, opened];
}

/** Base volume traded between two readings of the rolling 24 h volume; a shrinking window counts as 0. */
export function volumeDeltaOf(previous: number | null | undefined, next: number | null | undefined): number {
  if (previous === null || previous === undefined || next === null || next === undefined) return 0;
  return next > previous ? next - previous : 0;
}

function toNumber(value: unknown): number | null {
  const number = typeof value === "string" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : null;
}

function fieldsOf(item: unknown): unknown[] {
  if (Array.isArray(item)) return item;
  if (typeof item !== "object" || item === null) return [];
  const record = item as Record<string, unknown>;
  return [record.time ?? record.timestamp, record.open, record.high, record.low, record.close, record.volume];
}

/**
 * Candles from an API answer: objects `{ time | timestamp, open, high, low, close, volume }` or ccxt
 * tuples; sorted, one per open time (the chart needs strictly ascending times). Null when malformed.
 */
export function parseCandles(value: unknown): CandlePoint[] | null {
  if (!Array.isArray(value)) return null;
  const byTime = new Map<number, CandlePoint>();
  for (const item of value) {
    const [time, open, high, low, close, volume] = fieldsOf(item).map(toNumber);
    if (time == null || open == null || high == null || low == null || close == null) return null;
    byTime.set(time, { time, open, high, low, close, volume: volume ?? 0 });
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
