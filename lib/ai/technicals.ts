// Technical features the analyst (model prompt and offline rules) works from. Pure: plain bars in,
// plain numbers out, no clock.
import { computeAtr, computeBollingerBands, computeEma, computeMacd, computeRsi, computeVolumeZScore, type Series } from "@/lib/signals/indicators";
import type { IndicatorSnapshot } from "./schemas";

export type PriceBar = { time: number; open: number; high: number; low: number; close: number; volume: number };

const last = (series: Series): number | null => series.at(-1) ?? null;

function round(value: number | null, digits = 8): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** The latest value of each indicator over `bars` (oldest first); null where the series is too short. */
export function computeIndicatorSnapshot(bars: readonly PriceBar[]): IndicatorSnapshot | null {
  const lastBar = bars.at(-1);
  if (!lastBar) return null;
  const closes = bars.map((bar) => bar.close);
  const macd = computeMacd(closes);
  const bands = computeBollingerBands(closes);
  const atr = last(computeAtr(bars));
  const first = bars[0]!.close;
  return {
    close: lastBar.close,
    ema20: round(last(computeEma(closes, 20))),
    ema50: round(last(computeEma(closes, 50))),
    ema200: round(last(computeEma(closes, 200))),
    rsi14: round(last(computeRsi(closes)), 2),
    macd: round(last(macd.macd)),
    macdSignal: round(last(macd.signal)),
    macdHistogram: round(last(macd.histogram)),
    bollingerUpper: round(last(bands.upper)),
    bollingerLower: round(last(bands.lower)),
    atr14: round(atr),
    atrPct: atr === null || lastBar.close <= 0 ? null : round((atr / lastBar.close) * 100, 3),
    volumeZ: round(last(computeVolumeZScore(bars.map((bar) => bar.volume))), 2),
    changePct: bars.length > 1 && first > 0 ? round(((lastBar.close - first) / first) * 100, 3) : null,
    bars: bars.length,
  };
}

export type SwingPoint = { index: number; time: number; price: number; kind: "high" | "low" };

/**
 * Fractal swing points: a bar whose high (low) is strictly above (below) the `span` bars on each side.
 * The last `span` bars cannot be confirmed yet and are skipped.
 */
export function findSwingPoints(bars: readonly PriceBar[], span = 3): SwingPoint[] {
  const points: SwingPoint[] = [];
  for (let i = span; i < bars.length - span; i++) {
    const bar = bars[i]!;
    let isHigh = true;
    let isLow = true;
    for (let j = i - span; j <= i + span; j++) {
      if (j === i) continue;
      const other = bars[j]!;
      if (other.high >= bar.high) isHigh = false;
      if (other.low <= bar.low) isLow = false;
    }
    if (isHigh) points.push({ index: i, time: bar.time, price: bar.high, kind: "high" });
    if (isLow) points.push({ index: i, time: bar.time, price: bar.low, kind: "low" });
  }
  return points;
}

export type Pivots = { pivot: number; r1: number; r2: number; s1: number; s2: number };

/** Classic floor-trader pivots from one completed bar (usually yesterday's daily candle). */
export function computePivots(bar: Pick<PriceBar, "high" | "low" | "close">): Pivots {
  const pivot = (bar.high + bar.low + bar.close) / 3;
  const range = bar.high - bar.low;
  return { pivot, r1: 2 * pivot - bar.low, s1: 2 * pivot - bar.high, r2: pivot + range, s2: pivot - range };
}

export type LevelCandidate = { price: number; source: string; weight: number };
export type KeyLevel = { price: number; sources: string[]; touches: number; score: number };

/**
 * Merges candidates closer than `tolerance` (absolute price) into one level at their weighted mean;
 * a level's score is the sum of its candidates' weights, so often-tested prices rank first.
 */
export function clusterLevels(candidates: readonly LevelCandidate[], tolerance: number): KeyLevel[] {
  const sorted = [...candidates].filter((c) => Number.isFinite(c.price) && c.price > 0).sort((a, b) => a.price - b.price);
  const clusters: LevelCandidate[][] = [];
  for (const candidate of sorted) {
    const current = clusters.at(-1);
    const anchor = current ? current.reduce((sum, c) => sum + c.price * c.weight, 0) / current.reduce((sum, c) => sum + c.weight, 0) : null;
    if (current && anchor !== null && candidate.price - anchor <= tolerance) current.push(candidate);
    else clusters.push([candidate]);
  }
  return clusters.map((members) => {
    const weight = members.reduce((sum, c) => sum + c.weight, 0);
    return {
      price: members.reduce((sum, c) => sum + c.price * c.weight, 0) / weight,
      sources: [...new Set(members.map((c) => c.source))],
      touches: members.length,
      score: weight,
    };
  });
}

