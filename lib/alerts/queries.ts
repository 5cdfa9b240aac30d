import "server-only";
import Decimal from "decimal.js";
import { and, count, desc, eq, isNull, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { alerts, users, type Alert } from "@/db/schema";
import { computePagination, pageOffset } from "@/lib/api/pagination";
import type { Pagination } from "@/lib/api/respond";
import type { UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { CHANNELS } from "@/lib/market/events";
import { requireTrackedSymbol } from "@/lib/market/exchange";
import { getTicker } from "@/lib/market/quotes";
import { getBus } from "@/lib/realtime/bus";
import { requireWithinLimit } from "@/lib/tiers";
import { toPathSymbol } from "@/lib/exchanges/types";
import { normalizeSymbol, toBookAlert, type AlertChange, type BookAlert } from "./evaluate";
import { checkAlertFields, type AlertView, type CreateAlertInput, type ListAlertsQuery, type UpdateAlertInput } from "./schemas";

// Alerts of one user, always scoped by userId (another user's alert is NOT_FOUND), plus the two
// unscoped reads the evaluator needs and the cluster-wide firing claim.

function toIso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

export function toAlertView(row: Alert): AlertView {
  return {
    id: row.id,
    type: row.type,
    symbol: row.symbol,
    threshold: row.threshold === null ? null : new Decimal(row.threshold).toFixed(),
    windowMinutes: row.windowMinutes,
    isRepeating: row.isRepeating,
    cooldownMinutes: row.cooldownMinutes,
    notifyEmail: row.notifyEmail,
    notifyPush: row.notifyPush,
    status: row.status,
    note: row.note,
    lastTriggeredAt: toIso(row.lastTriggeredAt),
    triggerCount: row.triggerCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Tells every instance's evaluator (run.ts) the alert's new state. Never throws. */
export async function publishAlertChange(row: Alert | { id: string; deleted: true }): Promise<void> {
  const change: AlertChange = "deleted" in row ? { id: row.id, alert: null } : { id: row.id, alert: row.status === "active" ? toBookAlert(row) : null };
  await getBus()
    .publish(CHANNELS.alerts, change)
    .catch((error: unknown) => logger.warn({ err: error, alertId: row.id }, "alerts: could not publish a change"));
}

/** "btc-usdt", "BTC/USDT" → "BTC-USDT" when tracked; NOT_FOUND otherwise (as the market routes answer). */
function resolveSymbol(symbol: string): string {
  return toPathSymbol(requireTrackedSymbol(symbol));
}

// Crossing semantics (evaluate.ts): price_above fires when the price moves up through the threshold,
// so a threshold the price is already at or past would wait for a fall and a new rise. Refusing it
// here is clearer than an alert that silently never fires. Without a quote the check is skipped.
async function assertThresholdAhead(type: Alert["type"], symbol: string, threshold: string | null | undefined): Promise<void> {
  if ((type !== "price_above" && type !== "price_below") || !threshold) return;
  let last: number;
  try {
    last = (await getTicker(symbol)).last;
  } catch {
    return;
  }
  const limit = new Decimal(threshold);
  if (type === "price_above" && limit.lte(last)) {
    throw new AppError("VALIDATION_ERROR", `${symbol} is already at ${last}, at or above ${limit.toFixed()}.`, {
      details: [{ field: "threshold", message: `must be above the current price (${last}): the alert fires when the price crosses up through it` }],
    });
  }
  if (type === "price_below" && limit.gte(last)) {
    throw new AppError("VALIDATION_ERROR", `${symbol} is already at ${last}, at or below ${limit.toFixed()}.`, {
      details: [{ field: "threshold", message: `must be below the current price (${last}): the alert fires when the price crosses down through it` }],
    });
  }
}

export async function listAlerts({ userId, query }: { userId: string; query: ListAlertsQuery }): Promise<{ items: AlertView[]; pagination: Pagination }> {
  const conditions = [eq(alerts.userId, userId)];
  if (query.status) conditions.push(eq(alerts.status, query.status));
  if (query.symbol) conditions.push(eq(alerts.symbol, normalizeSymbol(query.symbol)));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db.select().from(alerts).where(where).orderBy(desc(alerts.createdAt), desc(alerts.id)).limit(query.limit).offset(pageOffset(query)),
    db.select({ value: count() }).from(alerts).where(where),
  ]);
  return { items: rows.map(toAlertView), pagination: computePagination(query.page, query.limit, total?.value ?? 0) };
}

async function getAlertRowOrThrow(userId: string, alertId: string): Promise<Alert> {
  const [row] = await db.select().from(alerts).where(and(eq(alerts.id, alertId), eq(alerts.userId, userId))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", "Alert not found.");
  return row;
}

export async function getAlert({ userId, alertId }: { userId: string; alertId: string }): Promise<AlertView> {
  return toAlertView(await getAlertRowOrThrow(userId, alertId));
}

export async function createAlert({ userId, tier, input }: { userId: string; tier: UserTier; input: CreateAlertInput }): Promise<AlertView> {
  const symbol = resolveSymbol(input.symbol);
  await assertThresholdAhead(input.type, symbol, input.threshold);
  const row = await db.transaction(async (tx) => {
    // Serialises this user's creations so two at once cannot both pass the tier limit.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
    const [existing] = await tx.select({ value: count() }).from(alerts).where(eq(alerts.userId, userId));
    requireWithinLimit(tier, "maxAlerts", existing?.value ?? 0, "alerts");
    const [inserted] = await tx
      .insert(alerts)
      .values({
        userId,
        type: input.type,
        symbol,
        threshold: input.threshold ?? null,
        windowMinutes: input.windowMinutes ?? null,
        isRepeating: input.isRepeating,
        cooldownMinutes: input.cooldownMinutes,
        notifyEmail: input.notifyEmail,
        notifyPush: input.notifyPush,
        note: input.note || null,
      })
      .returning();
    return inserted!;
  });
  await publishAlertChange(row);
  return toAlertView(row);
}

export async function updateAlert({ userId, alertId, input }: { userId: string; alertId: string; input: UpdateAlertInput }): Promise<AlertView> {
  const current = await getAlertRowOrThrow(userId, alertId);
  const merged = {
    type: current.type,
    threshold: input.threshold !== undefined ? input.threshold : current.threshold,
    windowMinutes: input.windowMinutes !== undefined ? input.windowMinutes : current.windowMinutes,
  };
  const details: { field: string; message: string }[] = [];
  checkAlertFields(merged, (field, message) => details.push({ field, message }));
  if (details.length > 0) throw new AppError("VALIDATION_ERROR", details[0]!.message, { details });
  const isThresholdChanged = input.threshold !== undefined && input.threshold !== null && !new Decimal(input.threshold).eq(current.threshold ?? -1);
  const isReArmed = input.status === "active" && current.status !== "active";
  if (isThresholdChanged || isReArmed) await assertThresholdAhead(current.type, current.symbol, merged.threshold);
  const [row] = await db
    .update(alerts)
    .set({
      ...(input.threshold !== undefined ? { threshold: input.threshold } : {}),
      ...(input.windowMinutes !== undefined ? { windowMinutes: input.windowMinutes } : {}),
      ...(input.isRepeating !== undefined ? { isRepeating: input.isRepeating } : {}),
      ...(input.cooldownMinutes !== undefined ? { cooldownMinutes: input.cooldownMinutes } : {}),
      ...(input.notifyEmail !== undefined ? { notifyEmail: input.notifyEmail } : {}),
      ...(input.notifyPush !== undefined ? { notifyPush: input.notifyPush } : {}),
      ...(input.note !== undefined ? { note: input.note || null } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      // Re-arming starts a fresh cooldown window: the alert fires on the next qualifying event.
      ...(isReArmed ? { lastTriggeredAt: null } : {}),
    })
    .where(and(eq(alerts.id, alertId), eq(alerts.userId, userId)))
    .returning();
  if (!row) throw new AppError("NOT_FOUND", "Alert not found.");
  await publishAlertChange(row);
  return toAlertView(row);
}

export async function deleteAlert({ userId, alertId }: { userId: string; alertId: string }): Promise<void> {
  const deleted = await db
    .delete(alerts)
    .where(and(eq(alerts.id, alertId), eq(alerts.userId, userId)))
    .returning({ id: alerts.id });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", "Alert not found.");
  await publishAlertChange({ id: alertId, deleted: true });
}

/** Every active alert, for the evaluator's book at start (unscoped: system read). */
export async function listActiveBookAlerts(): Promise<BookAlert[]> {
  const rows = await db.select().from(alerts).where(eq(alerts.status, "active"));
  return rows.map(toBookAlert);
}

export type ClaimedAlert = Alert & { user: { email: string; name: string | null; tier: UserTier; tierExpiresAt: Date | null; emailVerifiedAt: Date | null } };

/**
 * The firing, decided once for the whole cluster: one conditional UPDATE that only matches while the
 * alert is active and out of its cooldown. Every evaluator that saw the event races here; exactly one
 * gets the row back, the others get null and send nothing.
 */
export async function claimAlertFiring({ alertId, now }: { alertId: string; now: Date }): Promise<ClaimedAlert | null> {
  const at = now.toISOString();
  const [row] = await db
    .update(alerts)
    .set({
      status: sql`case when ${alerts.isRepeating} then 'active'::alert_status else 'triggered'::alert_status end`,
      lastTriggeredAt: now,
      triggerCount: sql`${alerts.triggerCount} + 1`,
    })
    .where(
      and(
        eq(alerts.id, alertId),
        eq(alerts.status, "active"),
        or(isNull(alerts.lastTriggeredAt), sql`${alerts.lastTriggeredAt} <= ${at}::timestamptz - make_interval(mins => ${alerts.cooldownMinutes})`),
      ),
    )
    .returning();
  if (!row) return null;
  const [user] = await db
    .select({ email: users.email, name: users.name, tier: users.tier, tierExpiresAt: users.tierExpiresAt, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, row.userId))
    .limit(1);
  if (!user) return null;
  return { ...row, user };
}

/** The user's tier and whether the alert is still active, for signal visibility (run.ts). */
export async function getAlertOwnerTier(alertId: string): Promise<{ tier: UserTier; tierExpiresAt: Date | null } | null> {
  const [row] = await db
    .select({ tier: users.tier, tierExpiresAt: users.tierExpiresAt })
    .from(alerts)
    .innerJoin(users, eq(users.id, alerts.userId))
    .where(and(eq(alerts.id, alertId), eq(alerts.status, "active")))
    .limit(1);
  return row ?? null;
}

/** The alert's current row, to resync an evaluator after a failed claim. */
export async function getAlertRow(alertId: string): Promise<Alert | null> {
  const [row] = await db.select().from(alerts).where(eq(alerts.id, alertId)).limit(1);
  return row ?? null;
}
