// Technical indicators over oldest-first series of finite numbers.
// Every output is aligned index-for-index with its input; `null` (never NaN, so results survive
// JSON) marks the warm-up region where the indicator is not yet defined.
// - EMA is seeded with the SMA of its first `period` values, so its first value sits at index period-1.
// - RSI, ATR use Wilder smoothing (alpha = 1/period), seeded with a simple mean the same way.
// - Bollinger bands use the population standard deviation (divide by n), as Bollinger specified.
// - True range needs the previous close, so TR and ATR start one bar later than a close-only series.

export type Candle = {
  openTime: number; // ms since epoch, start of the bar
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
};

export type Series = (number | null)[];

export type MacdSeries = { macd: Series; signal: Series; histogram: Series };
export type BollingerSeries = { middle: Series; upper: Series; lower: Series };

function assertPeriod(period: number, name = "period"): void {
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${period}`);
  }
}

function emptySeries(length: number): Series {
  return new Array<number | null>(length).fill(null);
}

function padStart(values: readonly number[], offset: number, length: number): Series {
  const out = emptySeries(length);
  values.forEach((value, i) => {
    out[offset + i] = value;
  });
  return out;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function populationStdev(values: readonly number[], center: number): number {
  let sum = 0;
  for (const value of values) sum += (value - center) ** 2;
  return Math.sqrt(sum / values.length);
}

// Exponential smoothing seeded with the mean of the first `period` values; returns the smoothed
// values only (length values.length - period + 1), the caller re-aligns them.
function smoothSeeded(values: readonly number[], period: number, alpha: number): number[] {
  if (values.length < period) return [];
  let prev = mean(values.slice(0, period));
  const out = [prev];
  for (let i = period; i < values.length; i++) {
    prev += alpha * ((values[i] ?? prev) - prev);
    out.push(prev);
  }
  return out;
}

export function computeSma(values: readonly number[], period: number): Series {
  assertPeriod(period);
  const out = emptySeries(values.length);
  for (let i = period - 1; i < values.length; i++) {
    out[i] = mean(values.slice(i - period + 1, i + 1));
  }
  return out;
}

export function computeEma(values: readonly number[], period: number): Series {
  assertPeriod(period);
  return padStart(smoothSeeded(values, period, 2 / (period + 1)), period - 1, values.length);
}

function computeRsiValue(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100; // a flat window is neutral, not overbought
  return 100 - 100 / (1 + avgGain / avgLoss);
}

export function computeRsi(values: readonly number[], period = 14): Series {
  assertPeriod(period);
  const out = emptySeries(values.length);
  if (values.length <= period) return out;
  const gains: number[] = [];
  const losses: number[] = [];
  for (let i = 1; i < values.length; i++) {
    const change = (values[i] ?? 0) - (values[i - 1] ?? 0);
    gains.push(Math.max(change, 0));
    losses.push(Math.max(-change, 0));
  }
  const avgGains = smoothSeeded(gains, period, 1 / period);
  const avgLosses = smoothSeeded(losses, period, 1 / period);
  avgGains.forEach((avgGain, i) => {
    out[period + i] = computeRsiValue(avgGain, avgLosses[i] ?? 0);
  });
  return out;
}

export function computeMacd(
  values: readonly number[],
  { fastPeriod = 12, slowPeriod = 26, signalPeriod = 9 } = {},
): MacdSeries {
  assertPeriod(fastPeriod, "fastPeriod");
  assertPeriod(slowPeriod, "slowPeriod");
  assertPeriod(signalPeriod, "signalPeriod");
  if (fastPeriod >= slowPeriod) throw new RangeError("fastPeriod must be below slowPeriod");
  const fast = computeEma(values, fastPeriod);
  const slow = computeEma(values, slowPeriod);
  const macdValues: number[] = [];
  for (let i = slowPeriod - 1; i < values.length; i++) {
    macdValues.push((fast[i] ?? 0) - (slow[i] ?? 0));
  }
  const signalValues = smoothSeeded(macdValues, signalPeriod, 2 / (signalPeriod + 1));
  const signalOffset = slowPeriod - 1 + signalPeriod - 1;
  const histogramValues = signalValues.map((signal, i) => (macdValues[signalPeriod - 1 + i] ?? 0) - signal);
  return {
    macd: padStart(macdValues, slowPeriod - 1, values.length),
    signal: padStart(signalValues, signalOffset, values.length),
    histogram: padStart(histogramValues, signalOffset, values.length),
  };
}

export function computeBollingerBands(
  values: readonly number[],
  { period = 20, k = 2 } = {},
): BollingerSeries {
  assertPeriod(period);
  const middle = emptySeries(values.length);
  const upper = emptySeries(values.length);
  const lower = emptySeries(values.length);
  for (let i = period - 1; i < values.length; i++) {
    const window = values.slice(i - period + 1, i + 1);
    const center = mean(window);
    const width = k * populationStdev(window, center);
    middle[i] = center;
    upper[i] = center + width;
    lower[i] = center - width;
  }
  return { middle, upper, lower };
}

type Bar = Pick<Candle, "high" | "low" | "close">;

export function computeTrueRange(candles: readonly Bar[]): Series {
  const out = emptySeries(candles.length);
  for (let i = 1; i < candles.length; i++) {
    const bar = candles[i];
    const prevClose = candles[i - 1]?.close;
    if (!bar || prevClose === undefined) continue;
    out[i] = Math.max(bar.high - bar.low, Math.abs(bar.high - prevClose), Math.abs(bar.low - prevClose));
  }
  return out;
}

export function computeAtr(candles: readonly Bar[], period = 14): Series {
  assertPeriod(period);
  const ranges = computeTrueRange(candles).filter((range) => range !== null);
  return padStart(smoothSeeded(ranges, period, 1 / period), period, candles.length);
}

// z = (volume - mean) / stdev of the `window` bars *before* the current one, so a spike is measured
// against the baseline it breaks out of rather than diluting it. Population stdev; a zero stdev
// (perfectly constant baseline) yields null because the score is undefined.
export function computeVolumeZScore(volumes: readonly number[], window = 20): Series {
  assertPeriod(window, "window");
  const out = emptySeries(volumes.length);
  for (let i = window; i < volumes.length; i++) {
    const baseline = volumes.slice(i - window, i);
    const center = mean(baseline);
    const spread = populationStdev(baseline, center);
    if (spread > 0) out[i] = ((volumes[i] ?? center) - center) / spread;
  }
  return out;
}
