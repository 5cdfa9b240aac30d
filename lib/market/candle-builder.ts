// Builds 1-minute candles from ticker ticks. Pure: the feed owns the state object and the clock.
//
// Volume: a ticker carries only the rolling 24 h base volume, so a minute's volume is the sum of the
// positive increases of that figure between ticks within the minute. The rolling window also drops
// old volume, so this undercounts slightly; it is an estimate for live display, and the demo backfill
// (exact bars from the exchange) is kept where it exists because upserts merge (candle-store.ts).

export const MINUTE_MS = 60_000;

export type MinuteCandle = {
  symbol: string;
  /** Open time of the minute, ms since epoch (UTC-aligned). */
  openTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
};

export type CandleTick = {
  symbol: string;
  price: number;
  /** Exchange time of the quote, ms since epoch. */
  timestamp: number;
  /** Rolling 24 h base volume, if the exchange reports it. */
  volume24h: number | null;
};

export type CandleAccumulator = {
  current: Map<string, MinuteCandle>;
  lastVolume24h: Map<string, number>;
};

// Differences of binary floats carry noise in the last digits (15416.05794 − 15402.37); volumes are
// display estimates, so 12 significant digits are plenty.
const trimFloat = (value: number): number => Number(value.toPrecision(12));

export function createCandleAccumulator(): CandleAccumulator {
  return { current: new Map(), lastVolume24h: new Map() };
}

export function minuteOf(timestampMs: number): number {
  return Math.floor(timestampMs / MINUTE_MS) * MINUTE_MS;
}

/**
 * Adds one tick. Returns the candle the tick closed (when it opens a later minute), else null.
 * Ticks older than the symbol's current minute are ignored; a gap of several minutes leaves those
 * minutes without a candle (no invented flat bars).
 */
export function accumulateTick(accumulator: CandleAccumulator, tick: CandleTick): MinuteCandle | null {
  if (!Number.isFinite(tick.price) || tick.price <= 0 || !Number.isFinite(tick.timestamp)) return null;
  const openTime = minuteOf(tick.timestamp);
  const previousVolume = accumulator.lastVolume24h.get(tick.symbol);
  let volumeDelta = 0;
  if (tick.volume24h !== null && Number.isFinite(tick.volume24h)) {
    if (previousVolume !== undefined && tick.volume24h > previousVolume) volumeDelta = tick.volume24h - previousVolume;
    accumulator.lastVolume24h.set(tick.symbol, tick.volume24h);
  }
  const candle = accumulator.current.get(tick.symbol);
  if (candle && openTime < candle.openTime) return null;
  if (candle && openTime === candle.openTime) {
    candle.high = Math.max(candle.high, tick.price);
    candle.low = Math.min(candle.low, tick.price);
    candle.close = tick.price;
    candle.volume = trimFloat(candle.volume + volumeDelta);
    return null;
  }
  // A new minute. The first tick's volume delta straddles the boundary; it is booked to the new minute.
  accumulator.current.set(tick.symbol, {
    symbol: tick.symbol,
    openTime,
    open: tick.price,
    high: tick.price,
    low: tick.price,
    close: tick.price,
    volume: candle ? trimFloat(volumeDelta) : 0,
  });
  return candle ?? null;
}

/** The candles still forming, one per symbol (copies, safe to hand to I/O). */
export function listFormingCandles(accumulator: CandleAccumulator): MinuteCandle[] {
  return [...accumulator.current.values()].map((candle) => ({ ...candle }));
}

export type Bar = { time: number; open: number; high: number; low: number; close: number; volume: number };

/**
 * Groups bars (oldest first) into UTC-aligned buckets of `bucketMs`: the first open, the extremes, the
 * last close, the summed volume. The reference for the SQL aggregation in candle-store.ts.
 */
export function aggregateBars(bars: readonly Bar[], bucketMs: number): (Bar & { count: number })[] {
  const out: (Bar & { count: number })[] = [];
  for (const bar of bars) {
    const time = Math.floor(bar.time / bucketMs) * bucketMs;
    const last = out[out.length - 1];
    if (last && last.time === time) {
      last.high = Math.max(last.high, bar.high);
      last.low = Math.min(last.low, bar.low);
      last.close = bar.close;
      last.volume += bar.volume;
      last.count += 1;
    } else {
      out.push({ ...bar, time, count: 1 });
    }
  }
  return out;
}
