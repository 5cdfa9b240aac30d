import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/mailer";
import { alertTriggeredTemplate } from "@/lib/mail/templates";
import { sendPushToUser, type PushResult, type VapidConfig } from "./push";
import { createNotification, getDeliveryChannels } from "./queries";

// One notification to one user over the channels their preferences (notification_preferences) and
// the caller ask for: in-app (row + live SSE event), email, Web Push. Email and push failures are
// logged and reported, never thrown: the in-app row is what the user can always go back to.

export type NotifyInput = {
  userId: string;
  type: string;
  title: string;
  body: string;
  /** Path inside the app the notification leads to ("/alerts"). */
  path: string;
  data?: Record<string, unknown>;
  /** Send by email / push even when the type's preference is off (an alert's own switches). */
  forceEmail?: boolean;
  forcePush?: boolean;
  /** Collapses pushes of the same subject on the device. */
  tag?: string;
};

export type NotifyResult = {
  notificationId: string | null;
  email: "sent" | "skipped" | "unverified" | "failed";
  push: PushResult | null;
};

export type NotifyDeps = { vapid?: VapidConfig; appUrl?: string };

export async function notifyUser(input: NotifyInput, { vapid = env.vapid, appUrl = env.appUrl }: NotifyDeps = {}): Promise<NotifyResult> {
  const channels = await getDeliveryChannels({ userId: input.userId, type: input.type });
  const url = `${appUrl}${input.path}`;
  const result: NotifyResult = { notificationId: null, email: "skipped", push: null };
  if (channels.inApp) {
    const row = await createNotification({ userId: input.userId, type: input.type, title: input.title, body: input.body, data: { ...input.data, path: input.path } });
    result.notificationId = row.id;
  }
  const tasks: Promise<void>[] = [];
  if (channels.email || input.forceEmail) {
    tasks.push(
      (async () => {
        const [user] = await db.select({ email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, input.userId)).limit(1);
        // Only to a verified address: an unverified one may belong to someone else.
        if (!user?.emailVerifiedAt) {
          result.email = "unverified";
          return;
        }
        const content = alertTriggeredTemplate({ name: user.name ?? user.email, title: input.title, body: input.body, url });
        await sendMail({ to: user.email, ...content, tag: `notification.${input.type}` });
        result.email = "sent";
      })().catch(() => {
        // sendMail logged the failure.
        result.email = "failed";
      }),
    );
  }
  if ((channels.push || input.forcePush) && vapid) {
    tasks.push(
      sendPushToUser({ userId: input.userId, vapid, payload: { title: input.title, body: input.body, url, ...(input.tag ? { tag: input.tag } : {}), data: { ...input.data, type: input.type } } })
        .then((push) => {
          result.push = push;
        })
        .catch((error: unknown) => logger.warn({ err: error }, "web push: sending failed")),
    );
  }
  await Promise.all(tasks);
  return result;
}
