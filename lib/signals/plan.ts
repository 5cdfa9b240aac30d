// Pure decisions around the rules: who may see a signal, which signals are taken when several fire,
// which bars follow a signal, and how a signal records where it came from.
import type { UserTier } from "@/lib/auth/tokens";
import type { SignalProgress } from "./lifecycle";
import { TIMEFRAME_MS, type FiredSignal, type SignalDirection, type Timeframe } from "./rules";

// Minimum tier by confidence (documented in README and on /signals):
//   confidence >= 80 → premium · 60–79 → pro · below 60 → free.
// The strongest setups are the paid product; the tier delays of lib/tiers.ts apply on top
// (free 30 min, pro 5 min, premium and vip at once).
export const CONFIDENCE_TIERS: readonly { minConfidence: number; tier: UserTier }[] = [
  { minConfidence: 80, tier: "premium" },
  { minConfidence: 60, tier: "pro" },
  { minConfidence: 0, tier: "free" },
];

export function computeMinTier(confidence: number): UserTier {
  return CONFIDENCE_TIERS.find((rule) => confidence >= rule.minConfidence)?.tier ?? "free";
}

// Signals are followed on finer bars than they are computed on, so fewer bars reach both the stop and
// a target (where lifecycle.ts must assume the stop came first).
export const CHECK_TIMEFRAME: Record<Timeframe, Timeframe> = {
  "1m": "1m",
  "5m": "1m",
  "15m": "5m",
  "1h": "5m",
  "4h": "15m",
  "1d": "1h",
};

/** When a signal of `direction` was open: from its creation until it closed (null: still open). */
export type BusyInterval = { direction: SignalDirection; fromMs: number; toMs: number | null };

export function isBusy(intervals: readonly BusyInterval[], direction: SignalDirection, atMs: number): boolean {
  return intervals.some((i) => i.direction === direction && i.fromMs <= atMs && (i.toMs === null || atMs < i.toMs));
}

/**
 * One symbol's fired signals (any timeframe) in the order they fired: a signal is taken only when no
 * signal of its direction was open at its creation, the same rule the database enforces for active
 * signals. `follow` tells how a taken signal went, which decides when the direction is free again.
 */
export function selectSignals<T extends FiredSignal>(
  candidates: readonly T[],
  busy: readonly BusyInterval[],
  follow: (signal: T) => SignalProgress,
): { signal: T; progress: SignalProgress }[] {
  const intervals = [...busy];
  const taken: { signal: T; progress: SignalProgress }[] = [];
  const ordered = [...candidates].sort((a, b) => a.createdAt - b.createdAt || TIMEFRAME_MS[b.timeframe] - TIMEFRAME_MS[a.timeframe]);
  for (const signal of ordered) {
    if (isBusy(intervals, signal.direction, signal.createdAt)) continue;
    const progress = follow(signal);
    intervals.push({ direction: signal.direction, fromMs: signal.createdAt, toMs: progress.closedAt });
    taken.push({ signal, progress });
  }
  return taken;
}

export type SignalSource = "live" | "history";

// A signal recorded within this long of its bar's close was generated live; anything later was
// computed from history (the first run's backfill, or a catch-up after downtime) and says so.
export const LIVE_GRACE_MS = 3 * 60_000;

/** Triggers whose name starts with "_" are bookkeeping, not indicator conditions. */
export const RECORD_TRIGGER = "_recorded";

export function classifySource(createdAtMs: number, recordedAtMs: number): SignalSource {
  return recordedAtMs - createdAtMs <= LIVE_GRACE_MS ? "live" : "history";
}

export type StoredTrigger = { name: string; value: number; detail?: string };

export function buildRecordTrigger(source: SignalSource, recordedAtMs: number): StoredTrigger {
  return {
    name: RECORD_TRIGGER,
    value: recordedAtMs,
    detail: source === "live" ? "generated live at the candle close" : "computed from history after the candle closed",
  };
}

export function readRecord(
  triggers: readonly StoredTrigger[],
  createdAtMs: number,
): { source: SignalSource; recordedAtMs: number; conditions: StoredTrigger[] } {
  const record = triggers.find((t) => t.name === RECORD_TRIGGER);
  const recordedAtMs = record?.value ?? createdAtMs;
  return {
    source: record ? classifySource(createdAtMs, recordedAtMs) : "live",
    recordedAtMs,
    conditions: triggers.filter((t) => !t.name.startsWith("_")),
  };
}
