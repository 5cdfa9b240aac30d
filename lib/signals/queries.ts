import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNotNull, lte, min, notInArray, or, sql, type SQL } from "drizzle-orm";
import Decimal from "decimal.js";
import { db } from "@/db/client";
import { signals, type NewSignal, type Signal } from "@/db/schema";
import { computePagination } from "@/lib/api/pagination";
import type { UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { TIER_LIMITS, TIERS, tierAtLeast } from "@/lib/tiers";
import { computeSignalStats, type SignalProgress, type SignalStatsReport } from "./lifecycle";
import { RECORD_TRIGGER, readRecord, type BusyInterval } from "./plan";
import type { ListSignalsQuery, LockedSignalsQuery, SignalStatsQuery, SignalView } from "./schemas";

// Signals are not user-owned: what a user may read is decided by tier (minTier) and time (the tier's
// delay after creation), both applied here in the query, never after loading.

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Prices are stored with 10 significant digits: finer than any exchange tick at these magnitudes. */
export function toPriceString(value: number): string {
  return new Decimal(value).toSignificantDigits(10).toFixed();
}

export function toSignalView(row: Signal): SignalView {
  const { source, recordedAtMs, conditions } = readRecord(row.triggers, row.createdAt.getTime());
  const entry = new Decimal(row.entry);
  const sign = row.direction === "buy" ? 1 : -1;
  return {
    id: row.id,
    exchange: row.exchange,
    symbol: row.symbol,
    timeframe: row.timeframe,
    direction: row.direction,
    status: row.status,
    entry: row.entry,
    stopLoss: row.stopLoss,
    tp1: row.tp1,
    tp2: row.tp2,
    tp3: row.tp3,
    confidence: row.confidence,
    minTier: row.minTier,
    triggers: conditions,
    source,
    recordedAt: new Date(recordedAtMs).toISOString(),
    outcome: row.outcome,
    resultR: row.resultR,
    resultPct: row.resultPct,
    // The exit is what the stored result implies: entry moved by resultPct in the signal's favour.
    exitPrice:
      row.resultPct === null ? null : entry.times(new Decimal(1).plus(new Decimal(row.resultPct).times(sign).div(100))).toSignificantDigits(10).toFixed(),
    tp1HitAt: iso(row.tp1HitAt),
    tp2HitAt: iso(row.tp2HitAt),
    tp3HitAt: iso(row.tp3HitAt),
    expiresAt: row.expiresAt.toISOString(),
    closedAt: iso(row.closedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

function viewFor(row: Signal, tier: UserTier): SignalView {
  return { ...toSignalView(row), visibleAt: new Date(row.createdAt.getTime() + delayMs(tier)).toISOString() };
}

const delayMs = (tier: UserTier) => TIER_LIMITS[tier].signalDelayMinutes * 60_000;
const allowedTiers = (tier: UserTier) => TIERS.filter((minTier) => tierAtLeast(tier, minTier));

// Whether a signal is marked as computed from history is only known from its record trigger; the
// filter compares recorded time with creation the same way classifySource does.
function sourceCondition(source: "live" | "history"): SQL {
  const recordedMs = sql`coalesce((select (t->>'value')::double precision from jsonb_array_elements(${signals.triggers}) t where t->>'name' = ${RECORD_TRIGGER} limit 1), extract(epoch from ${signals.createdAt}) * 1000)`;
  const lagMs = sql`(${recordedMs} - extract(epoch from ${signals.createdAt}) * 1000)`;
  return source === "live" ? sql`${lagMs} <= ${3 * 60_000}` : sql`${lagMs} > ${3 * 60_000}`;
}

function filterConditions(filters: Partial<Pick<ListSignalsQuery, "status" | "symbol" | "timeframe" | "direction" | "source">>): SQL[] {
  const where: SQL[] = [];
  if (filters.status) where.push(eq(signals.status, filters.status));
  if (filters.symbol) where.push(eq(signals.symbol, filters.symbol));
  if (filters.timeframe) where.push(eq(signals.timeframe, filters.timeframe));
  if (filters.direction) where.push(eq(signals.direction, filters.direction));
  if (filters.source) where.push(sourceCondition(filters.source));
  return where;
}

/** The signals `tier` may see now (minTier reached and the tier's delay over), newest first. */
export async function listSignals({ tier, now = new Date(), ...query }: ListSignalsQuery & { tier: UserTier; now?: Date }) {
  const where = and(
    ...filterConditions(query),
    inArray(signals.minTier, allowedTiers(tier)),
    lte(signals.createdAt, new Date(now.getTime() - delayMs(tier))),
  );
  const order = query.status === "closed" ? [desc(signals.closedAt), desc(signals.createdAt)] : [desc(signals.createdAt)];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(signals)
      .where(where)
      .orderBy(...order, asc(signals.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    db.select({ value: count() }).from(signals).where(where),
  ]);
  return { items: rows.map((row) => viewFor(row, tier)), pagination: computePagination(query.page, query.limit, total?.value ?? 0) };
}

export type LockedSignals = {
  tier: UserTier;
  delayMinutes: number;
  /** Signals of an allowed tier still inside the viewer's delay: how many, and when the next one opens. */
  delayed: { count: number; nextVisibleAt: string | null };
  /** Signals reserved for higher tiers, by the tier they need. */
  aboveTier: { tier: UserTier; count: number }[];
};

/** What the viewer cannot see yet, as counts only (no levels, no symbols). */
export async function getLockedSignals({ tier, now = new Date(), ...query }: LockedSignalsQuery & { tier: UserTier; now?: Date }): Promise<LockedSignals> {
  const filters = filterConditions(query);
  const allowed = allowedTiers(tier);
  const [[delayed], above] = await Promise.all([
    db
      .select({ value: count(), oldest: min(signals.createdAt) })
      .from(signals)
      .where(and(...filters, inArray(signals.minTier, allowed), gt(signals.createdAt, new Date(now.getTime() - delayMs(tier))))),
    allowed.length === TIERS.length
      ? Promise.resolve([])
      : db
          .select({ tier: signals.minTier, value: count() })
          .from(signals)
          .where(and(...filters, notInArray(signals.minTier, allowed)))
          .groupBy(signals.minTier),
  ]);
  const oldest = delayed?.oldest ? new Date(delayed.oldest) : null;
  return {
    tier,
    delayMinutes: TIER_LIMITS[tier].signalDelayMinutes,
    delayed: { count: delayed?.value ?? 0, nextVisibleAt: oldest ? new Date(oldest.getTime() + delayMs(tier)).toISOString() : null },
    aboveTier: TIERS.flatMap((t) => {
      const row = above.find((r) => r.tier === t);
      return row ? [{ tier: t, count: row.value }] : [];
    }),
  };
}

/** One signal, if `tier` may see it now; NOT_FOUND otherwise (whether it exists is not revealed). */
export async function getSignalOrThrow({ tier, signalId, now = new Date() }: { tier: UserTier; signalId: string; now?: Date }): Promise<SignalView> {
  const [row] = await db
    .select()
    .from(signals)
    .where(
      and(eq(signals.id, signalId), inArray(signals.minTier, allowedTiers(tier)), lte(signals.createdAt, new Date(now.getTime() - delayMs(tier)))),
    );
  if (!row) throw new AppError("NOT_FOUND", "Signal not found.");
  return viewFor(row, tier);
}

export const STATS_DEFINITIONS = {
  population:
    "Every closed signal matching the filters, of every tier and whether you may open it or not; active signals are never counted, and nothing is left out.",
  resultR: "The move from entry to exit in units of the initial risk (|entry − stop|): the stop is −1R, TP3 is +3R; an expired signal is marked at the last close before expiry.",
  winRatePct: "Signals with resultR > 0 over all closed signals (breakeven counts as not a win), in %.",
  averageR: "The sum of resultR over the number of closed signals (expectancy per signal).",
  profitFactor: "Sum of winning R over the absolute sum of losing R; null when nothing lost yet.",
  exits: "One full position per signal: it exits at TP3, at the stop (at the bar's open when it gapped past), or at expiry after 48 h; TP1 and TP2 are milestones. Fees are not included.",
  source: "live signals were generated at their candle close; history signals were computed later from the candles (first-start backfill), then followed on the candles that came after.",
} as const;

export type SignalStatsView = SignalStatsReport & {
  bySource: Record<string, ReturnType<typeof computeSignalStats>>;
  byMinTier: Record<string, ReturnType<typeof computeSignalStats>>;
  firstClosedAt: string | null;
  lastClosedAt: string | null;
  definitions: typeof STATS_DEFINITIONS;
};

function pickSummary(report: SignalStatsReport) {
  const { bySymbol: _s, byTimeframe: _t, ...summary } = report;
  return summary;
}

/** The track record over closed signals (pure math in lifecycle.ts computeSignalStats). */
export async function getSignalStats(query: SignalStatsQuery = {}): Promise<SignalStatsView> {
  const rows = await db
    .select({
      symbol: signals.symbol,
      timeframe: signals.timeframe,
      status: signals.status,
      resultR: signals.resultR,
      minTier: signals.minTier,
      triggers: signals.triggers,
      createdAt: signals.createdAt,
      closedAt: signals.closedAt,
    })
    .from(signals)
    .where(and(...filterConditions({ ...query, status: "closed" }), isNotNull(signals.resultR)));
  const records = rows.map((row) => ({ ...row, source: readRecord(row.triggers, row.createdAt.getTime()).source }));
  const group = (key: (r: (typeof records)[number]) => string) => {
    const keys = [...new Set(records.map(key))].sort();
    return Object.fromEntries(keys.map((k) => [k, pickSummary(computeSignalStats(records.filter((r) => key(r) === k)))]));
  };
  const closedTimes = records.flatMap((r) => (r.closedAt ? [r.closedAt.getTime()] : [])).sort((a, b) => a - b);
  return {
    ...computeSignalStats(records),
    bySource: group((r) => r.source),
    byMinTier: group((r) => r.minTier),
    firstClosedAt: closedTimes.length ? new Date(closedTimes[0]!).toISOString() : null,
    lastClosedAt: closedTimes.length ? new Date(closedTimes.at(-1)!).toISOString() : null,
    definitions: STATS_DEFINITIONS,
  } as SignalStatsView;
}

// ---------------------------------------------------------------- generator and checker

/** Whether any signal was ever recorded for this symbol and timeframe (the backfill runs once). */
export async function hasSignals({ exchange, symbol, timeframe }: { exchange: string; symbol: string; timeframe: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: signals.id })
    .from(signals)
    .where(and(eq(signals.exchange, exchange), eq(signals.symbol, symbol), eq(signals.timeframe, timeframe)))
    .limit(1);
  return Boolean(row);
}

/** When each direction of a symbol was taken, since `fromMs` (any timeframe): open ones have toMs null. */
export async function listBusyIntervals({ exchange, symbol, fromMs }: { exchange: string; symbol: string; fromMs: number }): Promise<BusyInterval[]> {
  const rows = await db
    .select({ direction: signals.direction, createdAt: signals.createdAt, closedAt: signals.closedAt, status: signals.status })
    .from(signals)
    .where(
      and(
        eq(signals.exchange, exchange),
        eq(signals.symbol, symbol),
        or(eq(signals.status, "active"), gt(signals.closedAt, new Date(fromMs))),
      ),
    );
  return rows.map((row) => ({
    direction: row.direction,
    fromMs: row.createdAt.getTime(),
    toMs: row.status === "active" ? null : (row.closedAt?.getTime() ?? null),
  }));
}

/**
 * Records one symbol's signals (oldest first). One already recorded for the same bar, timeframe and
 * direction is skipped, and so is one that collides with an active signal of its symbol and direction
 * (the partial unique index: e.g. another instance got there first): ON CONFLICT DO NOTHING, per row.
 * Returns the rows actually written.
 */
export async function insertSignals(rows: readonly NewSignal[]): Promise<Signal[]> {
  if (rows.length === 0) return [];
  const key = (r: { exchange: string; symbol: string; timeframe: string; direction: string; createdAt?: Date | null }) =>
    `${r.exchange}|${r.symbol}|${r.timeframe}|${r.direction}|${r.createdAt?.getTime()}`;
  const existing = await db
    .select({ exchange: signals.exchange, symbol: signals.symbol, timeframe: signals.timeframe, direction: signals.direction, createdAt: signals.createdAt })
    .from(signals)
    .where(
      and(
        inArray(signals.exchange, [...new Set(rows.map((r) => r.exchange))]),
        inArray(signals.symbol, [...new Set(rows.map((r) => r.symbol))]),
        inArray(
          signals.createdAt,
          rows.map((r) => r.createdAt!),
        ),
      ),
    );
  const seen = new Set(existing.map(key));
  const fresh = rows.filter((r) => !seen.has(key(r)));
  if (fresh.length === 0) return [];
  const written = await db.insert(signals).values(fresh).onConflictDoNothing().returning();
  return written.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Active signals, oldest first; only those of `symbols` when given. */
export async function listActiveSignals({ symbols }: { symbols?: readonly string[] } = {}): Promise<Signal[]> {
  const where = symbols ? and(eq(signals.status, "active"), inArray(signals.symbol, [...symbols])) : eq(signals.status, "active");
  return db.select().from(signals).where(where).orderBy(asc(signals.createdAt));
}

/**
 * Writes the progress of an active signal. Guarded by status = 'active', so two checkers racing on
 * one signal write it once; returns the updated row, or null when nothing changed.
 */
export async function saveSignalProgress(row: Signal, progress: SignalProgress): Promise<Signal | null> {
  const at = (ms: number | null) => (ms === null ? null : new Date(ms));
  const changed =
    progress.status === "closed" ||
    (progress.tp1HitAt !== null && row.tp1HitAt === null) ||
    (progress.tp2HitAt !== null && row.tp2HitAt === null);
  if (!changed) return null;
  const [updated] = await db
    .update(signals)
    .set({
      tp1HitAt: at(progress.tp1HitAt),
      tp2HitAt: at(progress.tp2HitAt),
      tp3HitAt: at(progress.tp3HitAt),
      ...(progress.status === "closed"
        ? { status: "closed" as const, outcome: progress.outcome, closedAt: at(progress.closedAt), resultR: progress.resultR, resultPct: progress.resultPct }
        : {}),
    })
    .where(and(eq(signals.id, row.id), eq(signals.status, "active")))
    .returning();
  return updated ?? null;
}
