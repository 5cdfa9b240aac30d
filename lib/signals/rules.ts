// Turns closed candles into a buy / sell / no-signal decision.
//
// Conditions and their weights (confidence points). Bullish and bearish versions mirror each other:
//   rsi_oversold / rsi_overbought            25  RSI(14) < 30 / > 70
//   macd_bullish_cross / macd_bearish_cross  25  MACD(12,26,9) histogram changed sign on the last bar
//   close_below_lower_band / _above_upper    20  last close outside Bollinger(20, 2)
//   ema_trend_up / ema_trend_down            20  EMA(50) above / below EMA(200) (needs 200 bars)
//   volume_spike                             10  volume z-score(20) >= 2; direction-neutral confirmation
// A direction needs at least 2 of its own directional conditions and a net score (its weights minus
// the opposite side's) of at least 40. Confidence = net score + 10 when volume confirms, capped at 100,
// so the five conditions firing together give exactly 100.
// Risk: entry = last close, stop = entry ∓ 1.5·ATR(14), TP1..TP3 = entry ± 1R, 2R, 3R.
// Only bars closed at `now` count; a signal lives 48 h from the close of the bar it was computed on.
import {
  type Candle,
  computeAtr,
  computeBollingerBands,
  computeEma,
  computeMacd,
  computeRsi,
  computeVolumeZScore,
} from "./indicators";

export const TIMEFRAME_MS = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "4h": 14_400_000,
  "1d": 86_400_000,
} as const;

export type Timeframe = keyof typeof TIMEFRAME_MS;

export const SIGNAL_TTL_MS = 48 * 3_600_000;

export const CONDITION_WEIGHTS = { rsi: 25, macdCross: 25, bollinger: 20, emaTrend: 20, volume: 10 } as const;

// MACD(12,26,9) needs 34 bars for its first signal value and one more to see a cross.
export const MIN_CANDLES = 35;

export type SignalDirection = "buy" | "sell";

export type TriggerName =
  | "rsi_oversold"
  | "rsi_overbought"
  | "macd_bullish_cross"
  | "macd_bearish_cross"
  | "close_below_lower_band"
  | "close_above_upper_band"
  | "ema_trend_up"
  | "ema_trend_down"
  | "volume_spike";

export type SignalTrigger = { name: TriggerName; value: number; detail?: string };

export type NoSignalReason = "insufficient_data" | "stale_data" | "no_setup" | "invalid_risk";

export type SignalRuleOptions = {
  now: number; // ms since epoch; bars still forming at `now` are ignored
  timeframe: Timeframe;
  rsiOversold?: number;
  rsiOverbought?: number;
  volumeZThreshold?: number;
  stopAtrMultiple?: number;
  minScore?: number;
  minConditions?: number;
};

export type ComputedSignal =
  | {
      direction: SignalDirection;
      timeframe: Timeframe;
      candleTime: number; // openTime of the last closed bar the signal was computed on
      createdAt: number; // close time of that bar (candleTime + timeframe), not `now`
      expiresAt: number;
      entry: number;
      stopLoss: number;
      tp1: number;
      tp2: number;
      tp3: number;
      riskPerUnit: number; // |entry - stopLoss|, i.e. 1R in price units
      confidence: number; // 0..100
      triggers: SignalTrigger[];
    }
  | {
      direction: "none";
      timeframe: Timeframe;
      candleTime: number | null;
      reason: NoSignalReason;
      confidence: 0;
      triggers: SignalTrigger[];
    };

type Scored = { trigger: SignalTrigger; side: SignalDirection | "both"; weight: number };

type RuleSettings = Required<Omit<SignalRuleOptions, "now" | "timeframe">>;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const formatPrice = (value: number) => String(Number(value.toPrecision(8)));

function last<T>(values: readonly T[], back = 0): T | undefined {
  return values[values.length - 1 - back];
}

// Every indicator over the whole series once; conditions at bar i read index i, which only depends
// on bars 0..i (all the indicators are causal), so evaluating history never looks ahead.
type IndicatorSet = {
  closes: number[];
  rsi: (number | null)[];
  histogram: (number | null)[];
  upper: (number | null)[];
  lower: (number | null)[];
  fast: (number | null)[];
  slow: (number | null)[];
  volumeZ: (number | null)[];
  atr: (number | null)[];
};

