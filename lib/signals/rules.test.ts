import { describe, expect, test } from "vitest";
import { type Candle, computeAtr } from "./indicators";
import { SIGNAL_TTL_MS, type TriggerName, computeSignal } from "./rules";

const HOUR = 3_600_000;

function fromCloses(closes: readonly number[], volumes: readonly number[] = []): Candle[] {
  return closes.map((close, i) => {
    const open = closes[i - 1] ?? close;
    return {
      openTime: i * HOUR,
      open,
      high: Math.max(open, close) * 1.002,
      low: Math.min(open, close) * 0.998,
      close,
      volume: volumes[i] ?? 1000 + (i % 5) * 20,
    };
  });
}

// Reflect prices around `axis`: every bullish reading becomes its bearish twin (RSI -> 100 - RSI,
// MACD negated, bands swapped, EMA order flipped) while ranges, ATR and volume stay the same.
function mirror(candles: readonly Candle[], axis = 400): Candle[] {
  return candles.map((c) => ({ ...c, open: axis - c.open, high: axis - c.low, low: axis - c.high, close: axis - c.close }));
}

const uptrend = Array.from({ length: 240 }, (_, i) => 100 * 1.001 ** i);
const top = uptrend[uptrend.length - 1] ?? 0;
// Two falling bars after 240 rising ones: the MACD turn happens on the first, so the last bar shows
// oversold RSI, a close under the lower band and the intact 50/200 trend.
const dipInUptrend = fromCloses([...uptrend, top * 0.98, top * 0.96]);
const dipWithVolume = fromCloses(
  [...uptrend, top * 0.98, top * 0.96],
  [...uptrend.map((_, i) => 1000 + (i % 5) * 20), 1000, 4000],
);
// One sharp bar: the bearish MACD cross subtracts from the dip-buying conditions (25+20+20-25 = 40).
const sharpDrop = fromCloses([...uptrend, top * 0.97]);
// 80 falling bars then a slow drift: RSI is pinned at 0 and the MACD histogram turns up at bar 80;
// under 200 bars, so the EMA trend does not vote.
const decline = Array.from({ length: 81 }, (_, i) => 200 - Math.min(i + 1, 80) - Math.max(0, i - 79) * 0.05);
const oversoldReversal = fromCloses(decline);
const flat = fromCloses(Array.from({ length: 60 }, () => 100), Array.from({ length: 60 }, () => 1000));

const closeOf = (candles: readonly Candle[]) => (candles[candles.length - 1]?.openTime ?? 0) + HOUR;

type Case = {
  name: string;
  candles: Candle[];
  now?: number;
  direction: "buy" | "sell" | "none";
  triggers: TriggerName[];
  confidence?: number;
  reason?: string;
};

const cases: Case[] = [
  {
    name: "buy: dip below the lower band in an uptrend, oversold",
    candles: dipInUptrend,
    direction: "buy",
    triggers: ["rsi_oversold", "close_below_lower_band", "ema_trend_up"],
    confidence: 65,
  },
  {
    name: "buy: the same dip on a volume spike adds 10",
    candles: dipWithVolume,
    direction: "buy",
    triggers: ["rsi_oversold", "close_below_lower_band", "ema_trend_up", "volume_spike"],
    confidence: 75,
  },
  {
    name: "buy: oversold with a bullish MACD cross, no 200-bar history",
    candles: oversoldReversal,
    direction: "buy",
    triggers: ["rsi_oversold", "macd_bullish_cross"],
    confidence: 50,
  },
  {
    name: "buy: opposite MACD cross is netted out but 40 remains",
    candles: sharpDrop,
    direction: "buy",
    triggers: ["rsi_oversold", "macd_bearish_cross", "close_below_lower_band", "ema_trend_up"],
    confidence: 40,
  },
  {
    name: "sell: mirrored dip (spike above the upper band in a downtrend)",
    candles: mirror(dipInUptrend),
    direction: "sell",
    triggers: ["rsi_overbought", "close_above_upper_band", "ema_trend_down"],
    confidence: 65,
  },
  {
    name: "sell: mirrored spike with volume",
    candles: mirror(dipWithVolume),
    direction: "sell",
    triggers: ["rsi_overbought", "close_above_upper_band", "ema_trend_down", "volume_spike"],
    confidence: 75,
  },
  {
    name: "sell: overbought with a bearish MACD cross",
    candles: mirror(oversoldReversal),
    direction: "sell",
    triggers: ["rsi_overbought", "macd_bearish_cross"],
    confidence: 50,
  },
  {
    name: "none: smooth uptrend, overbought RSI nets against the trend",
    candles: fromCloses(uptrend),
    direction: "none",
    triggers: ["rsi_overbought", "ema_trend_up"],
    reason: "no_setup",
  },
  { name: "none: flat market fires nothing", candles: flat, direction: "none", triggers: [], reason: "no_setup" },
  {
    name: "none: too few closed bars",
    candles: dipInUptrend.slice(0, 34),
    direction: "none",
    triggers: [],
    reason: "insufficient_data",
  },
  {
    name: "none: empty input",
    candles: [],
    now: 0,
    direction: "none",
    triggers: [],
    reason: "insufficient_data",
  },
  {
    name: "none: stale feed (last bar closed two hours before now)",
    candles: dipInUptrend,
    now: closeOf(dipInUptrend) + 2 * HOUR,
    direction: "none",
    triggers: [],
    reason: "stale_data",
  },
  {
    name: "none: the dip bar is still forming, so only the uptrend is seen",
    candles: fromCloses([...uptrend, top * 0.9]),
    now: uptrend.length * HOUR + HOUR / 2, // halfway through bar 240
    direction: "none",
    triggers: ["rsi_overbought", "ema_trend_up"],
    reason: "no_setup",
  },
];

