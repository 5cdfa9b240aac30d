import { AppError } from "@/lib/errors";
import { computeSortedQuantile, DAYS_PER_YEAR } from "./metrics";
import { drawIndex, type RandomSource } from "./random";

// Bootstrap: every simulated day draws one historical daily return uniformly with replacement, so the
// paths keep the historical return distribution but not its serial correlation. Percentiles use the same
// R type 7 / PERCENTILE.INC interpolation as the VaR figures.

export type MonteCarloInput = {
  dailyReturns: readonly number[];
  initialValueUsd: number;
  random: RandomSource;
  horizonDays?: number;
  pathCount?: number;
  sampleEveryDays?: number;
};

export type MonteCarloResult = {
  // Day offsets of the sampled points: 0, k, 2k, … and always the horizon itself.
  days: number[];
  p5: number[];
  p50: number[];
  p95: number[];
  final: {
    p5: number;
    p25: number;
    p50: number;
    p75: number;
    p95: number;
    mean: number;
    probabilityOfLoss: number;
  };
};

export const DEFAULT_PATH_COUNT = 1000;
const BAND_PROBABILITIES = [0.05, 0.5, 0.95];

// Moves the k-th smallest of values[left..right] to index k, smaller values before it and larger after
// (quickselect, Hoare partition around a median-of-three pivot).
function selectInPlace(values: Float64Array, k: number, leftStart: number, rightStart: number): void {
  let left = leftStart;
  let right = rightStart;
  while (right > left) {
    const a = values[left]!;
    const b = values[(left + right) >>> 1]!;
    const c = values[right]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

// Same R type 7 quantiles as computeSortedQuantile, in O(n) per quantile instead of a full sort. The
// probabilities must be ascending; `values` is reordered.
export function computeQuantilesBySelection(
  values: Float64Array,
  probabilities: readonly number[],
  out: Float64Array,
): void {
  const last = values.length - 1;
  let left = 0;
  probabilities.forEach((probability, index) => {
    const h = last * probability;
    const k = Math.floor(h);
    selectInPlace(values, k, left, last);
    const lower = values[k]!;
    let upper = lower;
    if (k < last) {
      upper = values[k + 1]!;
      for (let i = k + 2; i <= last; i++) if (values[i]! < upper) upper = values[i]!;
    }
    out[index] = lower + (h - k) * (upper - lower);
    left = k;
  });
}

function assertPositiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new AppError("VALIDATION_ERROR", `${field} must be a positive integer`, {
      details: [{ field, message: "must be a positive integer" }],
    });
  }
}

export function computeMonteCarloProjection(input: MonteCarloInput): MonteCarloResult {
  const {
    dailyReturns,
    initialValueUsd,
    random,
    horizonDays = DAYS_PER_YEAR,
    pathCount = DEFAULT_PATH_COUNT,
    sampleEveryDays = 1,
  } = input;
  assertPositiveInteger(horizonDays, "horizonDays");
  assertPositiveInteger(pathCount, "pathCount");
  assertPositiveInteger(sampleEveryDays, "sampleEveryDays");
  if (dailyReturns.length === 0) {
    throw new AppError("UNPROCESSABLE", "A projection needs at least one day of return history");
  }
  if (!dailyReturns.every((r) => Number.isFinite(r) && r >= -1)) {
    throw new AppError("VALIDATION_ERROR", "Daily returns must be finite and not below −100 %");
  }
  if (!(initialValueUsd >= 0) || !Number.isFinite(initialValueUsd)) {
    throw new AppError("VALIDATION_ERROR", "initialValueUsd must be a non-negative number");
  }

  const growth = Float64Array.from(dailyReturns, (r) => 1 + r);
  const historyLength = growth.length;
  const values = new Float64Array(pathCount).fill(initialValueUsd);
  const scratch = new Float64Array(pathCount);
  const result: MonteCarloResult = {
    days: [],
    p5: [],
    p50: [],
    p95: [],
    final: { p5: 0, p25: 0, p50: 0, p75: 0, p95: 0, mean: 0, probabilityOfLoss: 0 },
  };

  const quantiles = new Float64Array(3);
  const recordDay = (day: number): void => {
    scratch.set(values);
    computeQuantilesBySelection(scratch, BAND_PROBABILITIES, quantiles);
    result.days.push(day);
    result.p5.push(quantiles[0]!);
    result.p50.push(quantiles[1]!);
    result.p95.push(quantiles[2]!);
  };

  recordDay(0);
  for (let day = 1; day <= horizonDays; day++) {
    for (let path = 0; path < pathCount; path++) {
      values[path] = values[path]! * growth[drawIndex(random, historyLength)]!;
    }
    if (day % sampleEveryDays === 0 || day === horizonDays) recordDay(day);
  }

  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  let losses = 0;
  for (const value of sorted) {
    sum += value;
    if (value < initialValueUsd) losses += 1;
  }
  result.final = {
    p5: computeSortedQuantile(sorted, 0.05),
    p25: computeSortedQuantile(sorted, 0.25),
    p50: computeSortedQuantile(sorted, 0.5),
    p75: computeSortedQuantile(sorted, 0.75),
    p95: computeSortedQuantile(sorted, 0.95),
    mean: sum / pathCount,
    probabilityOfLoss: losses / pathCount,
  };
  return result;
}
