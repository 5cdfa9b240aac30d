import { describe, expect, test } from "vitest";
import { makeSeries, ranging, rising } from "./fixtures/series";
import { chunkText, formatPct, formatPrice, toPriceString } from "./format";
import { clusterLevels, computeBandwidthPercentile, computeIndicatorSnapshot, computeKeyLevels, computePivots, findSwingPoints, type PriceBar } from "./technicals";

const bar = (i: number, high: number, low: number, close = (high + low) / 2): PriceBar => ({ time: i, open: close, high, low, close, volume: 1 });

describe("findSwingPoints", () => {
  test("finds a fractal high and low and skips unconfirmed bars at the end", () => {
    const highs = [10, 11, 12, 15, 12, 11, 10, 9, 8, 9, 10, 16];
    const lows = [5, 6, 7, 9, 7, 6, 5, 4, 2, 4, 5, 8];
    const bars = highs.map((h, i) => bar(i, h, lows[i]!));
    expect(findSwingPoints(bars)).toEqual([
      { index: 3, time: 3, price: 15, kind: "high" },
      { index: 8, time: 8, price: 2, kind: "low" },
    ]);
  });

  test("equal neighbours are not swings", () => {
    expect(findSwingPoints([1, 2, 3, 3, 2, 1, 0].map((h, i) => bar(i, h + 10, 5)))).toEqual([]);
  });
});

describe("computePivots", () => {
  test("classic floor pivots (H 110, L 90, C 105)", () => {
    const p = computePivots({ high: 110, low: 90, close: 105 });
    expect(p.pivot).toBeCloseTo(101.6667, 4);
    expect(p.r1).toBeCloseTo(113.3333, 4);
    expect(p.s1).toBeCloseTo(93.3333, 4);
    expect(p.r2).toBeCloseTo(121.6667, 4);
    expect(p.s2).toBeCloseTo(81.6667, 4);
  });
});

describe("clusterLevels", () => {
  test("merges candidates within the tolerance at their weighted mean and sums the weights", () => {
    const levels = clusterLevels(
      [
        { price: 100, source: "a", weight: 1 },
        { price: 100.4, source: "b", weight: 3 },
        { price: 110, source: "c", weight: 1 },
        { price: -1, source: "bad", weight: 1 },
      ],
      0.5,
    );
    expect(levels).toHaveLength(2);
    expect(levels[0]).toMatchObject({ sources: ["a", "b"], touches: 2, score: 4 });
    expect(levels[0]!.price).toBeCloseTo(100.3, 6);
    expect(levels[1]).toMatchObject({ price: 110, touches: 1 });
  });
});

describe("computeKeyLevels", () => {
  test("supports below and resistances above, nearest first, at most three a side", () => {
    const daily = ranging(230, 20);
    const hourly = makeSeries(200, (i) => 100 + 0.8 * Math.sin(i / 4), { stepMs: 3_600_000 });
    const { supports, resistances, pivots } = computeKeyLevels({ price: 100, hourly, daily });
    expect(pivots).not.toBeNull();
    expect(supports.length).toBeGreaterThan(0);
    expect(supports.length).toBeLessThanOrEqual(3);
    expect(resistances.length).toBeLessThanOrEqual(3);
    supports.forEach((l, i) => {
      expect(l.price).toBeLessThan(100);
      if (i > 0) expect(l.price).toBeLessThan(supports[i - 1]!.price);
    });
    resistances.forEach((l, i) => {
      expect(l.price).toBeGreaterThan(100);
      if (i > 0) expect(l.price).toBeGreaterThan(resistances[i - 1]!.price);
    });
  });

  test("no bars, no levels", () => {
    expect(computeKeyLevels({ price: 100, hourly: [], daily: [] })).toEqual({ supports: [], resistances: [], pivots: null });
  });
});

describe("computeIndicatorSnapshot", () => {
  test("a steady rise has the averages stacked below the price and positive MACD", () => {
    const snap = computeIndicatorSnapshot(rising(230, 0.4))!;
    expect(snap.bars).toBe(230);
    expect(snap.ema20!).toBeLessThan(snap.close);
    expect(snap.ema50!).toBeLessThan(snap.ema20!);
    expect(snap.ema200!).toBeLessThan(snap.ema50!);
    expect(snap.macd!).toBeGreaterThan(0);
    expect(snap.rsi14!).toBeGreaterThan(50);
    expect(snap.changePct!).toBeGreaterThan(100);
  });

  test("short series leave the long indicators null; empty is null", () => {
    const snap = computeIndicatorSnapshot(rising(30))!;
    expect(snap.ema20).not.toBeNull();
    expect(snap.ema50).toBeNull();
    expect(snap.ema200).toBeNull();
    expect(computeIndicatorSnapshot([])).toBeNull();
  });
});

describe("computeBandwidthPercentile", () => {
  test("a calm end after a wild start is a squeeze (low percentile)", () => {
    const closes = Array.from({ length: 120 }, (_, i) => (i < 80 ? 100 + 10 * Math.sin(i) : 100 + 0.1 * Math.sin(i)));
    expect(computeBandwidthPercentile(closes)!).toBeLessThan(10);
    expect(computeBandwidthPercentile([1, 2, 3])).toBeNull();
  });
});

describe("format", () => {
  test.each([
    [67123.456, "67123.46"],
    [1.23456789, "1.2346"],
    [0.00001234567, "0.0000123457"],
    [100, "100"],
    [0, "0"],
  ])("toPriceString(%s) = %s", (value, want) => {
    expect(toPriceString(value)).toBe(want);
  });

  test("formatPrice groups thousands; formatPct signs", () => {
    expect(formatPrice(67123.456)).toBe("67,123.46");
    expect(formatPct(2.04)).toBe("+2.0 %");
    expect(formatPct(-0.44)).toBe("-0.4 %");
  });

  test.each(["one two three four five six seven", "  leading and trailing  ", "line\n\nbreaks stay\n", ""])("chunkText pieces concatenate back to %j", (text) => {
    const chunks = chunkText(text, 2);
    expect(chunks.join("")).toBe(text);
  });
});