describe("computeSignal", () => {
  test.each(cases)("$name", ({ candles, now, direction, triggers, confidence, reason }) => {
    const signal = computeSignal(candles, { now: now ?? closeOf(candles), timeframe: "1h" });
    expect(signal.direction).toBe(direction);
    expect(signal.triggers.map((t) => t.name)).toEqual(triggers);
    if (signal.direction === "none") {
      expect(signal.reason).toBe(reason);
      expect(signal.confidence).toBe(0);
    } else {
      expect(signal.confidence).toBe(confidence);
    }
  });

  test("entry, stop at 1.5 ATR and targets at 1R/2R/3R for a buy", () => {
    const now = closeOf(dipInUptrend);
    const signal = computeSignal(dipInUptrend, { now, timeframe: "1h" });
    if (signal.direction !== "buy") throw new Error("expected a buy");
    const atr = computeAtr(dipInUptrend, 14).at(-1) ?? 0;
    expect(signal.entry).toBe(top * 0.96);
    expect(signal.riskPerUnit).toBeCloseTo(1.5 * atr, 10);
    expect(signal.stopLoss).toBeCloseTo(signal.entry - 1.5 * atr, 10);
    expect(signal.tp1).toBeCloseTo(signal.entry + 1.5 * atr, 10);
    expect(signal.tp2).toBeCloseTo(signal.entry + 3 * atr, 10);
    expect(signal.tp3).toBeCloseTo(signal.entry + 4.5 * atr, 10);
    expect(signal.createdAt).toBe(now);
    expect(signal.expiresAt).toBe(now + SIGNAL_TTL_MS);
    expect(signal.candleTime).toBe(241 * HOUR);
  });

  test("a sell mirrors the levels: stop above, targets below", () => {
    const candles = mirror(dipInUptrend);
    const signal = computeSignal(candles, { now: closeOf(candles), timeframe: "1h" });
    if (signal.direction !== "sell") throw new Error("expected a sell");
    const risk = signal.riskPerUnit;
    expect(signal.stopLoss).toBeCloseTo(signal.entry + risk, 10);
    expect([signal.tp1, signal.tp2, signal.tp3]).toEqual([
      signal.entry - risk,
      signal.entry - 2 * risk,
      signal.entry - 3 * risk,
    ]);
  });

  test("trigger values carry the readings", () => {
    const signal = computeSignal(dipWithVolume, { now: closeOf(dipWithVolume), timeframe: "1h" });
    const byName = new Map(signal.triggers.map((t) => [t.name, t.value]));
    expect(byName.get("rsi_oversold")).toBeLessThan(30);
    expect(byName.get("close_below_lower_band")).toBeLessThan(0); // %B under 0
    expect(byName.get("ema_trend_up")).toBeGreaterThan(0); // spread in %
    expect(byName.get("volume_spike")).toBeGreaterThanOrEqual(2);
  });

  test("a late run still dates the signal from the bar close", () => {
    const barClose = closeOf(dipInUptrend);
    const signal = computeSignal(dipInUptrend, { now: barClose + 10 * 60_000, timeframe: "1h" });
    expect(signal).toMatchObject({ direction: "buy", createdAt: barClose, expiresAt: barClose + SIGNAL_TTL_MS });
  });

  test("a stop at or below zero is refused", () => {
    const signal = computeSignal(dipInUptrend, { now: closeOf(dipInUptrend), timeframe: "1h", stopAtrMultiple: 1000 });
    expect(signal).toMatchObject({ direction: "none", reason: "invalid_risk" });
  });

  test("input order does not matter", () => {
    const shuffled = [...dipInUptrend].reverse();
    const now = closeOf(dipInUptrend);
    expect(computeSignal(shuffled, { now, timeframe: "1h" })).toEqual(computeSignal(dipInUptrend, { now, timeframe: "1h" }));
  });
});
