import "server-only";
import { db } from "@/db/client";
import { notifications } from "@/db/schema";
import { logger } from "@/lib/logger";
import { CHANNELS } from "@/lib/market/events";
import { getBus } from "@/lib/realtime/bus";

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
