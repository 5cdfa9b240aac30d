import type { DemoAsset } from "./assets";
import { exponentialOf, hashAt, mix32, normalAt, streamKey, uniformOf } from "./random";

// The simulated price of one asset as a pure function of (seed, asset, time), built top-down in three
// layers so that any instant can be computed without generating everything before it:
//
// 1. Hours. A log-price random walk on hour boundaries L(h), h counted from ANCHOR_MS, with GARCH(1,1)
//    variance (volatility clustering), rare jumps, a weak pull towards the asset's reference price (so
//    prices stay plausible for decades), and shocks that mix in BTC's shock by `btcCorrelation`. This
//    skeleton is the only sequential part: it runs forward from the anchor (backward for earlier times),
//    costs two hashes per hour and is kept in growing arrays. Each hour's high and low are drawn from
//    the exact distribution of a Brownian bridge's maximum/minimum between L(h) and L(h+1), and its
//    volume from its range, in O(1), so a year of hourly or daily candles never touches minute data.
// 2. Minutes (generated only when asked for). The 61 minute-boundary prices of hour h are a Brownian
//    bridge from L(h) to L(h+1), rescaled above and below the straight line so they stay inside the
//    hour's range; each minute's high/low is a bridge extreme clamped to that range, and the minutes
//    holding the bridge's highest high and lowest low are stretched to the hour's high and low. The
//    hour's volume is split over its minutes by activity with cumulative rounding, so sums are exact.
// 3. Seconds. Inside minute m, 60 one-second ticks run from the minute's open to its close through its
//    high and its low (at hashed seconds), plus bridge noise clamped into [low, high].
//
// So a 1m candle is (open, high, low, close) = (tick 0, max, min, tick 59) exactly; the next minute opens
// at this one's close; an hour's OHLCV is exactly the aggregate of its 60 minutes, and coarser candles
// aggregate hours. A forming candle aggregates the finished minutes plus the ticks of the current minute
// so far. Prices are kept in log space and rounded to the tick only on output (rounding is monotonic,
// so max/min commute with it).

export const ANCHOR_MS = Date.UTC(2025, 0, 1);
/** The simulation covers [DOMAIN_START_MS, DOMAIN_END_MS). */
export const DOMAIN_START_MS = Date.UTC(2015, 0, 1);
export const DOMAIN_END_MS = Date.UTC(2060, 0, 1);

const ANCHOR_SEC = ANCHOR_MS / 1000;
const HOURS_PER_YEAR = 8760;
const GARCH_ALPHA = 0.08;
const GARCH_BETA = 0.9;
const MAX_VARIANCE_RATIO = 16;
const MEAN_REVERSION_PER_HOUR = Math.LN2 / (120 * 24);
const JUMP_PROBABILITY = 1 / 400;
const JUMP_SIZE_SIGMAS = 5;
// Extremes are sampled from the continuous bridge; 60 one-second ticks see a bit less of a minute's.
const MINUTE_EXTREME_VARIANCE_SCALE = 0.7;
const SECOND_NOISE_SCALE = 0.5;

const Purpose = {
  HourShock: 1,
  HourJump: 2,
  MinuteShock: 3,
  MinuteExtremes: 4,
  SecondShape: 5,
  SecondNoise: 6,
  HourExtremes: 7,
} as const;

/** Index of the BTC row in the asset list: its hour and minute shocks are shared with every asset. */
const BTC_ASSET_INDEX = 0;

/** Log-space high/low, volume in lots and quote volume of one hour. */
export type HourSummary = { high: number; low: number; volume: number; quoteVolume: number };

export type HourDetail = {
  /** Log price at the 61 minute boundaries (index k = start of minute k; 60 = next hour's open). */
  boundary: Float64Array;
  high: Float64Array;
  low: Float64Array;
  /** Base volume in lots (integer multiples of the amount step). */
  volume: Float64Array;
  quoteVolume: Float64Array;
};

/** Log-space OHLC; volume in lots; quote volume in quote currency. */
export type Aggregate = {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quoteVolume: number;
};

function createHourDetail(): HourDetail {
  return {
    boundary: new Float64Array(61),
    high: new Float64Array(60),
    low: new Float64Array(60),
    volume: new Float64Array(60),
    quoteVolume: new Float64Array(60),
  };
}

