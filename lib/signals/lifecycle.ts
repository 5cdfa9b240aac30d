// Follows an active signal through the bars printed after it, and scores closed signals.
//
// Result model (one model, no partial exits):
// - A signal is one full-size position. It closes entirely at exactly one price: TP3 (+3R), the stop
//   (-1R), or, at expiresAt (48 h after creation), the close of the last bar that opened before
//   expiresAt (marked to market, any fraction of R).
// - TP1 and TP2 are milestones only: their times are recorded, but nothing is sold there and the stop
//   is not moved. A signal that touches TP2 and then the stop is a -1R loss, which is what a trader
//   holding for the stated final target actually gets.
// - Bars are OHLC, so the order of touches inside one bar is unknown. When a bar reaches the stop and
//   any target, the stop is assumed to come first and that bar's targets are not recorded.
// - A bar that opens beyond the stop exits at its open (worse than the stop); one that opens beyond
//   TP3 exits at TP3. Both err against the signal.
// - Only bars with createdAt <= openTime < expiresAt count; a hit time is the openTime of its bar.
//   A tick is a bar with open = high = low = close.
// - R = (exit - entry) / (entry - stop) for a buy and (entry - exit) / (stop - entry) for a sell;
//   % = the same move over entry. Fees and funding are not included.
import type { Candle } from "./indicators";
import { SIGNAL_TTL_MS } from "./rules";

export type ActiveSignal = {
  direction: "buy" | "sell";
  entry: number;
  stopLoss: number;
  tp1: number;
  tp2: number;
  tp3: number;
  createdAt: number; // ms since epoch
  expiresAt: number;
  tp1HitAt?: number | null;
  tp2HitAt?: number | null;
};

export type SignalOutcome = "tp3" | "stop" | "expired";

export type SignalProgress = {
  status: "active" | "closed";
  tp1HitAt: number | null;
  tp2HitAt: number | null;
  tp3HitAt: number | null;
  stopHitAt: number | null;
  outcome: SignalOutcome | null;
  closedAt: number | null;
  exitPrice: number | null;
  resultR: number | null;
  resultPct: number | null;
};

type Bar = Pick<Candle, "openTime" | "open" | "high" | "low" | "close">;

export function computeSignalExpiry(createdAt: number): number {
  return createdAt + SIGNAL_TTL_MS;
}

function assertLevels(signal: ActiveSignal): void {
  const { entry, stopLoss, tp1, tp2, tp3 } = signal;
  const ordered =
    signal.direction === "buy"
      ? stopLoss < entry && entry < tp1 && tp1 <= tp2 && tp2 <= tp3
      : stopLoss > entry && entry > tp1 && tp1 >= tp2 && tp2 >= tp3;
  if (!ordered) throw new RangeError(`Signal levels are out of order for a ${signal.direction}`);
}

export function computeSignalResult(
  signal: Pick<ActiveSignal, "direction" | "entry" | "stopLoss">,
  exitPrice: number,
): { resultR: number; resultPct: number } {
  const sign = signal.direction === "buy" ? 1 : -1;
  const move = sign * (exitPrice - signal.entry);
  return {
    resultR: move / Math.abs(signal.entry - signal.stopLoss),
    resultPct: (move / signal.entry) * 100,
  };
}