function computeIndicatorSet(candles: readonly Candle[]): IndicatorSet {
  const closes = candles.map((c) => c.close);
  const bands = computeBollingerBands(closes, { period: 20, k: 2 });
  return {
    closes,
    rsi: computeRsi(closes, 14),
    histogram: computeMacd(closes).histogram,
    upper: bands.upper,
    lower: bands.lower,
    fast: computeEma(closes, 50),
    slow: computeEma(closes, 200),
    volumeZ: computeVolumeZScore(candles.map((c) => c.volume), 20),
    atr: computeAtr(candles, 14),
  };
}

function collectConditions(ind: IndicatorSet, i: number, settings: RuleSettings): Scored[] {
  const close = ind.closes[i] ?? 0;
  const scored: Scored[] = [];
  const fire = (side: Scored["side"], weight: number, name: TriggerName, value: number, detail: string) =>
    scored.push({ side, weight, trigger: { name, value, detail } });

  const rsi = ind.rsi[i];
  if (rsi != null && rsi < settings.rsiOversold) {
    fire("buy", CONDITION_WEIGHTS.rsi, "rsi_oversold", round(rsi), `RSI(14) ${round(rsi)} < ${settings.rsiOversold}`);
  } else if (rsi != null && rsi > settings.rsiOverbought) {
    fire("sell", CONDITION_WEIGHTS.rsi, "rsi_overbought", round(rsi), `RSI(14) ${round(rsi)} > ${settings.rsiOverbought}`);
  }

  const hist = ind.histogram[i];
  const prevHist = i > 0 ? ind.histogram[i - 1] : null;
  if (hist != null && prevHist != null) {
    // value = histogram (MACD − signal) on the crossing bar, in price units
    if (prevHist <= 0 && hist > 0) {
      fire("buy", CONDITION_WEIGHTS.macdCross, "macd_bullish_cross", hist, "MACD(12,26,9) crossed above its signal line");
    } else if (prevHist >= 0 && hist < 0) {
      fire("sell", CONDITION_WEIGHTS.macdCross, "macd_bearish_cross", hist, "MACD(12,26,9) crossed below its signal line");
    }
  }

  const upper = ind.upper[i];
  const lower = ind.lower[i];
  if (upper != null && lower != null && upper > lower) {
    // value = %B: below 0 under the lower band, above 1 over the upper band
    const percentB = round((close - lower) / (upper - lower), 4);
    if (close < lower) {
      fire("buy", CONDITION_WEIGHTS.bollinger, "close_below_lower_band", percentB, `close ${formatPrice(close)} < lower band ${formatPrice(lower)}`);
    } else if (close > upper) {
      fire("sell", CONDITION_WEIGHTS.bollinger, "close_above_upper_band", percentB, `close ${formatPrice(close)} > upper band ${formatPrice(upper)}`);
    }
  }

  const fast = ind.fast[i];
  const slow = ind.slow[i];
  if (fast != null && slow != null && slow !== 0) {
    const spreadPct = round(((fast - slow) / slow) * 100, 4);
    const detail = `EMA(50) ${formatPrice(fast)} vs EMA(200) ${formatPrice(slow)}; value = spread in %`;
    if (fast > slow) fire("buy", CONDITION_WEIGHTS.emaTrend, "ema_trend_up", spreadPct, detail);
    else if (fast < slow) fire("sell", CONDITION_WEIGHTS.emaTrend, "ema_trend_down", spreadPct, detail);
  }

  const volumeZ = ind.volumeZ[i];
  if (volumeZ != null && volumeZ >= settings.volumeZThreshold) {
    fire("both", CONDITION_WEIGHTS.volume, "volume_spike", round(volumeZ), `volume z-score(20) ${round(volumeZ)} >= ${settings.volumeZThreshold}`);
  }
  return scored;
}

function resolveSettings(options: Omit<SignalRuleOptions, "now" | "timeframe">): RuleSettings {
  return {
    rsiOversold: options.rsiOversold ?? 30,
    rsiOverbought: options.rsiOverbought ?? 70,
    volumeZThreshold: options.volumeZThreshold ?? 2,
    stopAtrMultiple: options.stopAtrMultiple ?? 1.5,
    minScore: options.minScore ?? 40,
    minConditions: options.minConditions ?? 2,
  };
}

