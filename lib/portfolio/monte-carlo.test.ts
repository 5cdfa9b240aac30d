import { describe, expect, test } from "vitest";
import { computeSortedQuantile } from "./metrics";
import { computeMonteCarloProjection, computeQuantilesBySelection, type MonteCarloInput } from "./monte-carlo";
import { createSeededRandom } from "./random";

const history = [0.03, -0.02, 0.01, -0.05, 0.04, 0.002, -0.01, 0.015, -0.03, 0.02];
const run = (overrides: Partial<MonteCarloInput> = {}) =>
  computeMonteCarloProjection({ dailyReturns: history, initialValueUsd: 1000, random: createSeededRandom(42), ...overrides });

describe("computeMonteCarloProjection", () => {
  test("is deterministic for a seed and changes with it", () => {
    expect(run()).toEqual(run());
    expect(run({ random: createSeededRandom(43) }).final).not.toEqual(run().final);
  });

  test("defaults to 365 daily points after day 0 with ordered percentiles", () => {
    const result = run();
    expect(result.days).toHaveLength(366);
    expect(result.days.at(-1)).toBe(365);
    expect([result.p5[0], result.p50[0], result.p95[0]]).toEqual([1000, 1000, 1000]);
    result.days.forEach((_, i) => {
      expect(result.p5[i]!).toBeLessThanOrEqual(result.p50[i]!);
      expect(result.p50[i]!).toBeLessThanOrEqual(result.p95[i]!);
    });
    const { final } = result;
    expect(final.p5 <= final.p25 && final.p25 <= final.p50 && final.p50 <= final.p75 && final.p75 <= final.p95).toBe(true);
    expect(final.p5).toBe(result.p5.at(-1));
    expect(final.probabilityOfLoss).toBeGreaterThanOrEqual(0);
    expect(final.probabilityOfLoss).toBeLessThanOrEqual(1);
  });

  test.each([
    ["every 30 days keeps the horizon", 30, 365, [0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 360, 365]],
    ["every 7 days over 14 days", 7, 14, [0, 7, 14]],
    ["daily over 3 days", 1, 3, [0, 1, 2, 3]],
  ])("samples %s", (_name, sampleEveryDays, horizonDays, wantDays) => {
    expect(run({ sampleEveryDays, horizonDays }).days).toEqual(wantDays);
  });

  test.each([
    // a constant +1 % a day leaves no randomness: 1000 × 1.01^365 = 37783.434332887
    ["a constant +1 % day", [0.01], 1000, 37783.434332887, 0],
    // a constant −1 % a day: 1000 × 0.99^365 = 25.517964452, every path loses
    ["a constant −1 % day", [-0.01], 1000, 25.517964452, 1],
    ["a zero starting value", [0.05, -0.05], 0, 0, 0],
  ])("%s", (_name, dailyReturns, initialValueUsd, wantFinal, wantLoss) => {
    const result = run({ dailyReturns, initialValueUsd, pathCount: 50 });
    for (const key of ["p5", "p25", "p50", "p75", "p95", "mean"] as const) {
      expect(result.final[key]).toBeCloseTo(wantFinal, 6);
    }
    expect(result.final.probabilityOfLoss).toBe(wantLoss);
  });

  test("completes 1000 paths over a year", () => {
    expect(run({ pathCount: 1000 }).p50).toHaveLength(366);
  });

  test.each([
    ["no history", { dailyReturns: [] }, "UNPROCESSABLE"],
    ["zero paths", { pathCount: 0 }, "VALIDATION_ERROR"],
    ["a fractional horizon", { horizonDays: 1.5 }, "VALIDATION_ERROR"],
    ["a negative start", { initialValueUsd: -1 }, "VALIDATION_ERROR"],
    ["a return below −100 %", { dailyReturns: [0.01, -1.5] }, "VALIDATION_ERROR"],
    ["a NaN return", { dailyReturns: [Number.NaN] }, "VALIDATION_ERROR"],
  ])("rejects %s", (_name, overrides, code) => {
    expect(() => run(overrides)).toThrow(expect.objectContaining({ code }));
  });
});

describe("computeQuantilesBySelection", () => {
  const random = createSeededRandom(99);
  const probabilities = [0, 0.01, 0.05, 0.25, 0.5, 0.5, 0.75, 0.95, 0.99, 1];
  test.each([
    ["one value", [3]],
    ["two values", [2, 1]],
    ["Excel's PERCENTILE.INC sample", [1, 3, 2, 4]],
    ["many duplicates", Array.from({ length: 200 }, (_, i) => i % 3)],
    ["all equal", new Array<number>(50).fill(7)],
    ["1000 uniform draws", Array.from({ length: 1000 }, () => random())],
    ["already sorted", Array.from({ length: 101 }, (_, i) => i)],
    ["reverse sorted", Array.from({ length: 101 }, (_, i) => 100 - i)],
  ])("matches the type 7 quantiles of the sorted sample: %s", (_name, sample) => {
    const out = new Float64Array(probabilities.length);
    computeQuantilesBySelection(Float64Array.from(sample), probabilities, out);
    const sorted = [...sample].sort((a, b) => a - b);
    probabilities.forEach((p, i) => expect(out[i]).toBeCloseTo(computeSortedQuantile(sorted, p), 12));
  });
});
