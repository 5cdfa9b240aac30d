import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import webpush, { WebPushError } from "web-push";
import { db } from "@/db/client";
import { pushSubscriptions } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { PushSubscriptionInput } from "./schemas";

// Web Push (RFC 8030 with VAPID, RFC 8292, and aes128gcm payload encryption, RFC 8291) to the
// browsers a user subscribed. Skipped entirely when VAPID is not configured (env.vapid).

export type VapidConfig = { publicKey: string; privateKey: string; subject: string };

/** What the service worker (public/push-sw.js) receives as the push message's JSON. */
export type PushPayload = { title: string; body: string; url: string; tag?: string; data?: Record<string, unknown> };

export type PushResult = { sent: number; removed: number; failed: number };

export function getVapidPublicKey(vapid: VapidConfig | undefined = env.vapid): string | null {
  return vapid?.publicKey ?? null;
}

/**
 * Stores a browser's subscription for the user. The endpoint is unique: a browser that re-subscribes
 * (or is now signed in as someone else) replaces its row, so pushes follow whoever subscribed last.
 */
export async function savePushSubscription({ userId, input, userAgent }: { userId: string; input: PushSubscriptionInput; userAgent?: string }): Promise<{ id: string; endpoint: string; createdAt: string }> {
  const values = { userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null };
  const [row] = await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { ...values, updatedAt: new Date() } })
    .returning({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, createdAt: pushSubscriptions.createdAt });
  return { id: row!.id, endpoint: row!.endpoint, createdAt: row!.createdAt.toISOString() };
}

export async function deletePushSubscription({ userId, endpoint }: { userId: string; endpoint: string }): Promise<{ deleted: boolean }> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return { deleted: rows.length > 0 };
}

export async function countPushSubscriptions({ userId }: { userId: string }): Promise<number> {
  const rows = await db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  return rows.length;
}

/**
 * Sends `payload` to every subscription of the user. A push service answering 404 or 410 says the
 * subscription is gone for good: its row is deleted. Other failures are logged and counted.
 */
export async function sendPushToUser({ userId, payload, vapid = env.vapid, ttlSeconds = 3600 }: { userId: string; payload: PushPayload; vapid?: VapidConfig; ttlSeconds?: number }): Promise<PushResult> {
  const result: PushResult = { sent: 0, removed: 0, failed: 0 };
  if (!vapid) return result;
  const subscriptions = await db
    .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  if (subscriptions.length === 0) return result;
  const body = JSON.stringify(payload);
  const gone: string[] = [];
  const delivered: string[] = [];
  await Promise.all(
    subscriptions.map(async (subscription) => {
      try {
        await webpush.sendNotification({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, body, {
          vapidDetails: vapid,
          TTL: ttlSeconds,
          urgency: "high",
          timeout: 10_000,
          ...(payload.tag ? { topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 32) || undefined } : {}),
        });
        delivered.push(subscription.id);
      } catch (error) {
        if (error instanceof WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
          gone.push(subscription.id);
          return;
        }
        result.failed += 1;
        // The endpoint is a capability URL: only its host goes to the log.
        logger.warn({ err: error instanceof WebPushError ? { statusCode: error.statusCode } : error, host: new URL(subscription.endpoint).host }, "web push: delivery failed");
      }
    }),
  );
  if (gone.length > 0) await db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, gone));
  if (delivered.length > 0) await db.update(pushSubscriptions).set({ lastUsedAt: new Date() }).where(inArray(pushSubscriptions.id, delivered));
  result.sent = delivered.length;
  result.removed = gone.length;
  return result;
}
