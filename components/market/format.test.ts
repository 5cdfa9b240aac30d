import { describe, expect, test } from "vitest";

import { formatAmount, formatCompact, formatPct, formatPrice, formatUtcTime, priceDecimals, splitSymbol, trendOf } from "./format";

describe("formatPrice", () => {
  test.each([
    [95123.456, "95,123.46"],
    [1234567.8, "1,234,567.80"],
    [180, "180.00"],
    [2.30125, "2.3013"],
    [0.25, "0.25000"],
    [0.00002048, "0.00002048"],
    [-12.5, "−12.5000"],
    [0, "0.00000000"],
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
  ])("%s → %s", (value, want) => {
    expect(formatPrice(value)).toBe(want);
  });

  test("explicit decimals win", () => {
    expect(formatPrice(95123.4, 1)).toBe("95,123.4");
  });
});

test.each([
  [95_000, 2],
  [100, 2],
  [99.99, 4],
  [1, 4],
  [0.5, 5],
  [0.01, 5],
  [0.009, 8],
])("priceDecimals(%s) = %s", (price, want) => {
  expect(priceDecimals(price)).toBe(want);
});

test.each([
  [1.5, "+1.50%"],
  [-0.4, "−0.40%"],
  [0, "0.00%"],
  [0.001, "0.00%"],
  [-0.001, "0.00%"],
  [null, "—"],
])("formatPct(%s) = %s", (value, want) => {
  expect(formatPct(value)).toBe(want);
});

test.each([
  [1_234_567, "1.23M"],
  [987, "987"],
  [12.345, "12.35"],
  [1_380_000_000, "1.38B"],
  [721_600_000, "721.6M"],
  [2_500_000_000_000, "2.50T"],
  [-45_000, "−45.00K"],
  [0, "0"],
  [null, "—"],
])("formatCompact(%s) = %s", (value, want) => {
  expect(formatCompact(value)).toBe(want);
});

test.each([
  [0.5, "0.5"],
  [12, "12"],
  [0.12345678, "0.123457"],
  [1234.5, "1,234.5"],
  [Number.POSITIVE_INFINITY, "—"],
])("formatAmount(%s) = %s", (value, want) => {
  expect(formatAmount(value)).toBe(want);
});

test("formatUtcTime is UTC whatever the machine's zone", () => {
  expect(formatUtcTime(Date.UTC(2025, 0, 2, 14, 3, 7))).toBe("14:03:07");
});

test.each([
  [2, "up"],
  [-2, "down"],
  [0, "flat"],
  [null, "flat"],
])("trendOf(%s) = %s", (value, want) => {
  expect(trendOf(value)).toBe(want);
});

test("splitSymbol", () => {
  expect(splitSymbol("BTC-USDT")).toEqual({ base: "BTC", quote: "USDT" });
});
