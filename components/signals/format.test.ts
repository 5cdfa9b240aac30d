import { describe, expect, test } from "vitest";
import { describeTierDelays, formatDuration, formatLevel, formatR, levelDistancePct, matchesFilters } from "./format";

describe("signals format", () => {
  test.each([
    [1.5, "+1.50R"],
    [-1, "−1.00R"],
    [0.001, "0.00R"],
    [null, "—"],
  ])("formatR(%s) = %s", (value, want) => {
    expect(formatR(value)).toBe(want);
  });

  test.each([
    ["95123.45", "95,123.45"],
    ["0.00012345", "0.00012345"],
    ["1000", "1,000"],
  ])("formatLevel(%s) = %s", (value, want) => {
    expect(formatLevel(value)).toBe(want);
  });

  test.each([
    [59_000, "0 min"],
    [12 * 60_000, "12 min"],
    [185 * 60_000, "3 h 5 min"],
    [52 * 3_600_000, "2 d 4 h"],
  ])("formatDuration(%d) = %s", (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });

  test("distances are signed in the signal's favour", () => {
    expect(levelDistancePct({ entry: "100", direction: "buy" }, "103")).toBeCloseTo(3);
    expect(levelDistancePct({ entry: "100", direction: "sell" }, "103")).toBeCloseTo(-3);
  });

  test("the tier rule comes from the tier table", () => {
    expect(describeTierDelays()).toBe("Free: 30 min delay · Pro: 5 min delay · Premium: at once · VIP: at once");
  });

  test("filters", () => {
    const signal = { symbol: "BTC-USDT", timeframe: "15m", direction: "buy" as const, source: "live" as const };
    expect(matchesFilters(signal, {})).toBe(true);
    expect(matchesFilters(signal, { symbol: "BTC-USDT", timeframe: "15m" })).toBe(true);
    expect(matchesFilters(signal, { direction: "sell" })).toBe(false);
    expect(matchesFilters(signal, { source: "history" })).toBe(false);
  });
});