export type KeyLevels = { supports: KeyLevel[]; resistances: KeyLevel[]; pivots: Pivots | null };

/**
 * Support and resistance around `price`: swing highs/lows of the hourly and daily series (recent and
 * daily ones weigh more), yesterday's pivots, and the daily 50/200 EMAs, clustered within half an
 * hourly ATR (at least 0.3 % of price). Supports below the price, resistances above, nearest first.
 */
export function computeKeyLevels({
  price,
  hourly,
  daily,
  maxPerSide = 3,
}: {
  price: number;
  hourly: readonly PriceBar[];
  daily: readonly PriceBar[];
  maxPerSide?: number;
}): KeyLevels {
  const candidates: LevelCandidate[] = [];
  const addSwings = (bars: readonly PriceBar[], label: string, baseWeight: number) => {
    for (const point of findSwingPoints(bars)) {
      const recency = bars.length > 1 ? point.index / (bars.length - 1) : 1; // 0 oldest … 1 newest
      candidates.push({ price: point.price, source: `${label} swing ${point.kind}`, weight: baseWeight * (0.5 + recency) });
    }
  };
  addSwings(hourly, "1h", 1);
  addSwings(daily, "1d", 2);

  // The last daily bar is still forming; pivots come from the one before it.
  const previousDay = daily.length >= 2 ? daily[daily.length - 2]! : null;
  const pivots = previousDay ? computePivots(previousDay) : null;
  if (pivots) {
    for (const [name, value] of Object.entries(pivots)) {
      candidates.push({ price: value, source: name === "pivot" ? "daily pivot" : `daily pivot ${name.toUpperCase()}`, weight: 1.5 });
    }
  }
  const dailyCloses = daily.map((bar) => bar.close);
  const ema50 = last(computeEma(dailyCloses, 50));
  const ema200 = last(computeEma(dailyCloses, 200));
  if (ema50 !== null) candidates.push({ price: ema50, source: "50-day EMA", weight: 2 });
  if (ema200 !== null) candidates.push({ price: ema200, source: "200-day EMA", weight: 2.5 });

  const atr = last(computeAtr(hourly));
  const tolerance = Math.max((atr ?? 0) * 0.5, price * 0.003);
  const levels = clusterLevels(candidates, tolerance);
  // A level within a sliver of the price is neither support nor resistance yet.
  const gap = price * 0.001;
  const rank = (a: KeyLevel, b: KeyLevel) => Math.abs(a.price - price) - Math.abs(b.price - price);
  const pick = (side: KeyLevel[]) => {
    // The strongest levels of the nearest band, then in distance order.
    const nearest = [...side].sort(rank).slice(0, maxPerSide * 2);
    return nearest
      .sort((a, b) => b.score - a.score)
      .slice(0, maxPerSide)
      .sort(rank);
  };
  return {
    supports: pick(levels.filter((level) => level.price < price - gap)),
    resistances: pick(levels.filter((level) => level.price > price + gap)),
    pivots,
  };
}

/** Bollinger bandwidth percentile of the latest bar among the last `lookback` bars (0 = narrowest). */
export function computeBandwidthPercentile(closes: readonly number[], lookback = 90): number | null {
  const bands = computeBollingerBands(closes);
  const widths: number[] = [];
  for (let i = 0; i < closes.length; i++) {
    const upper = bands.upper[i];
    const lower = bands.lower[i];
    const middle = bands.middle[i];
    if (upper == null || lower == null || middle == null || middle === 0) continue;
    widths.push((upper - lower) / middle);
  }
  const window = widths.slice(-lookback);
  const current = window.at(-1);
  if (current === undefined || window.length < 20) return null;
  const below = window.filter((width) => width < current).length;
  return (below / (window.length - 1)) * 100;
}

/** Slope of an EMA over the last `bars` bars, percent of its earlier value (null when undefined). */
export function computeEmaSlopePct(closes: readonly number[], period: number, bars = 5): number | null {
  const ema = computeEma(closes, period);
  const now = ema.at(-1);
  const before = ema.at(-1 - bars);
  if (now == null || before == null || before === 0) return null;
  return ((now - before) / before) * 100;
}