// The decision on bar i of `closed` (sorted, all closed), given its indicators.
function decideAt(closed: readonly Candle[], ind: IndicatorSet, i: number, timeframe: Timeframe, settings: RuleSettings): ComputedSignal {
  const bar = closed[i]!;
  const barMs = TIMEFRAME_MS[timeframe];
  const none = (reason: NoSignalReason, triggers: SignalTrigger[] = []): ComputedSignal => ({
    direction: "none",
    timeframe,
    candleTime: bar.openTime,
    reason,
    confidence: 0,
    triggers,
  });
  if (i + 1 < MIN_CANDLES) return none("insufficient_data");

  const scored = collectConditions(ind, i, settings);
  const triggers = scored.map((s) => s.trigger);
  const scoreOf = (side: SignalDirection) =>
    scored.filter((s) => s.side === side).reduce((sum, s) => sum + s.weight, 0);
  const countOf = (side: SignalDirection) => scored.filter((s) => s.side === side).length;
  const net = scoreOf("buy") - scoreOf("sell");
  const direction: SignalDirection | null =
    net >= settings.minScore && countOf("buy") >= settings.minConditions
      ? "buy"
      : -net >= settings.minScore && countOf("sell") >= settings.minConditions
        ? "sell"
        : null;
  if (!direction) return none("no_setup", triggers);

  const atr = ind.atr[i];
  const entry = bar.close;
  const risk = (atr ?? 0) * settings.stopAtrMultiple;
  const sign = direction === "buy" ? 1 : -1;
  const stopLoss = entry - sign * risk;
  if (!(risk > 0) || Math.min(stopLoss, entry + sign * 3 * risk) <= 0) return none("invalid_risk", triggers);

  const hasVolume = scored.some((s) => s.side === "both");
  // The entry is the close printed when the bar closed, so the signal lives from that moment; the
  // lifecycle checker then starts exactly at the next bar however late this job ran.
  const createdAt = bar.openTime + barMs;
  return {
    direction,
    timeframe,
    candleTime: bar.openTime,
    createdAt,
    expiresAt: createdAt + SIGNAL_TTL_MS,
    entry,
    stopLoss,
    tp1: entry + sign * risk,
    tp2: entry + sign * 2 * risk,
    tp3: entry + sign * 3 * risk,
    riskPerUnit: risk,
    confidence: Math.min(100, Math.abs(net) + (hasVolume ? CONDITION_WEIGHTS.volume : 0)),
    triggers,
  };
}

function closedBars(candles: readonly Candle[], timeframe: Timeframe, now: number): Candle[] {
  const barMs = TIMEFRAME_MS[timeframe];
  return [...candles].sort((a, b) => a.openTime - b.openTime).filter((c) => c.openTime + barMs <= now);
}

export type FiredSignal = Extract<ComputedSignal, { direction: SignalDirection }>;

/**
 * What the rules said on every bar that closed in [fromMs, now]: the signals that fired, oldest first.
 * Indicators are computed once over the whole series, and bar i sees only bars up to i, so this is
 * what computeSignal would have answered at each close (with this series' warm-up).
 */
export function computeSignalHistory(
  candles: readonly Candle[],
  options: SignalRuleOptions & { fromMs: number },
): FiredSignal[] {
  const closed = closedBars(candles, options.timeframe, options.now);
  const ind = computeIndicatorSet(closed);
  const settings = resolveSettings(options);
  const barMs = TIMEFRAME_MS[options.timeframe];
  const out: FiredSignal[] = [];
  for (let i = 0; i < closed.length; i++) {
    if (closed[i]!.openTime + barMs < options.fromMs) continue;
    const decision = decideAt(closed, ind, i, options.timeframe, settings);
    if (decision.direction !== "none") out.push(decision);
  }
  return out;
}

export function computeSignal(candles: readonly Candle[], options: SignalRuleOptions): ComputedSignal {
  const { now, timeframe } = options;
  const barMs = TIMEFRAME_MS[timeframe];
  const closed = closedBars(candles, timeframe, now);
  const lastBar = last(closed);
  if (!lastBar || closed.length < MIN_CANDLES) {
    return { direction: "none", timeframe, candleTime: lastBar?.openTime ?? null, reason: "insufficient_data", confidence: 0, triggers: [] };
  }
  // More than one whole bar missing before `now` means the feed stalled; don't signal on old data.
  if (lastBar.openTime + 2 * barMs <= now) {
    return { direction: "none", timeframe, candleTime: lastBar.openTime, reason: "stale_data", confidence: 0, triggers: [] };
  }
  return decideAt(closed, computeIndicatorSet(closed), closed.length - 1, timeframe, resolveSettings(options));
}
