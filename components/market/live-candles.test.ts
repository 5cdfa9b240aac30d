import { describe, expect, test } from "vitest";

import { applyTick, parseCandles, volumeDeltaOf } from "./live-candles";
import { pickStripSymbols } from "./strip-symbols";
import { computeBackoffMs } from "./use-market-stream";

const MINUTE = 60_000;
const T0 = Date.UTC(2025, 0, 1, 12, 0);
const candles = [
  { time: T0 - MINUTE, open: 99, high: 101, low: 98, close: 100, volume: 5 },
  { time: T0, open: 100, high: 102, low: 99, close: 101, volume: 2 },
];

describe("applyTick", () => {
  test.each([
    ["a tick inside the last bucket moves the close", { price: 101.5, timestamp: T0 + 30_000, volumeDelta: 1 }, { time: T0, open: 100, high: 102, low: 99, close: 101.5, volume: 3 }, 2],
    ["a new high", { price: 105, timestamp: T0 + 59_999, volumeDelta: 0 }, { time: T0, open: 100, high: 105, low: 99, close: 105, volume: 2 }, 2],
    ["a new low", { price: 97, timestamp: T0, volumeDelta: 0 }, { time: T0, open: 100, high: 102, low: 97, close: 97, volume: 2 }, 2],
    ["the next bucket opens a candle", { price: 103, timestamp: T0 + MINUTE + 5, volumeDelta: 0.5 }, { time: T0 + MINUTE, open: 103, high: 103, low: 103, close: 103, volume: 0.5 }, 3],
    ["a gap opens the candle of the tick's bucket", { price: 90, timestamp: T0 + 5 * MINUTE, volumeDelta: 0 }, { time: T0 + 5 * MINUTE, open: 90, high: 90, low: 90, close: 90, volume: 0 }, 3],
  ])("%s", (_name, tick, wantLast, wantLength) => {
    const next = applyTick(candles, tick, MINUTE);
    expect(next).toHaveLength(wantLength);
    expect(next.at(-1)).toEqual(wantLast);
    expect(candles[1]?.close).toBe(101); // the input is not mutated
  });

  test.each([
    ["an older tick", { price: 50, timestamp: T0 - 1, volumeDelta: 0 }, candles],
    ["a zero price", { price: 0, timestamp: T0, volumeDelta: 0 }, candles],
    ["no candles", { price: 100, timestamp: T0, volumeDelta: 0 }, []],
  ])("ignores %s", (_name, tick, input) => {
    expect(applyTick(input, tick, MINUTE)).toBe(input);
  });
});

test.each([
  [100, 101.5, 1.5],
  [100, 99, 0],
  [null, 100, 0],
  [100, null, 0],
])("volumeDeltaOf(%s, %s) = %s", (previous, next, want) => {
  expect(volumeDeltaOf(previous, next)).toBeCloseTo(want);
});

describe("parseCandles", () => {
  test("objects and ccxt tuples, sorted and one per time", () => {
    expect(
      parseCandles([
        [T0, 1, 2, 0.5, 1.5, 10],
        { time: T0 - MINUTE, open: 1, high: 1, low: 1, close: 1, volume: 1 },
        { timestamp: T0, open: 2, high: 2, low: 2, close: 2 },
      ]),
    ).toEqual([
      { time: T0 - MINUTE, open: 1, high: 1, low: 1, close: 1, volume: 1 },
      { time: T0, open: 2, high: 2, low: 2, close: 2, volume: 0 },
    ]);
  });

  test.each([[null], [{}], [[{ time: T0, open: 1 }]], [["x"]]])("malformed %j → null", (value) => {
    expect(parseCandles(value)).toBeNull();
  });

  test("empty", () => {
    expect(parseCandles([])).toEqual([]);
  });
});

test.each([
  [0, 0, 1_000],
  [0, 1, 1_300],
  [1, 0, 2_000],
  [4, 0, 16_000],
  [5, 0, 30_000],
  [5, 1, 30_000],
  [50, 0.5, 30_000],
])("computeBackoffMs(attempt %s, random %s) = %s", (attempt, random, want) => {
  expect(computeBackoffMs(attempt, random)).toBe(want);
});

test("pickStripSymbols puts the main pairs first and keeps eight", () => {
  const tracked = ["DOT", "TON", "ETH", "PEPE", "BTC", "SUI", "ARB", "OP", "APT", "XRP"].map((base) => ({ symbol: `${base}-USDT`, base }));
  expect(pickStripSymbols(tracked)).toEqual(["BTC-USDT", "ETH-USDT", "XRP-USDT", "DOT-USDT", "TON-USDT", "PEPE-USDT", "SUI-USDT", "ARB-USDT"]);
  expect(pickStripSymbols([])).toEqual([]);
});
