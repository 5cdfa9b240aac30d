import { describe, expect, test } from "vitest";
import { DEMO_ASSETS } from "./assets";
import { ANCHOR_MS, AssetPath, secondOf } from "./price-path";

const HOURS_PER_YEAR = 8760;
const ANCHOR_HOUR = 0;
const NOW_HOUR = Math.floor((Date.UTC(2026, 10, 22) - ANCHOR_MS) / 3_600_000);

describe("hourly skeleton", () => {
  test.each(DEMO_ASSETS.map((asset, index) => [asset.base, index] as const))(
    "%s stays within a plausible band of its reference price from 2015 to 2035",
    (_base, index) => {
      const asset = DEMO_ASSETS[index]!;
      const path = new AssetPath(42, index, asset);
      let high = -Infinity;
      let low = Infinity;
      for (let h = -10 * HOURS_PER_YEAR; h <= 10 * HOURS_PER_YEAR; h += 6) {
        const log = path.hourOpen(h);
        high = Math.max(high, log);
        low = Math.min(low, log);
      }
      expect(Math.exp(high)).toBeLessThan(asset.refPrice * 8);
      expect(Math.exp(low)).toBeGreaterThan(asset.refPrice / 8);
    },
  );

  test("starts at the reference price at the anchor and walks both ways", () => {
    const path = new AssetPath(42, 0, DEMO_ASSETS[0]!);
    expect(path.hourOpen(ANCHOR_HOUR)).toBeCloseTo(Math.log(DEMO_ASSETS[0]!.refPrice), 12);
    expect(path.hourOpen(1)).not.toBe(path.hourOpen(0));
    expect(path.hourOpen(-1)).not.toBe(path.hourOpen(0));
  });

  test("does not depend on the order it is extended in", () => {
    const forward = new AssetPath(9, 3, DEMO_ASSETS[3]!);
    const jumping = new AssetPath(9, 3, DEMO_ASSETS[3]!);
    jumping.hourOpen(NOW_HOUR);
    jumping.hourOpen(-5000);
    for (let h = -5000; h <= NOW_HOUR; h += 97) {
      expect(jumping.hourOpen(h)).toBe(forward.hourOpen(h));
      expect(jumping.hourSigma(h)).toBe(forward.hourSigma(h));
    }
  });

  test("GARCH volatility averages the asset's annual volatility", () => {
    const asset = DEMO_ASSETS[1]!;
    const path = new AssetPath(5, 1, asset);
    const hours = 20 * HOURS_PER_YEAR;
    let sumSquares = 0;
    let minSigma = Infinity;
    let maxSigma = 0;
    for (let h = 0; h < hours; h++) {
      const r = path.hourOpen(h + 1) - path.hourOpen(h);
      sumSquares += r * r;
      minSigma = Math.min(minSigma, path.hourSigma(h));
      maxSigma = Math.max(maxSigma, path.hourSigma(h));
    }
    const annualVol = Math.sqrt((sumSquares / hours) * HOURS_PER_YEAR);
    expect(annualVol).toBeGreaterThan(asset.annualVol * 0.85);
    expect(annualVol).toBeLessThan(asset.annualVol * 1.15);
    // Clustering: the conditional volatility really moves between calm and stormy regimes.
    expect(maxSigma / minSigma).toBeGreaterThan(3);
  });
});

describe("minutes and seconds", () => {
  const path = new AssetPath(42, 1, DEMO_ASSETS[1]!);
  const h = NOW_HOUR;

  test("minute boundaries bridge the hour exactly; extremes bound each minute", () => {
    const detail = path.hourDetail(h);
    expect(detail.boundary[0]).toBe(path.hourOpen(h));
    expect(detail.boundary[60]).toBe(path.hourOpen(h + 1));
    for (let k = 0; k < 60; k++) {
      expect(detail.high[k]).toBeGreaterThanOrEqual(Math.max(detail.boundary[k]!, detail.boundary[k + 1]!));
      expect(detail.low[k]).toBeLessThanOrEqual(Math.min(detail.boundary[k]!, detail.boundary[k + 1]!));
      expect(Number.isInteger(detail.volume[k])).toBe(true);
      expect(detail.volume[k]).toBeGreaterThan(0);
    }
  });

  test("second ticks run open → close through exactly the minute's high and low", () => {
    const detail = path.hourDetail(h);
    for (let k = 0; k < 60; k++) {
      const ticks = path.secondTicks(h * 60 + k);
      expect(ticks[0]).toBe(detail.boundary[k]);
      expect(ticks[59]).toBe(detail.boundary[k + 1]);
      expect(Math.max(...ticks)).toBe(detail.high[k]);
      expect(Math.min(...ticks)).toBe(detail.low[k]);
    }
  });

  test("aggregate over a whole hour equals the hour built from its minutes", () => {
    const detail = path.hourDetail(h);
    const hour = path.aggregate(h * 3600, h * 3600 + 3599);
    expect(hour.open).toBe(detail.boundary[0]);
    expect(hour.close).toBe(detail.boundary[60]);
    expect(hour.high).toBe(Math.max(...detail.high));
    expect(hour.low).toBe(Math.min(...detail.low));
    expect(hour.volume).toBe(detail.volume.reduce((sum, lots) => sum + lots, 0));
  });

  test.each([-1, 1] as const)("findCrossing finds the first second through a level (direction %i)", (direction) => {
    const from = secondOf(Date.UTC(2026, 10, 20, 3));
    const to = from + 4 * 3600;
    const start = path.tickAt(from);
    const range = path.aggregate(from, to);
    const extreme = direction === -1 ? range.low : range.high;
    const level = (start + extreme) / 2;
    const reached = (s: number) => (direction === -1 ? path.tickAt(s) <= level : path.tickAt(s) >= level);
    let expected: number | null = null;
    for (let s = from + 1; s <= to && expected === null; s++) if (reached(s)) expected = s;
    expect(expected).not.toBeNull();
    expect(path.findCrossing(from, to, level, direction)).toBe(expected);
    expect(path.findCrossing(from, to, start + direction * 10, direction)).toBeNull();
  });
});
