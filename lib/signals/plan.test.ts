import { describe, expect, test } from "vitest";
import type { Candle } from "./indicators";
import { computeSignalProgress } from "./lifecycle";
import { buildRecordTrigger, classifySource, computeMinTier, isBusy, LIVE_GRACE_MS, readRecord, selectSignals, type BusyInterval } from "./plan";
import { computeSignal, computeSignalHistory, SIGNAL_TTL_MS, type FiredSignal } from "./rules";

const H = 3_600_000;

describe("computeMinTier", () => {
  test.each([
    [0, "free"],
    [59, "free"],
    [60, "pro"],
    [79, "pro"],
    [80, "premium"],
    [100, "premium"],
  ] as const)("confidence %d → %s", (confidence, tier) => {
    expect(computeMinTier(confidence)).toBe(tier);
  });
});

function fired(direction: "buy" | "sell", createdAt: number, timeframe: "15m" | "1h" = "15m"): FiredSignal {
  const sign = direction === "buy" ? 1 : -1;
  return {
    direction,
    timeframe,
    candleTime: createdAt - (timeframe === "15m" ? 900_000 : H),
    createdAt,
    expiresAt: createdAt + SIGNAL_TTL_MS,
    entry: 100,
    stopLoss: 100 - sign * 2,
    tp1: 100 + sign * 2,
    tp2: 100 + sign * 4,
    tp3: 100 + sign * 6,
    riskPerUnit: 2,
    confidence: 50,
    triggers: [],
  };
}

const bar = (openTime: number, low: number, high: number, close = (low + high) / 2): Candle => ({ openTime, open: close, high, low, close, volume: 1 });

describe("selectSignals", () => {
  test("a direction is busy from creation until close; an open one blocks forever", () => {
    const busy: BusyInterval[] = [
      { direction: "buy", fromMs: 10, toMs: 20 },
      { direction: "sell", fromMs: 15, toMs: null },
    ];
    expect(isBusy(busy, "buy", 10)).toBe(true);
    expect(isBusy(busy, "buy", 20)).toBe(false);
    expect(isBusy(busy, "sell", 14)).toBe(false);
    expect(isBusy(busy, "sell", 1e12)).toBe(true);
  });

  test("worked series: a buy is stopped out at hour 2, so the 1 h buy at hour 1 is skipped and the one at hour 3 is taken", () => {
    // Bars every hour from 0: price drifts then falls through the first buy's stop (98) in the hour-2 bar.
    const bars = [bar(0, 99.5, 100.5), bar(H, 99, 101), bar(2 * H, 97, 100), bar(3 * H, 96, 97.5), bar(4 * H, 95.5, 97)];
    const first = fired("buy", 0);
    const second = fired("buy", H, "1h");
    const third = fired("buy", 3 * H);
    const sell = fired("sell", H);
    const taken = selectSignals([third, second, first, sell], [], (signal) => computeSignalProgress(signal, bars, { now: 5 * H }));
    expect(taken.map((t) => [t.signal.direction, t.signal.createdAt])).toEqual([
      ["buy", 0],
      ["sell", H],
      ["buy", 3 * H],
    ]);
    expect(taken[0]!.progress).toMatchObject({ status: "closed", outcome: "stop", closedAt: 2 * H, resultR: -1 });
    // The sell (entry 100, stop 102, TP1 98) reached TP1 at hour 2 and stays open: TP3 is 94.
    expect(taken[1]!.progress).toMatchObject({ status: "active", tp1HitAt: 2 * H, closedAt: null });
  });

  test("signals already recorded keep the direction busy", () => {
    const taken = selectSignals([fired("buy", 5 * H)], [{ direction: "buy", fromMs: 0, toMs: null }], () => {
      throw new Error("never followed");
    });
    expect(taken).toEqual([]);
  });
});

describe("signal source", () => {
  test.each([
    [0, "live"],
    [LIVE_GRACE_MS, "live"],
    [LIVE_GRACE_MS + 1, "history"],
  ] as const)("recorded %d ms after the close → %s", (lag, source) => {
    expect(classifySource(1_000, 1_000 + lag)).toBe(source);
  });

  test("the record trigger is bookkeeping: it sets the source and is not a condition", () => {
    const triggers = [{ name: "rsi_oversold", value: 25 }, buildRecordTrigger("history", 50 * H)];
    expect(readRecord(triggers, H)).toEqual({ source: "history", recordedAtMs: 50 * H, conditions: [{ name: "rsi_oversold", value: 25 }] });
    expect(readRecord([{ name: "rsi_oversold", value: 25 }], H)).toMatchObject({ source: "live", recordedAtMs: H });
  });
});

describe("computeSignalHistory", () => {
  // A long slide, then a sharp bounce: the same deterministic series the rules tests use in spirit.
  const candles: Candle[] = Array.from({ length: 400 }, (_, i) => {
    const close = 100 + 10 * Math.sin(i / 9) + (i % 7) * 0.3 - i * 0.02;
    return { openTime: i * H, open: close - 0.2, high: close + 0.8, low: close - 0.8, close, volume: 1000 + ((i * 37) % 11) * 40 };
  });

  test("each bar's decision equals computeSignal on the candles up to that bar (no look-ahead)", () => {
    const now = 400 * H;
    const history = computeSignalHistory(candles, { now, timeframe: "1h", fromMs: 0 });
    expect(history.length).toBeGreaterThan(3);
    for (const signal of history) {
      const upTo = candles.filter((c) => c.openTime <= signal.candleTime);
      const single = computeSignal(upTo, { now: signal.createdAt, timeframe: "1h" });
      expect(single).toEqual(signal);
    }
    const fromMs = 300 * H;
    expect(computeSignalHistory(candles, { now, timeframe: "1h", fromMs })).toEqual(history.filter((s) => s.createdAt >= fromMs));
  });

  test("a bar still forming at `now` is never evaluated", () => {
    const now = 399 * H + 1;
    expect(computeSignalHistory(candles, { now, timeframe: "1h", fromMs: 0 }).every((s) => s.createdAt <= now)).toBe(true);
  });
});
