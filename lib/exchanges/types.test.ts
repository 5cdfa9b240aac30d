import { describe, expect, test } from "vitest";
import { BadSymbolError } from "./errors";
import { TIMEFRAMES, TIMEFRAME_MS, decimalsOf, fromPathSymbol, isTimeframe, splitSymbol, timeframeSchema, toPathSymbol } from "./types";

describe("symbol helpers", () => {
  test.each([
    ["BTC/USDT", "BTC-USDT"],
    ["PEPE/USDT", "PEPE-USDT"],
    ["1INCH/USDT", "1INCH-USDT"],
  ])("%s ⇄ %s", (unified, path) => {
    expect(toPathSymbol(unified)).toBe(path);
    expect(fromPathSymbol(path)).toBe(unified);
  });

  test("fromPathSymbol accepts lower case", () => {
    expect(fromPathSymbol("eth-usdt")).toBe("ETH/USDT");
  });

  test.each(["BTCUSDT", "BTC-USDT", "btc/usdt", "BTC/USDT/X", "", "BTC/"])("toPathSymbol rejects %j", (bad) => {
    expect(() => toPathSymbol(bad)).toThrow(BadSymbolError);
  });

  test.each(["BTC/USDT", "BTCUSDT", "BTC--USDT", "-USDT", "BTC-US DT"])("fromPathSymbol rejects %j", (bad) => {
    expect(() => fromPathSymbol(bad)).toThrow(BadSymbolError);
  });

  test("splitSymbol", () => {
    expect(splitSymbol("SOL/USDT")).toEqual({ base: "SOL", quote: "USDT" });
  });
});

describe("timeframes", () => {
  test.each([
    ["1m", 60_000],
    ["5m", 300_000],
    ["15m", 900_000],
    ["1h", 3_600_000],
    ["4h", 14_400_000],
    ["1d", 86_400_000],
  ] as const)("%s lasts %i ms", (timeframe, ms) => {
    expect(TIMEFRAME_MS[timeframe]).toBe(ms);
    expect(isTimeframe(timeframe)).toBe(true);
    expect(timeframeSchema.parse(timeframe)).toBe(timeframe);
  });

  test("each timeframe divides the next one", () => {
    for (let i = 1; i < TIMEFRAMES.length; i++) {
      expect(TIMEFRAME_MS[TIMEFRAMES[i]!] % TIMEFRAME_MS[TIMEFRAMES[i - 1]!]).toBe(0);
    }
  });

  test.each(["1w", "2h", "", "1M"])("rejects %j", (value) => {
    expect(isTimeframe(value)).toBe(false);
    expect(timeframeSchema.safeParse(value).success).toBe(false);
  });
});

test.each([
  [0.01, 2],
  [1, 0],
  [0.00000001, 8],
  [0.1, 1],
])("decimalsOf(%d) = %i", (step, decimals) => {
  expect(decimalsOf(step)).toBe(decimals);
});
