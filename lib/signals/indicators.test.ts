import { describe, expect, test } from "vitest";
import {
  ATR,
  BollingerBands,
  EMA,
  MACD,
  RSI,
  SD,
  SMA,
  averagegain,
  averageloss,
} from "technicalindicators";
import {
  type Candle,
  type Series,
  computeAtr,
  computeBollingerBands,
  computeEma,
  computeMacd,
  computeRsi,
  computeSma,
  computeTrueRange,
  computeVolumeZScore,
} from "./indicators";

// Deterministic pseudo-random candles (mulberry32) so the reference comparison never flakes.
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildCandles(count: number, seed = 42): Candle[] {
  const random = createRandom(seed);
  const candles: Candle[] = [];
  let close = 100;
  for (let i = 0; i < count; i++) {
    const open = close;
    close = Math.max(1, open * (1 + (random() - 0.5) * 0.04) + Math.sin(i / 15) * 0.3);
    const high = Math.max(open, close) * (1 + random() * 0.01);
    const low = Math.min(open, close) * (1 - random() * 0.01);
    candles.push({ openTime: i * 3_600_000, open, high, low, close, volume: 1000 + random() * 500 });
  }
  return candles;
}

const candles = buildCandles(300);
const closes = candles.map((c) => c.close);
const TOLERANCE = 1e-8;

// Our series carry nulls for the warm-up; the reference package drops them. Align by the count of
// leading nulls and require the same first defined index and the same length.
function expectAligned(ours: Series, reference: readonly number[], tolerance = TOLERANCE): void {
  const firstDefined = ours.findIndex((v) => v !== null);
  expect(firstDefined).toBe(ours.length - reference.length);
  expect(ours.slice(firstDefined).every((v) => v !== null)).toBe(true);
  reference.forEach((want, i) => {
    const got = ours[firstDefined + i];
    expect(Math.abs((got ?? Number.NaN) - want)).toBeLessThanOrEqual(tolerance);
  });
}

describe("indicators against technicalindicators", () => {
  test.each([5, 20, 50, 200])("SMA(%i)", (period) => {
    expectAligned(computeSma(closes, period), SMA.calculate({ period, values: closes }));
  });

  test.each([9, 12, 26, 50, 200])("EMA(%i)", (period) => {
    expectAligned(computeEma(closes, period), EMA.calculate({ period, values: closes }));
  });

  test.each([7, 14, 21])("RSI(%i) from the reference Wilder averages", (period) => {
    const gains = averagegain({ period, values: closes });
    const losses = averageloss({ period, values: closes });
    const reference = gains.map((gain, i) => 100 - 100 / (1 + gain / (losses[i] ?? Number.NaN)));
    expectAligned(computeRsi(closes, period), reference);
  });

  test("RSI(14) against the reference RSI, which rounds to 2 decimals", () => {
    expectAligned(computeRsi(closes, 14), RSI.calculate({ period: 14, values: closes }), 0.005 + 1e-9);
  });

  test.each([
    [12, 26, 9],
    [5, 35, 5],
  ])("MACD(%i, %i, %i)", (fastPeriod, slowPeriod, signalPeriod) => {
    const ours = computeMacd(closes, { fastPeriod, slowPeriod, signalPeriod });
    const reference = MACD.calculate({
      values: closes,
      fastPeriod,
      slowPeriod,
      signalPeriod,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    });
    expectAligned(ours.macd, reference.map((r) => r.MACD ?? Number.NaN));
    const withSignal = reference.filter((r) => r.signal !== undefined);
    expectAligned(ours.signal, withSignal.map((r) => r.signal ?? Number.NaN));
    expectAligned(ours.histogram, withSignal.map((r) => r.histogram ?? Number.NaN));
  });

  test.each([
    [20, 2],
    [10, 1.5],
  ])("Bollinger(%i, %f)", (period, k) => {
    const ours = computeBollingerBands(closes, { period, k });
    const reference = BollingerBands.calculate({ period, stdDev: k, values: closes });
    expectAligned(ours.middle, reference.map((r) => r.middle));
    expectAligned(ours.upper, reference.map((r) => r.upper));
    expectAligned(ours.lower, reference.map((r) => r.lower));
  });

  test.each([14, 7])("ATR(%i)", (period) => {
    const reference = ATR.calculate({
      period,
      high: candles.map((c) => c.high),
      low: candles.map((c) => c.low),
      close: closes,
    });
    expectAligned(computeAtr(candles, period), reference);
  });

  test("volume z-score against reference SMA and population SD of the previous window", () => {
    const volumes = candles.map((c) => c.volume);
    const window = 20;
    const means = SMA.calculate({ period: window, values: volumes });
    const spreads = SD.calculate({ period: window, values: volumes });
    // Reference window i covers volumes[i .. i+window-1]; it is the baseline for volumes[i+window].
    const reference = volumes
      .slice(window)
      .map((volume, i) => (volume - (means[i] ?? Number.NaN)) / (spreads[i] ?? Number.NaN));
    expectAligned(computeVolumeZScore(volumes, window), reference);
  });
});

