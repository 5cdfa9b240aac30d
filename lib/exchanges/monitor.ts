import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { exchangeKeys, users } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/mailer";
import { exchangeKeyInvalidTemplate } from "@/lib/mail/templates";
import { createNotification } from "@/lib/notifications/queries";
import { testExchangeKey } from "./keys";

/**
 * The daily check: re-tests every key; a key the exchange now rejects is marked invalid and its owner
 * is told in the app and by email. Outages do not invalidate keys.
 */
export async function retestAllExchangeKeys(): Promise<{ tested: number; invalidated: number; failed: number }> {
  const keys = await db
    .select({ id: exchangeKeys.id, userId: exchangeKeys.userId, status: exchangeKeys.status, label: exchangeKeys.label, exchange: exchangeKeys.exchange })
    .from(exchangeKeys);
  let invalidated = 0;
  let failed = 0;
  for (const key of keys) {
    try {
      const result = await testExchangeKey({ userId: key.userId, keyId: key.id });
      if (key.status !== "invalid" && result.key.status === "invalid") {
        invalidated++;
        await notifyInvalidKey({ userId: key.userId, keyId: key.id, label: key.label, exchange: result.key.exchangeName, reason: result.error?.message ?? "The exchange rejected the key." });
      }
    } catch (error) {
      failed++;
      logger.warn({ err: error, exchangeKeyId: key.id }, "exchange key re-test failed");
    }
  }
  return { tested: keys.length, invalidated, failed };
}

async function notifyInvalidKey(input: { userId: string; keyId: string; label: string; exchange: string; reason: string }): Promise<void> {
  await createNotification({
    userId: input.userId,
    type: "exchange_key.invalid",
    title: `${input.exchange} key “${input.label}” stopped working`,
    body: `${input.reason} Syncing is paused for this key until you replace it.`,
    data: { exchangeKeyId: input.keyId },
  });
  const [user] = await db.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, input.userId));
  if (!user) return;
  try {
    await sendMail({
      to: user.email,
      tag: "exchange-key-invalid",
      ...exchangeKeyInvalidTemplate({ name: user.name ?? user.email, label: input.label, exchange: input.exchange, reason: input.reason, settingsUrl: `${env.appUrl}/settings/exchange-keys` }),
    });
  } catch (error) {
    logger.error({ err: error }, "could not email about an invalid exchange key");
  }
}
