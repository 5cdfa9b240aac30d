import "server-only";
import type { NewSignal, Signal } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getCandles, MAX_CANDLES } from "@/lib/market/candles";
import { CHANNELS } from "@/lib/market/events";
import { listTrackedSymbols } from "@/lib/market/quotes";
import { getBus } from "@/lib/realtime/bus";
import type { Candle } from "./indicators";
import { computeSignalProgress, type SignalProgress } from "./lifecycle";
import { buildRecordTrigger, CHECK_TIMEFRAME, classifySource, computeMinTier, selectSignals } from "./plan";
import { hasSignals, insertSignals, listActiveSignals, listBusyIntervals, saveSignalProgress, toPriceString, toSignalView } from "./queries";
import { computeSignalHistory, TIMEFRAME_MS, type FiredSignal, type Timeframe } from "./rules";

// The two scheduled jobs of the signals domain (lib/jobs/index.ts), both once a minute:
// - generateSignals: on each candle close of every configured timeframe (SIGNAL_TIMEFRAMES), the rules
//   run over every tracked symbol. The first time a symbol+timeframe has no signal at all, the rules
//   walk its recent history instead (up to 14 days, at most 700 bars) and record what they would have
//   signalled there, each followed through the candles that came after; those are marked "history".
// - checkActiveSignals: follows every active signal on finer candles (CHECK_TIMEFRAME) since its
//   creation: TP1/TP2 milestones, TP3, stop, or expiry after 48 h (lifecycle.ts), then closes it.
// New live signals and every change are published on CHANNELS.signals as { signal }.

const HISTORY_MS = 14 * 86_400_000;
/** Bars before the first evaluated one, so EMA(200) and friends are warm. */
const WARMUP_BARS = 300;
/** Live runs also re-evaluate the bars just before the last close, so a missed minute is caught up. */
const CATCH_UP_BARS = 3;
const MINUTE_MS = 60_000;

// The demo exchange simulates candles and PGlite runs queries on this thread, so awaiting them does
// not let other work in; a macrotask break between steps keeps requests served during a long run.
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export function listSignalTimeframes(): Timeframe[] {
  const known = env.signalTimeframes.filter((tf): tf is Timeframe => Object.hasOwn(TIMEFRAME_MS, tf));
  return [...new Set(known)].sort((a, b) => TIMEFRAME_MS[a] - TIMEFRAME_MS[b]);
}

const toCandle = (bar: { time: number; open: number; high: number; low: number; close: number; volume: number }): Candle => ({
  openTime: bar.time,
  open: bar.open,
  high: bar.high,
  low: bar.low,
  close: bar.close,
  volume: bar.volume,
});

/** Bars of `timeframe` opening in [fromMs, toMs], oldest first, fetched in pages of MAX_CANDLES. */
export async function loadBars({ symbol, timeframe, fromMs, toMs }: { symbol: string; timeframe: Timeframe; fromMs: number; toMs: number }): Promise<Candle[]> {
  const barMs = TIMEFRAME_MS[timeframe];
  const bars = new Map<number, Candle>();
  let pageEnd = toMs;
  for (let page = 0; page < 20 && pageEnd >= fromMs; page++) {
    const count = Math.min(MAX_CANDLES, Math.floor((pageEnd - fromMs) / barMs) + 2);
    const batch = await getCandles({ symbol, timeframe, limit: count, now: pageEnd });
    await pause();
    for (const bar of batch) if (bar.time >= fromMs - barMs && bar.time <= toMs) bars.set(bar.time, toCandle(bar));
    const first = batch[0]?.time;
    if (first === undefined || batch.length < count) break;
    pageEnd = first - 1;
  }
  return [...bars.values()].sort((a, b) => a.openTime - b.openTime);
}

function toRow(symbol: string, signal: FiredSignal, progress: SignalProgress, recordedAtMs: number): NewSignal {
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    exchange: env.marketExchange,
    symbol,
    timeframe: signal.timeframe,
    direction: signal.direction,
    status: progress.status,
    entry: toPriceString(signal.entry),
    stopLoss: toPriceString(signal.stopLoss),
    tp1: toPriceString(signal.tp1),
    tp2: toPriceString(signal.tp2),
    tp3: toPriceString(signal.tp3),
    confidence: Math.round(signal.confidence),
    triggers: [...signal.triggers, buildRecordTrigger(classifySource(signal.createdAt, recordedAtMs), recordedAtMs)],
    minTier: computeMinTier(signal.confidence),
    outcome: progress.outcome,
    resultR: progress.resultR,
    resultPct: progress.resultPct,
    tp1HitAt: date(progress.tp1HitAt),
    tp2HitAt: date(progress.tp2HitAt),
    tp3HitAt: date(progress.tp3HitAt),
    expiresAt: new Date(signal.expiresAt),
    closedAt: date(progress.closedAt),
    createdAt: new Date(signal.createdAt),
  };
}

async function publish(rows: readonly Signal[]): Promise<void> {
  const bus = getBus();
  for (const row of rows) await bus.publish(CHANNELS.signals, { signal: toSignalView(row) });
}

const globalForSignals = globalThis as unknown as { __tradepulseSignalWalks?: Set<string> };
// Symbol+timeframe pairs known to have history (walked, or with signals already): never walked again.
const walked = (globalForSignals.__tradepulseSignalWalks ??= new Set<string>());

