import "server-only";
import { and, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { notificationPreferences, notifications, type Notification } from "@/db/schema";
import { computePagination } from "@/lib/api/pagination";
import type { Pagination } from "@/lib/api/respond";
import { logger } from "@/lib/logger";
import { CHANNELS } from "@/lib/market/events";
import { getBus } from "@/lib/realtime/bus";
import {
  isNotificationType,
  NOTIFICATION_DEFAULTS,
  NOTIFICATION_TYPES,
  type DeliveryChannels,
  type ListNotificationsQuery,
  type MarkReadInput,
  type NotificationPreferenceView,
  type NotificationView,
  type UpdatePreferencesInput,
} from "./schemas";

export const NOTIFICATIONS_CHANNEL = CHANNELS.notifications;

export type NewNotificationInput = { userId: string; type: string; title: string; body: string; data?: Record<string, unknown> };

/** Stores an in-app notification and announces it on the bus (live delivery to the user's streams). */
export async function createNotification(input: NewNotificationInput) {
  const [row] = await db
    .insert(notifications)
    .values({ userId: input.userId, type: input.type, title: input.title, body: input.body, data: input.data ?? {} })
    .returning();
  await getBus()
    .publish(NOTIFICATIONS_CHANNEL, { userId: input.userId, notification: row })
    .catch((error: unknown) => logger.warn({ err: error }, "could not publish a notification"));
  return row!;
}

export function toNotificationView(row: Notification): NotificationView {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    data: row.data,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listNotifications({
  userId,
  query,
}: {
  userId: string;
  query: Pick<ListNotificationsQuery, "page" | "limit" | "unread">;
}): Promise<{ items: NotificationView[]; pagination: Pagination }> {
  const where = query.unread ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit)
      .offset((query.page - 1) * query.limit),
    db.select({ value: count() }).from(notifications).where(where),
  ]);
  return { items: rows.map(toNotificationView), pagination: computePagination(query.page, query.limit, total?.value ?? 0) };
}

export async function countUnreadNotifications({ userId }: { userId: string }): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.value ?? 0;
}

/** Marks the given ids (own, unread ones; others are ignored) or all as read; returns how many changed. */
export async function markNotificationsRead({ userId, input, now = new Date() }: { userId: string; input: MarkReadInput; now?: Date }): Promise<{ updated: number; unreadCount: number }> {
  const scope = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const where = "all" in input ? scope : and(scope, inArray(notifications.id, input.ids));
  const updated = await db.update(notifications).set({ readAt: now }).where(where).returning({ id: notifications.id });
  return { updated: updated.length, unreadCount: await countUnreadNotifications({ userId }) };
}

export async function getNotificationPreferences({ userId }: { userId: string }): Promise<NotificationPreferenceView[]> {
  const rows = await db
    .select({ type: notificationPreferences.type, inApp: notificationPreferences.inApp, email: notificationPreferences.email, push: notificationPreferences.push })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const stored = new Map(rows.map((row) => [row.type, row]));
  return NOTIFICATION_TYPES.map((type) => {
    const { label, description, ...defaults } = NOTIFICATION_DEFAULTS[type];
    const row = stored.get(type);
    return { type, label, description, inApp: row?.inApp ?? defaults.inApp, email: row?.email ?? defaults.email, push: row?.push ?? defaults.push };
  });
}

/** Where a notification of `type` goes for this user (defaults for a type without a row). */
export async function getDeliveryChannels({ userId, type }: { userId: string; type: string }): Promise<DeliveryChannels> {
  const [row] = await db
    .select({ inApp: notificationPreferences.inApp, email: notificationPreferences.email, push: notificationPreferences.push })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.type, type)))
    .limit(1);
  if (row) return row;
  const defaults = isNotificationType(type) ? NOTIFICATION_DEFAULTS[type] : NOTIFICATION_DEFAULTS.system;
  return { inApp: defaults.inApp, email: defaults.email, push: defaults.push };
}

export async function updateNotificationPreferences({ userId, input }: { userId: string; input: UpdatePreferencesInput }): Promise<NotificationPreferenceView[]> {
  await db
    .insert(notificationPreferences)
    .values(input.preferences.map((item) => ({ userId, type: item.type, inApp: item.inApp, email: item.email, push: item.push })))
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.type],
      set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, push: sql`excluded.push`, updatedAt: new Date() },
    });
  return getNotificationPreferences({ userId });
}
