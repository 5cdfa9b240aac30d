import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import {
  aiUsage,
  alerts,
  auditLogs,
  exchangeKeys,
  notificationPreferences,
  notifications,
  portfolioActivities,
  portfolioShares,
  portfolios,
  portfolioSnapshots,
  pushSubscriptions,
  robotConfigs,
  robotEvents,
  sessions,
  trades,
  transactions,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/queries";
import { AppError } from "@/lib/errors";
import { toPublicUser, type RequestMeta } from "./accounts";

/** Everything the user owns, as plain JSON. Secrets, hashes and ciphertexts are never part of it. */
export async function exportUserData({ userId }: { userId: string }, meta: RequestMeta) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  const ownPortfolios = await db.select().from(portfolios).where(eq(portfolios.userId, userId));
  const portfolioIds = ownPortfolios.map((p) => p.id);
  const inOwn = <T extends { portfolioId: unknown }>(table: T) => inArray(table.portfolioId as never, portfolioIds);
  const [sessionRows, auditRows, keyRows, txRows, snapshotRows, shareRows, activityRows, alertRows, notificationRows, robotRows, tradeRows, preferenceRows, pushRows, robotEventRows, aiUsageRows] =
    await Promise.all([
      db
        .select({ id: sessions.id, kind: sessions.kind, deviceName: sessions.deviceName, ipAddress: sessions.ipAddress, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt })
        .from(sessions)
        .where(eq(sessions.userId, userId)),
      db
        .select({ action: auditLogs.action, ipAddress: auditLogs.ipAddress, userAgent: auditLogs.userAgent, metadata: auditLogs.metadata, createdAt: auditLogs.createdAt })
        .from(auditLogs)
        .where(eq(auditLogs.userId, userId))
        .orderBy(desc(auditLogs.createdAt)),
      db
        .select({ id: exchangeKeys.id, exchange: exchangeKeys.exchange, label: exchangeKeys.label, apiKeyMasked: exchangeKeys.apiKeyMasked, isTestnet: exchangeKeys.isTestnet, status: exchangeKeys.status, createdAt: exchangeKeys.createdAt })
        .from(exchangeKeys)
        .where(eq(exchangeKeys.userId, userId)),
      portfolioIds.length ? db.select().from(transactions).where(inOwn(transactions)) : Promise.resolve([]),
      portfolioIds.length ? db.select().from(portfolioSnapshots).where(inOwn(portfolioSnapshots)) : Promise.resolve([]),
      portfolioIds.length ? db.select().from(portfolioShares).where(inOwn(portfolioShares)) : Promise.resolve([]),
      portfolioIds.length ? db.select().from(portfolioActivities).where(inOwn(portfolioActivities)) : Promise.resolve([]),
      db.select().from(alerts).where(eq(alerts.userId, userId)),
      db.select().from(notifications).where(eq(notifications.userId, userId)),
      db.select().from(robotConfigs).where(eq(robotConfigs.userId, userId)),
      db.select().from(trades).where(eq(trades.userId, userId)),
      db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)),
      // The browser's push endpoint only: its encryption keys are not the user's data to take away.
      db.select({ endpoint: pushSubscriptions.endpoint, userAgent: pushSubscriptions.userAgent, createdAt: pushSubscriptions.createdAt, lastUsedAt: pushSubscriptions.lastUsedAt }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId)),
      db.select().from(robotEvents).where(eq(robotEvents.userId, userId)).orderBy(desc(robotEvents.createdAt)),
      db.select({ day: aiUsage.day, requests: aiUsage.requests }).from(aiUsage).where(eq(aiUsage.userId, userId)),
    ]);
  await recordAudit({ userId, action: "data.exported", ip: meta.ip, userAgent: meta.userAgent });
  return {
    exportedAt: new Date().toISOString(),
    user: toPublicUser(user),
    sessions: sessionRows,
    auditLog: auditRows,
    exchangeKeys: keyRows,
    portfolios: ownPortfolios.map((portfolio) => ({
      ...portfolio,
      transactions: txRows.filter((t) => t.portfolioId === portfolio.id),
      snapshots: snapshotRows.filter((s) => s.portfolioId === portfolio.id),
      shares: shareRows.filter((s) => s.portfolioId === portfolio.id),
      activity: activityRows.filter((a) => a.portfolioId === portfolio.id),
    })),
    alerts: alertRows,
    notifications: notificationRows,
    notificationPreferences: preferenceRows,
    pushSubscriptions: pushRows,
    robotConfigs: robotRows,
    robotEvents: robotEventRows,
    trades: tradeRows,
    aiUsage: aiUsageRows,
  };
}
