import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { aiUsage } from "@/db/schema";
import type { UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { enforceLimit } from "@/lib/ratelimit";
import { limitsFor, lowestTierWhere, requireTier, TIER_LIMITS } from "@/lib/tiers";
import type { AiQuota } from "./schemas";

// Who may ask the analyst and how often: the tier's daily quota (ai_usage, one row per user and UTC
// day, counted atomically in the database so concurrent requests and instances cannot overrun it) and
// a per-minute burst limit per user (lib/ratelimit, shared through Redis).

export const AI_RATE_LIMIT = { name: "ai:user", points: 10, durationSeconds: 60 } as const;

/** The lowest tier with any AI quota (pro in the tier table). */
export const AI_MIN_TIER: UserTier = lowestTierWhere((limits) => limits.aiDailyQuota > 0) ?? "pro";

const DAY_MS = 86_400_000;

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function nextUtcMidnight(now: Date): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
}

/** 403 TIER_REQUIRED for tiers without AI. */
export function requireAiTier(tier: UserTier): void {
  requireTier(tier, AI_MIN_TIER, "The AI analyst");
}

/** 429 RATE_LIMITED (with Retry-After) past 10 requests a minute for this user. */
export async function enforceAiRateLimit(userId: string): Promise<void> {
  await enforceLimit(AI_RATE_LIMIT, userId, "You are asking the AI analyst too fast: at most 10 requests a minute.");
}

export async function getAiQuota({ userId, tier, now = new Date() }: { userId: string; tier: UserTier; now?: Date }): Promise<AiQuota> {
  const limit = limitsFor(tier).aiDailyQuota;
  const [row] = await db
    .select({ requests: aiUsage.requests })
    .from(aiUsage)
    .where(and(eq(aiUsage.userId, userId), eq(aiUsage.day, utcDay(now))));
  const used = row?.requests ?? 0;
  return { limit, used, remaining: Math.max(0, limit - used), resetsAt: nextUtcMidnight(now).toISOString() };
}

/**
 * Counts one request against today's quota, or throws 429 RATE_LIMITED with Retry-After (seconds to
 * the next UTC midnight) when it is spent. One statement: insert the day's row or increment it only
 * while it is under the limit.
 */
export async function consumeAiQuota({ userId, tier, now = new Date() }: { userId: string; tier: UserTier; now?: Date }): Promise<AiQuota> {
  const limit = limitsFor(tier).aiDailyQuota;
  const day = utcDay(now);
  const resetsAt = nextUtcMidnight(now);
  const rows =
    limit > 0
      ? await db
          .insert(aiUsage)
          .values({ userId, day, requests: 1 })
          .onConflictDoUpdate({
            target: [aiUsage.userId, aiUsage.day],
            set: { requests: sql`${aiUsage.requests} + 1`, updatedAt: now },
            setWhere: sql`${aiUsage.requests} < ${limit}`,
          })
          .returning({ requests: aiUsage.requests })
      : [];
  const used = rows[0]?.requests;
  if (used === undefined) {
    const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000));
    const upgrade = lowestTierWhere((limits) => limits.aiDailyQuota > limit);
    throw new AppError(
      "RATE_LIMITED",
      `You have used all ${limit} AI requests of your ${TIER_LIMITS[tier].label} plan today; the quota resets at 00:00 UTC.` +
        (upgrade ? ` The ${TIER_LIMITS[upgrade].label} plan allows ${TIER_LIMITS[upgrade].aiDailyQuota} a day.` : ""),
      { headers: { "retry-after": String(retryAfter) }, details: [{ field: "quota", message: `${limit} per day` }] },
    );
  }
  return { limit, used, remaining: Math.max(0, limit - used), resetsAt: resetsAt.toISOString() };
}

/** Gives back a request that failed upstream, so the user is not charged for our provider's error. */
export async function refundAiQuota({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<void> {
  await db
    .update(aiUsage)
    .set({ requests: sql`greatest(${aiUsage.requests} - 1, 0)` })
    .where(and(eq(aiUsage.userId, userId), eq(aiUsage.day, utcDay(now))));
}
