import { describe, expect, test } from "vitest";
import { accumulateTick, aggregateBars, createCandleAccumulator, listFormingCandles, minuteOf, type Bar, type CandleTick } from "./candle-builder";

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const S = 1_000;
const M = 60_000;
const tick = (offsetMs: number, price: number, volume24h: number | null = null, symbol = "BTC/USDT"): CandleTick => ({ symbol, price, timestamp: T0 + offsetMs, volume24h });

describe("accumulateTick", () => {
  test("builds one minute from its ticks: first open, extremes, last close, volume from 24 h increases", () => {
    const acc = createCandleAccumulator();
    const ticks = [tick(0, 100, 1000), tick(10 * S, 103, 1002), tick(20 * S, 98, 1002.5), tick(59 * S, 101, 1001)];
    for (const t of ticks) expect(accumulateTick(acc, t)).toBeNull();
    expect(listFormingCandles(acc)).toEqual([{ symbol: "BTC/USDT", openTime: T0, open: 100, high: 103, low: 98, close: 101, volume: 2.5 }]);
  });

  test("a tick in the next minute closes the previous candle and opens a new one", () => {
    const acc = createCandleAccumulator();
    accumulateTick(acc, tick(5 * S, 100, 10));
    accumulateTick(acc, tick(30 * S, 104, 12));
    const closed = accumulateTick(acc, tick(M + 1 * S, 105, 13));
    expect(closed).toEqual({ symbol: "BTC/USDT", openTime: T0, open: 100, high: 104, low: 100, close: 104, volume: 2 });
    expect(listFormingCandles(acc)).toEqual([{ symbol: "BTC/USDT", openTime: T0 + M, open: 105, high: 105, low: 105, close: 105, volume: 1 }]);
  });

  test("keeps symbols apart and ignores stale, non-positive and non-finite ticks", () => {
    const acc = createCandleAccumulator();
    accumulateTick(acc, tick(M, 100, null, "BTC/USDT"));
    accumulateTick(acc, tick(M, 5, null, "ETH/USDT"));
    expect(accumulateTick(acc, tick(0, 1, null, "BTC/USDT"))).toBeNull();
    expect(accumulateTick(acc, tick(M + S, 0))).toBeNull();
    expect(accumulateTick(acc, tick(M + S, Number.NaN))).toBeNull();
    expect(listFormingCandles(acc).map((c) => [c.symbol, c.open, c.high, c.low])).toEqual([
      ["BTC/USDT", 100, 100, 100],
      ["ETH/USDT", 5, 5, 5],
    ]);
  });

  test("a gap of several minutes closes the old candle and invents none in between", () => {
    const acc = createCandleAccumulator();
    accumulateTick(acc, tick(0, 100));
    expect(accumulateTick(acc, tick(5 * M, 90))?.openTime).toBe(T0);
    expect(listFormingCandles(acc)[0]!.openTime).toBe(T0 + 5 * M);
  });

  test("volume sums carry no float noise", () => {
    const acc = createCandleAccumulator();
    accumulateTick(acc, tick(0, 100, 15402.37));
    accumulateTick(acc, tick(S, 100, 15416.05794));
    accumulateTick(acc, tick(2 * S, 100, 15416.15794));
    expect(listFormingCandles(acc)[0]!.volume).toBe(13.78794);
  });

  test("forming candles are copies", () => {
    const acc = createCandleAccumulator();
    accumulateTick(acc, tick(0, 100));
    listFormingCandles(acc)[0]!.close = 1;
    expect(listFormingCandles(acc)[0]!.close).toBe(100);
  });

  test.each([
    [T0, T0],
    [T0 + 59_999, T0],
    [T0 + 60_000, T0 + M],
  ])("minuteOf(%i) = %i", (at, want) => expect(minuteOf(at)).toBe(want));
});

describe("aggregateBars", () => {
  const minutes: Bar[] = Array.from({ length: 12 }, (_, i) => ({ time: T0 + i * M, open: 100 + i, high: 110 + i, low: 90 + i, close: 101 + i, volume: 1 }));

  test("1m → 5m: UTC-aligned buckets, first open, extremes, last close, summed volume, row count", () => {
    expect(aggregateBars(minutes, 5 * M)).toEqual([
      { time: T0, open: 100, high: 114, low: 90, close: 105, volume: 5, count: 5 },
      { time: T0 + 5 * M, open: 105, high: 119, low: 95, close: 110, volume: 5, count: 5 },
      { time: T0 + 10 * M, open: 110, high: 121, low: 100, close: 112, volume: 2, count: 2 },
    ]);
  });

  test("a bucket starts on the UTC boundary even when the data starts mid-bucket", () => {
    const late = minutes.slice(3);
    expect(aggregateBars(late, 5 * M)[0]).toMatchObject({ time: T0, open: 103, count: 2 });
    expect(aggregateBars(late, 3_600_000)).toEqual([{ time: T0, open: 103, high: 121, low: 93, close: 112, volume: 9, count: 9 }]);
  });

  test("empty in, empty out", () => expect(aggregateBars([], 5 * M)).toEqual([]));
});