describe("indicators by hand", () => {
  test.each([
    ["SMA(3) of 1..5", computeSma([1, 2, 3, 4, 5], 3), [null, null, 2, 3, 4]],
    // seed (2+4+6)/3 = 4; alpha 0.5: 4 + 0.5(8-4) = 6; 6 + 0.5(12-6) = 9
    ["EMA(3) seeded with SMA", computeEma([2, 4, 6, 8, 12], 3), [null, null, 4, 6, 9]],
    // changes +1 -1 +2; seed gain (1+0)/2 = 0.5, loss (0+1)/2 = 0.5 -> 50;
    // then gain (0.5·1 + 2)/2 = 1.25, loss (0.5·1 + 0)/2 = 0.25, RS 5 -> 100 - 100/6
    ["RSI(2) Wilder", computeRsi([1, 2, 1, 3], 2), [null, null, 50, 100 - 100 / 6]],
    ["RSI of a flat series is neutral", computeRsi([5, 5, 5, 5], 2), [null, null, 50, 50]],
    ["RSI of a rising series is 100", computeRsi([1, 2, 3, 4], 2), [null, null, 100, 100]],
    // baseline 10,20,30: mean 20, population sd √(200/3) = 8.1650; (60-20)/8.1650 = 4.8990
    ["volume z-score(3)", computeVolumeZScore([10, 20, 30, 60], 3), [null, null, null, 40 / Math.sqrt(200 / 3)]],
    ["volume z-score of a constant baseline is undefined", computeVolumeZScore([5, 5, 5, 9], 3), [null, null, null, null]],
    ["short input gives only nulls", computeEma([1, 2], 3), [null, null]],
    ["empty input", computeSma([], 3), []],
  ])("%s", (_name, got, want) => {
    expect(got).toHaveLength(want.length);
    want.forEach((value, i) => {
      if (value === null) expect(got[i]).toBeNull();
      else expect(got[i]).toBeCloseTo(value, 10);
    });
  });

  test("Bollinger(3, 2) of 1,2,3 uses the population stdev", () => {
    // mean 2, variance (1+0+1)/3 = 2/3, sd 0.81650, 2·sd = 1.63299
    const bands = computeBollingerBands([1, 2, 3], { period: 3, k: 2 });
    expect(bands.middle[2]).toBeCloseTo(2, 12);
    expect(bands.upper[2]).toBeCloseTo(2 + 2 * Math.sqrt(2 / 3), 12);
    expect(bands.lower[2]).toBeCloseTo(2 - 2 * Math.sqrt(2 / 3), 12);
    expect(bands.upper[1]).toBeNull();
  });

  test("true range and ATR(2) with a gap", () => {
    const bars = [
      { high: 10, low: 8, close: 9 },
      { high: 11, low: 9, close: 10 }, // TR max(2, |11-9|, |9-9|) = 2
      { high: 13, low: 10, close: 12 }, // TR max(3, 3, 0) = 3 -> ATR seed (2+3)/2 = 2.5
      { high: 12, low: 11, close: 11.5 }, // TR max(1, 0, 1) = 1 -> 2.5 + (1-2.5)/2 = 1.75
      { high: 20, low: 19, close: 19.5 }, // gap: TR |20-11.5| = 8.5 -> 1.75 + (8.5-1.75)/2 = 5.125
    ];
    expect(computeTrueRange(bars)).toEqual([null, 2, 3, 1, 8.5]);
    expect(computeAtr(bars, 2)).toEqual([null, null, 2.5, 1.75, 5.125]);
  });

  test("MACD of a unit-slope line equals the EMA lag difference (26-1)/2 - (12-1)/2 = 7", () => {
    const line = Array.from({ length: 80 }, (_, i) => i);
    const { macd, signal, histogram } = computeMacd(line);
    expect(macd[24]).toBeNull();
    expect(signal[32]).toBeNull();
    expect(macd[25]).toBeCloseTo(7, 10);
    expect(macd[79]).toBeCloseTo(7, 10);
    expect(signal[33]).toBeCloseTo(7, 10);
    expect(histogram[79]).toBeCloseTo(0, 10);
  });

  test.each([0, -1, 2.5])("rejects period %s", (period) => {
    expect(() => computeSma([1, 2, 3], period)).toThrow(RangeError);
  });
});