export function computeSignalProgress(
  signal: ActiveSignal,
  bars: readonly Bar[],
  { now, markPrice }: { now: number; markPrice?: number },
): SignalProgress {
  assertLevels(signal);
  const isBuy = signal.direction === "buy";
  // "reached" means price traded at or beyond the level in the signal's favour (targets) or against it (stop).
  const reachedTarget = (bar: Bar, level: number) => (isBuy ? bar.high >= level : bar.low <= level);
  const reachedStop = (bar: Bar) => (isBuy ? bar.low <= signal.stopLoss : bar.high >= signal.stopLoss);
  const openedPastStop = (bar: Bar) => (isBuy ? bar.open <= signal.stopLoss : bar.open >= signal.stopLoss);

  const progress: SignalProgress = {
    status: "active",
    tp1HitAt: signal.tp1HitAt ?? null,
    tp2HitAt: signal.tp2HitAt ?? null,
    tp3HitAt: null,
    stopHitAt: null,
    outcome: null,
    closedAt: null,
    exitPrice: null,
    resultR: null,
    resultPct: null,
  };
  const close = (outcome: SignalOutcome, at: number, exitPrice: number): SignalProgress => ({
    ...progress,
    status: "closed",
    outcome,
    closedAt: at,
    exitPrice,
    ...computeSignalResult(signal, exitPrice),
  });

  const window = [...bars]
    .filter((bar) => bar.openTime >= signal.createdAt && bar.openTime < signal.expiresAt && bar.openTime <= now)
    .sort((a, b) => a.openTime - b.openTime);

  for (const bar of window) {
    if (reachedStop(bar)) {
      progress.stopHitAt = bar.openTime;
      return close("stop", bar.openTime, openedPastStop(bar) ? bar.open : signal.stopLoss);
    }
    if (progress.tp1HitAt === null && reachedTarget(bar, signal.tp1)) progress.tp1HitAt = bar.openTime;
    if (progress.tp2HitAt === null && reachedTarget(bar, signal.tp2)) progress.tp2HitAt = bar.openTime;
    if (reachedTarget(bar, signal.tp3)) {
      progress.tp3HitAt = bar.openTime;
      return close("tp3", bar.openTime, signal.tp3);
    }
  }

  if (now >= signal.expiresAt) {
    const lastBar = window[window.length - 1];
    return close("expired", signal.expiresAt, lastBar?.close ?? markPrice ?? signal.entry);
  }
  return progress;
}

export type ClosedSignalRecord = {
  symbol: string;
  timeframe: string;
  status: "active" | "closed";
  resultR: number | null;
};

export type SignalStats = {
  count: number;
  wins: number; // resultR > 0
  losses: number; // resultR < 0
  breakeven: number; // resultR === 0, counted in the win-rate denominator
  winRatePct: number | null;
  averageR: number | null;
  totalR: number;
  grossWinR: number;
  grossLossR: number; // positive number
  profitFactor: number | null; // null when there is no loss to divide by
};

export type SignalStatsReport = SignalStats & {
  bySymbol: Record<string, SignalStats>;
  byTimeframe: Record<string, SignalStats>;
};

function summarize(results: readonly number[]): SignalStats {
  const wins = results.filter((r) => r > 0);
  const losses = results.filter((r) => r < 0);
  const grossWinR = wins.reduce((sum, r) => sum + r, 0);
  const grossLossR = losses.reduce((sum, r) => sum - r, 0);
  const totalR = grossWinR - grossLossR;
  const count = results.length;
  return {
    count,
    wins: wins.length,
    losses: losses.length,
    breakeven: count - wins.length - losses.length,
    winRatePct: count ? (wins.length / count) * 100 : null,
    averageR: count ? totalR / count : null,
    totalR,
    grossWinR,
    grossLossR,
    profitFactor: grossLossR > 0 ? grossWinR / grossLossR : null,
  };
}

function groupBy(records: readonly { key: string; resultR: number }[]): Record<string, SignalStats> {
  const groups = new Map<string, number[]>();
  for (const { key, resultR } of records) groups.set(key, [...(groups.get(key) ?? []), resultR]);
  return Object.fromEntries([...groups].map(([key, results]) => [key, summarize(results)]));
}

export function computeSignalStats(signals: readonly ClosedSignalRecord[]): SignalStatsReport {
  const closed = signals.flatMap((s) =>
    s.status === "closed" && s.resultR !== null && Number.isFinite(s.resultR)
      ? [{ symbol: s.symbol, timeframe: s.timeframe, resultR: s.resultR }]
      : [],
  );
  return {
    ...summarize(closed.map((s) => s.resultR)),
    bySymbol: groupBy(closed.map((s) => ({ key: s.symbol, resultR: s.resultR }))),
    byTimeframe: groupBy(closed.map((s) => ({ key: s.timeframe, resultR: s.resultR }))),
  };
}