export function emptyAggregate(): Aggregate {
  return { open: 0, high: -Infinity, low: Infinity, close: 0, volume: 0, quoteVolume: 0 };
}

/** Seconds since the anchor, for an epoch-millisecond time. */
export function secondOf(ms: number): number {
  return Math.floor(ms / 1000) - ANCHOR_SEC;
}

/** Epoch milliseconds of the start of anchor-relative second `sec`. */
export function msOfSecond(sec: number): number {
  return (sec + ANCHOR_SEC) * 1000;
}

const MAX_HOUR_DETAILS = 64;
const MAX_SECOND_MINUTES = 16;

class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.set(key, value);
    if (this.map.size > this.capacity) {
      const oldest = this.map.keys().next();
      if (!oldest.done) this.map.delete(oldest.value);
    }
  }
}

function growTo(array: Float64Array, size: number): Float64Array {
  if (array.length >= size) return array;
  const next = new Float64Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

export class AssetPath {
  readonly asset: DemoAsset;
  private readonly sigmaBar: number;
  private readonly omega: number;
  private readonly logRef: number;
  private readonly rho: number;
  private readonly rhoIdio: number;
  private readonly lotsPerHour: number;

  private readonly btcHourStream: number;
  private readonly hourStream: number;
  private readonly jumpStream: number;
  private readonly btcMinuteStream: number;
  private readonly minuteStream: number;
  private readonly extremesStream: number;
  private readonly shapeStream: number;
  private readonly noiseStream: number;
  private readonly hourExtremesStream: number;

  // Skeleton: forward[i] = L(i), forwardSigma[i] = σ of hour i (i ≥ 0);
  // backward[j] = L(-j), backwardSigma[j] = σ of hour -j (j ≥ 1).
  private forward: Float64Array = new Float64Array(1024);
  private forwardSigma: Float64Array = new Float64Array(1024);
  private forwardCount = 1;
  private backward: Float64Array = new Float64Array(1024);
  private backwardSigma: Float64Array = new Float64Array(1024);
  private backwardCount = 1;

  private readonly details = new LruMap<number, HourDetail>(MAX_HOUR_DETAILS);
  private readonly seconds = new LruMap<number, Float64Array>(MAX_SECOND_MINUTES);
  private readonly summary: HourSummary = { high: 0, low: 0, volume: 0, quoteVolume: 0 };
  private readonly noise = new Float64Array(60);

  constructor(seed: number, assetIndex: number, asset: DemoAsset) {
    this.asset = asset;
    this.sigmaBar = asset.annualVol / Math.sqrt(HOURS_PER_YEAR);
    // Jumps add variance directly and, through α, to σ²; ω is set so the total stays σ̄² (annualVol).
    const jumpVariance = (JUMP_PROBABILITY * (JUMP_SIZE_SIGMAS * this.sigmaBar) ** 2 * 13) / 12;
    const variance = this.sigmaBar * this.sigmaBar;
    this.omega = (1 - GARCH_ALPHA - GARCH_BETA) * (variance - jumpVariance) - GARCH_ALPHA * jumpVariance;
    this.logRef = Math.log(asset.refPrice);
    this.rho = assetIndex === BTC_ASSET_INDEX ? 1 : asset.btcCorrelation;
    this.rhoIdio = Math.sqrt(Math.max(0, 1 - this.rho * this.rho));
    this.lotsPerHour = asset.dailyVolume / 24 / asset.amountStep;

    this.btcHourStream = streamKey(seed, BTC_ASSET_INDEX, Purpose.HourShock);
    this.hourStream = streamKey(seed, assetIndex, Purpose.HourShock);
    this.jumpStream = streamKey(seed, assetIndex, Purpose.HourJump);
    this.btcMinuteStream = streamKey(seed, BTC_ASSET_INDEX, Purpose.MinuteShock);
    this.minuteStream = streamKey(seed, assetIndex, Purpose.MinuteShock);
    this.extremesStream = streamKey(seed, assetIndex, Purpose.MinuteExtremes);
    this.shapeStream = streamKey(seed, assetIndex, Purpose.SecondShape);
    this.noiseStream = streamKey(seed, assetIndex, Purpose.SecondNoise);
    this.hourExtremesStream = streamKey(seed, assetIndex, Purpose.HourExtremes);

    this.forward[0] = this.logRef;
    this.forwardSigma[0] = this.sigmaBar;
    this.backward[0] = this.logRef;
    this.backwardSigma[1] = this.sigmaBar;
  }

  /** The hour's total log shock: correlated normal shock scaled by σ, plus a rare jump. */
  private hourShock(h: number, sigma: number): number {
    const z = this.rho === 1 ? normalAt(this.btcHourStream, h) : this.rho * normalAt(this.btcHourStream, h) + this.rhoIdio * normalAt(this.hourStream, h);
    let shock = sigma * z;
    const jumpHash = hashAt(this.jumpStream, h);
    if (uniformOf(jumpHash) < JUMP_PROBABILITY) {
      shock += JUMP_SIZE_SIGMAS * this.sigmaBar * (uniformOf(mix32(jumpHash ^ 0x2545f491)) < 0.5 ? -1 : 1) * (0.5 + uniformOf(mix32(jumpHash)));
    }
    return shock;
  }

  private nextVariance(sigma: number, shock: number): number {
    const variance = this.omega + GARCH_ALPHA * shock * shock + GARCH_BETA * sigma * sigma;
    return Math.min(variance, MAX_VARIANCE_RATIO * this.sigmaBar * this.sigmaBar);
  }

  /** Makes L(h), L(h + 1) and σ_h available. */
  private ensureHour(h: number): void {
    if (h >= 0) {
      const needed = h + 2;
      if (needed <= this.forwardCount) return;
      this.forward = growTo(this.forward, needed);
      this.forwardSigma = growTo(this.forwardSigma, needed);
      const log = this.forward;
      const sig = this.forwardSigma;
      for (let i = this.forwardCount - 1; i < needed - 1; i++) {
        const sigma = sig[i]!;
        const shock = this.hourShock(i, sigma);
        log[i + 1] = log[i]! - MEAN_REVERSION_PER_HOUR * (log[i]! - this.logRef) + shock;
        sig[i + 1] = Math.sqrt(this.nextVariance(sigma, shock));
      }
      this.forwardCount = needed;
      return;
    }
    const needed = -h + 1;
    if (needed <= this.backwardCount) return;
    this.backward = growTo(this.backward, needed);
    this.backwardSigma = growTo(this.backwardSigma, needed + 1);
    const log = this.backward;
    const sig = this.backwardSigma;
    for (let j = this.backwardCount; j < needed; j++) {
      const sigma = sig[j]!;
      const shock = this.hourShock(-j, sigma);
      const later = log[j - 1]!;
      log[j] = later - MEAN_REVERSION_PER_HOUR * (later - this.logRef) - shock;
      sig[j + 1] = Math.sqrt(this.nextVariance(sigma, shock));
    }
    this.backwardCount = needed;
  }

  /** Log price at the start of hour h. */
  hourOpen(h: number): number {
    if (h >= 0) {
      this.ensureHour(h);
      return this.forward[h]!;
    }
    this.ensureHour(h);
    return this.backward[-h]!;
  }

  /** Standard deviation of hour h's log return. */
  hourSigma(h: number): number {
    this.ensureHour(h);
    return h >= 0 ? this.forwardSigma[h]! : this.backwardSigma[-h]!;
  }

  /**
   * Hour h's high, low, volume and quote volume, computed from the skeleton alone. Minute data is fitted
   * inside these, so they are exactly the aggregate of the hour's minutes.
   */
  hourSummary(h: number, out: HourSummary = this.summary): HourSummary {
    const start = this.hourOpen(h);
    const end = this.hourOpen(h + 1);
    const sigma = this.hourSigma(h);
    const hash = hashAt(this.hourExtremesStream, h);
    const diff = start - end;
    const sum = start + end;
    const diffSquared = diff * diff;
    const variance = sigma * sigma;
    out.high = (sum + Math.sqrt(diffSquared + 2 * variance * exponentialOf(hash))) / 2;
    out.low = (sum - Math.sqrt(diffSquared + 2 * variance * exponentialOf(mix32(hash ^ 0x3c6ef372)))) / 2;
    // The anchor is midnight UTC, so h mod 24 is the UTC hour; activity peaks in the US afternoon.
    const hourOfDay = ((h % 24) + 24) % 24;
    const seasonality = 1 + 0.25 * Math.sin((2 * Math.PI * (hourOfDay - 8)) / 24);
    const activity = (0.3 + (0.55 * (out.high - out.low)) / sigma) * (0.6 + 0.8 * uniformOf(mix32(hash ^ 0x1b873593)));
    out.volume = Math.round(this.lotsPerHour * seasonality * (sigma / this.sigmaBar) * activity);
    out.quoteVolume = out.volume * this.asset.amountStep * Math.exp((sum + out.high + out.low) / 4);
    return out;
  }

  private computeHour(h: number, out: HourDetail): void {
    const start = this.hourOpen(h);
    const end = this.hourOpen(h + 1);
    const sigma = this.hourSigma(h);
    const { high: hourHigh, low: hourLow, volume: hourVolume, quoteVolume: hourQuote } = this.hourSummary(h, { high: 0, low: 0, volume: 0, quoteVolume: 0 });
    const minuteSigma = sigma / Math.sqrt(60);
    const { rho, rhoIdio, btcMinuteStream, minuteStream, extremesStream } = this;
    const { boundary, high, low, volume, quoteVolume } = out;
    const firstMinute = h * 60;

    let walk = 0;
    boundary[0] = 0;
    for (let k = 0; k < 60; k++) {
      const m = firstMinute + k;
      const z = rho === 1 ? normalAt(btcMinuteStream, m) : rho * normalAt(btcMinuteStream, m) + rhoIdio * normalAt(minuteStream, m);
      walk += minuteSigma * z;
      boundary[k + 1] = walk;
    }
    // Bridge deviations from the straight line, rescaled on each side so the highest point comes within a
    // hashed 70–95 % of the way to the hour's high (likewise the lowest to its low); the extreme minutes'
    // wicks cover the rest.
    let upRatio = 0;
    let downRatio = 0;
    for (let k = 1; k < 60; k++) {
      const line = start + ((end - start) * k) / 60;
      const deviation = boundary[k]! - (walk * k) / 60;
      boundary[k] = deviation;
      if (deviation > 0) upRatio = Math.max(upRatio, deviation / (hourHigh - line));
      else downRatio = Math.max(downRatio, -deviation / (line - hourLow));
    }
    const reach = uniformOf(mix32(hashAt(this.hourExtremesStream, h) ^ 0x5f356495));
    const upScale = upRatio > 0 ? Math.min(4, (0.7 + 0.25 * reach) / upRatio) : 1;
    const downScale = downRatio > 0 ? Math.min(4, (0.7 + 0.25 * reach) / downRatio) : 1;
    boundary[0] = start;
    for (let k = 1; k < 60; k++) {
      const deviation = boundary[k]!;
      boundary[k] = start + ((end - start) * k) / 60 + deviation * (deviation > 0 ? upScale : downScale);
    }
    boundary[60] = end;

    const halfExtremeVariance = (MINUTE_EXTREME_VARIANCE_SCALE * minuteSigma * minuteSigma) / 2;
    let highest = 0;
    let lowest = 0;
    let totalWeight = 0;
    for (let k = 0; k < 60; k++) {
      const a = boundary[k]!;
      const b = boundary[k + 1]!;
      const hash = hashAt(extremesStream, firstMinute + k);
      const diff = a - b;
      const sum = a + b;
      const diffSquared = diff * diff;
      high[k] = (sum + Math.sqrt(diffSquared + 4 * halfExtremeVariance * exponentialOf(hash))) / 2;
      low[k] = (sum - Math.sqrt(diffSquared + 4 * halfExtremeVariance * exponentialOf(mix32(hash ^ 0x3c6ef372)))) / 2;
      if (high[k]! > high[highest]!) highest = k;
      if (low[k]! < low[lowest]!) lowest = k;
      const weight = (0.4 + (0.75 * Math.abs(diff)) / minuteSigma) * (0.5 + uniformOf(mix32(hash ^ 0x1b873593)));
      totalWeight += weight;
      volume[k] = totalWeight;
      quoteVolume[k] = Math.exp(sum / 2 - start);
    }
    for (let k = 0; k < 60; k++) {
      if (high[k]! > hourHigh) high[k] = hourHigh;
      if (low[k]! < hourLow) low[k] = hourLow;
    }
    high[highest] = hourHigh;
    low[lowest] = hourLow;

    // Cumulative rounding: each minute's lots are whole and they add up to the hour's volume exactly.
    let previous = 0;
    let quoteWeight = 0;
    for (let k = 0; k < 60; k++) {
      const cumulative = Math.round((hourVolume * volume[k]!) / totalWeight);
      volume[k] = cumulative - previous;
      previous = cumulative;
      quoteVolume[k] = volume[k]! * quoteVolume[k]!;
      quoteWeight += quoteVolume[k]!;
    }
    for (let k = 0; k < 60; k++) quoteVolume[k] = quoteWeight > 0 ? (hourQuote * quoteVolume[k]!) / quoteWeight : 0;
  }

  hourDetail(h: number): HourDetail {
    let detail = this.details.get(h);
    if (!detail) {
      detail = createHourDetail();
      this.computeHour(h, detail);
      this.details.set(h, detail);
    }
    return detail;
  }

  private accumulateHour(h: number, target: Aggregate): void {
    const summary = this.hourSummary(h);
    if (summary.high > target.high) target.high = summary.high;
    if (summary.low < target.low) target.low = summary.low;
    target.volume += summary.volume;
    target.quoteVolume += summary.quoteVolume;
  }

  /** Log prices of the 60 one-second ticks of minute m (anchor-relative minute index). */
  secondTicks(m: number): Float64Array {
    const cached = this.seconds.get(m);
    if (cached) return cached;
    const h = Math.floor(m / 60);
    const k = m - h * 60;
    const detail = this.hourDetail(h);
    const open = detail.boundary[k]!;
    const close = detail.boundary[k + 1]!;
    const high = detail.high[k]!;
    const low = detail.low[k]!;
    const ticks = new Float64Array(60);

    const shape = hashAt(this.shapeStream, m);
    const lowFirst = uniformOf(shape) < (close > open ? 0.65 : 0.35);
    const first = 1 + Math.floor(uniformOf(mix32(shape ^ 0x7f4a7c15)) * 57);
    const second = first + 1 + Math.floor(uniformOf(mix32(shape ^ 0x94d049bb)) * (58 - first));
    const times = [0, first, second, 59] as const;
    const values = [open, lowFirst ? low : high, lowFirst ? high : low, close] as const;

    const secondSigma = (SECOND_NOISE_SCALE * this.hourSigma(h)) / 60;
    const noise = this.noise;
    noise[0] = 0;
    for (let j = 1; j < 60; j++) noise[j] = noise[j - 1]! + secondSigma * normalAt(this.noiseStream, m * 60 + j);

    for (let segment = 0; segment < 3; segment++) {
      const t0 = times[segment]!;
      const t1 = times[segment + 1]!;
      const v0 = values[segment]!;
      const v1 = values[segment + 1]!;
      const n0 = noise[t0]!;
      const n1 = noise[t1]!;
      ticks[t0] = v0;
      for (let j = t0 + 1; j < t1; j++) {
        const f = (j - t0) / (t1 - t0);
        const value = v0 + (v1 - v0) * f + (noise[j]! - n0 - (n1 - n0) * f);
        ticks[j] = reflectInto(value, low, high);
      }
    }
    ticks[59] = close;
    this.seconds.set(m, ticks);
    return ticks;
  }

  /** Log price of the tick at anchor-relative second `sec`. */
  tickAt(sec: number): number {
    const m = Math.floor(sec / 60);
    return this.secondTicks(m)[sec - m * 60]!;
  }

  /** Lots traded in minute m up to and including second j of it (volume accrues evenly over the minute). */
  private partialMinuteVolume(detail: HourDetail, k: number, j: number): number {
    return Math.floor((detail.volume[k]! * (j + 1)) / 60);
  }

  /**
   * OHLCV of all ticks from `startSec` (a minute boundary) through `endSec` inclusive, in log space.
   * Whole hours come from their summaries, whole minutes from hour details, and a trailing partial
   * minute from its second ticks.
   */
  aggregate(startSec: number, endSec: number, out: Aggregate = emptyAggregate()): Aggregate {
    out.high = -Infinity;
    out.low = Infinity;
    out.volume = 0;
    out.quoteVolume = 0;
    const firstMinute = Math.floor(startSec / 60);
    const lastMinute = Math.floor(endSec / 60);
    const lastSecond = endSec - lastMinute * 60;
    const lastFullMinute = lastSecond === 59 ? lastMinute : lastMinute - 1;

    out.open = this.minuteOpen(firstMinute);

    let m = firstMinute;
    while (m <= lastFullMinute) {
      const h = Math.floor(m / 60);
      const hourStart = h * 60;
      if (m === hourStart && hourStart + 59 <= lastFullMinute) {
        this.accumulateHour(h, out);
        m = hourStart + 60;
        continue;
      }
      const detail = this.hourDetail(h);
      const stop = Math.min(lastFullMinute, hourStart + 59);
      for (; m <= stop; m++) {
        const k = m - hourStart;
        if (detail.high[k]! > out.high) out.high = detail.high[k]!;
        if (detail.low[k]! < out.low) out.low = detail.low[k]!;
        out.volume += detail.volume[k]!;
        out.quoteVolume += detail.quoteVolume[k]!;
      }
    }

    if (lastSecond === 59) {
      out.close = this.minuteOpen(lastMinute + 1);
      return out;
    }
    const h = Math.floor(lastMinute / 60);
    const k = lastMinute - h * 60;
    const detail = this.hourDetail(h);
    const ticks = this.secondTicks(lastMinute);
    for (let j = 0; j <= lastSecond; j++) {
      const tick = ticks[j]!;
      if (tick > out.high) out.high = tick;
      if (tick < out.low) out.low = tick;
    }
    const lots = this.partialMinuteVolume(detail, k, lastSecond);
    out.volume += lots;
    out.quoteVolume += lots * this.asset.amountStep * Math.exp((ticks[0]! + ticks[lastSecond]!) / 2);
    out.close = ticks[lastSecond]!;
    return out;
  }

  /** Log price at the start of minute m; an hour's first minute needs only the skeleton. */
  minuteOpen(m: number): number {
    const h = Math.floor(m / 60);
    const k = m - h * 60;
    if (k === 0) return this.hourOpen(h);
    return this.hourDetail(h).boundary[k]!;
  }

  /** Volume in lots of minute m up to and including its second j (59 = the whole minute). */
  minuteVolume(m: number, j = 59): number {
    const h = Math.floor(m / 60);
    const k = m - h * 60;
    return this.partialMinuteVolume(this.hourDetail(h), k, j);
  }

  /**
   * First anchor-relative second in (fromSec, toSec] whose tick is at or below `logPrice` (direction -1)
   * or at or above it (direction 1), or null. Skips whole hours and minutes by their low/high.
   */
  findCrossing(fromSec: number, toSec: number, logPrice: number, direction: 1 | -1): number | null {
    const hits = (value: number) => (direction === -1 ? value <= logPrice : value >= logPrice);
    let sec = fromSec + 1;
    const probe = emptyAggregate();
    while (sec <= toSec) {
      const m = Math.floor(sec / 60);
      const h = Math.floor(m / 60);
      if (sec === h * 3600 && (h + 1) * 3600 - 1 <= toSec) {
        probe.high = -Infinity;
        probe.low = Infinity;
        this.accumulateHour(h, probe);
        if (!hits(direction === -1 ? probe.low : probe.high)) {
          sec = (h + 1) * 3600;
          continue;
        }
      }
      const detail = this.hourDetail(h);
      const k = m - h * 60;
      if (sec === m * 60 && !hits(direction === -1 ? detail.low[k]! : detail.high[k]!)) {
        sec = (m + 1) * 60;
        continue;
      }
      const ticks = this.secondTicks(m);
      const stop = Math.min(toSec, m * 60 + 59);
      for (; sec <= stop; sec++) {
        if (hits(ticks[sec - m * 60]!)) return sec;
      }
    }
    return null;
  }
}

// Folds a value back into [low, high] like a reflection off the bounds. Clamping instead would pin
// consecutive seconds to the minute's high or low, and the price would sit still for several seconds.
function reflectInto(value: number, low: number, high: number): number {
  const range = high - low;
  if (!(range > 0)) return low;
  const period = 2 * range;
  let x = (value - low) % period;
  if (x < 0) x += period;
  return low + (x <= range ? x : period - x);
}