export type GenerateResult = { evaluated: number; created: number; history: number; published: number; failed: number };

/** One generator run for `now`: see the header. Work per run is bounded (≤ 1000 bars per series). */
export async function generateSignals({ now = new Date(), symbols, timeframes }: { now?: Date; symbols?: readonly string[]; timeframes?: readonly Timeframe[] } = {}): Promise<GenerateResult> {
  const nowMs = now.getTime();
  const minuteStart = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  const result: GenerateResult = { evaluated: 0, created: 0, history: 0, published: 0, failed: 0 };
  const tfs = timeframes ?? listSignalTimeframes();
  for (const symbol of symbols ?? listTrackedSymbols().map((s) => s.symbol)) {
    try {
      const candidates: FiredSignal[] = [];
      for (const timeframe of tfs) {
        const barMs = TIMEFRAME_MS[timeframe];
        const lastClose = Math.floor(nowMs / barMs) * barMs;
        const key = `${env.marketExchange}:${symbol}:${timeframe}`;
        let isFirst = false;
        if (!walked.has(key)) {
          isFirst = !(await hasSignals({ exchange: env.marketExchange, symbol, timeframe }));
          if (!isFirst) walked.add(key);
        }
        // Live: only in the minute a bar of this timeframe closed (the job runs once a minute).
        if (!isFirst && lastClose < minuteStart) continue;
        const evaluateBars = isFirst ? Math.min(MAX_CANDLES - WARMUP_BARS, Math.floor(HISTORY_MS / barMs)) : CATCH_UP_BARS;
        const candles = await getCandles({ symbol, timeframe, limit: evaluateBars + WARMUP_BARS, now: nowMs });
        const fromMs = lastClose - evaluateBars * barMs;
        await pause();
        candidates.push(...computeSignalHistory(candles.map(toCandle), { now: nowMs, timeframe, fromMs }));
        await pause();
        result.evaluated += evaluateBars;
        if (isFirst) walked.add(key);
      }
      if (candidates.length === 0) continue;

      const fromMs = Math.min(...candidates.map((c) => c.createdAt));
      const busy = await listBusyIntervals({ exchange: env.marketExchange, symbol, fromMs });
      const barsByCheck = new Map<Timeframe, Candle[]>();
      for (const checkTf of new Set(candidates.map((c) => CHECK_TIMEFRAME[c.timeframe]))) {
        barsByCheck.set(checkTf, await loadBars({ symbol, timeframe: checkTf, fromMs, toMs: nowMs }));
      }
      const selected = selectSignals(candidates, busy, (signal) =>
        computeSignalProgress(signal, barsByCheck.get(CHECK_TIMEFRAME[signal.timeframe]) ?? [], { now: nowMs }),
      );
      await pause();
      const written = await insertSignals(selected.map(({ signal, progress }) => toRow(symbol, signal, progress, nowMs)));
      const live = written.filter((row) => classifySource(row.createdAt.getTime(), nowMs) === "live");
      await publish(live);
      result.created += written.length;
      result.history += written.length - live.length;
      result.published += live.length;
    } catch (error) {
      result.failed++;
      logger.warn({ err: error, symbol }, "signals: generation failed for a symbol");
    }
    await pause();
  }
  return result;
}

export type CheckResult = { active: number; updated: number; closed: number; failed: number };

/** Follows every active signal up to `now`; writes and publishes what changed. */
export async function checkActiveSignals({ now = new Date(), symbols }: { now?: Date; symbols?: readonly string[] } = {}): Promise<CheckResult> {
  const nowMs = now.getTime();
  const active = await listActiveSignals({ symbols });
  const result: CheckResult = { active: active.length, updated: 0, closed: 0, failed: 0 };
  const groups = new Map<string, Signal[]>();
  for (const row of active) {
    const checkTf = CHECK_TIMEFRAME[row.timeframe as Timeframe] ?? "5m";
    const key = `${row.symbol}|${checkTf}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [key, rows] of groups) {
    const [symbol, checkTf] = key.split("|") as [string, Timeframe];
    try {
      const fromMs = Math.min(...rows.map((row) => row.createdAt.getTime()));
      const bars = await loadBars({ symbol, timeframe: checkTf, fromMs, toMs: nowMs });
      const changed: Signal[] = [];
      for (const row of rows) {
        const progress = computeSignalProgress(
          {
            direction: row.direction,
            entry: Number(row.entry),
            stopLoss: Number(row.stopLoss),
            tp1: Number(row.tp1),
            tp2: Number(row.tp2),
            tp3: Number(row.tp3),
            createdAt: row.createdAt.getTime(),
            expiresAt: row.expiresAt.getTime(),
            tp1HitAt: row.tp1HitAt?.getTime() ?? null,
            tp2HitAt: row.tp2HitAt?.getTime() ?? null,
          },
          bars,
          { now: nowMs },
        );
        const updated = await saveSignalProgress(row, progress);
        if (updated) {
          changed.push(updated);
          if (updated.status === "closed") result.closed++;
        }
      }
      result.updated += changed.length;
      await publish(changed);
      await pause();
    } catch (error) {
      result.failed += rows.length;
      logger.warn({ err: error, symbol }, "signals: checking active signals failed for a symbol");
    }
  }
  return result;
}
