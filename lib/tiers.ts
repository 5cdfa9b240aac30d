import type { UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";

// The one table of what each tier may do. Enforced in the data-access layer (lib/<domain>) through
// requireTier / requireWithinLimit; shown on /pricing and in settings.

export const TIERS = ["free", "pro", "premium", "vip"] as const satisfies readonly UserTier[];

const TIER_RANK: Record<UserTier, number> = { free: 0, pro: 1, premium: 2, vip: 3 };

export type TierLimits = {
  label: string;
  /** How long after creation a signal becomes visible to this tier, in minutes (0 = at once). */
  signalDelayMinutes: number;
  /** AI analyses and chat messages per UTC day (0 = no AI). */
  aiDailyQuota: number;
  /** Robot configurations (one per symbol). */
  maxRobots: number;
  /** Whether a robot may trade live (otherwise paper only). */
  liveTrading: boolean;
  /** Alerts that are not deleted (active, paused or triggered). */
  maxAlerts: number;
  /** Portfolios the user owns. */
  maxPortfolios: number;
};

export const TIER_LIMITS: Record<UserTier, TierLimits> = {
  free: { label: "Free", signalDelayMinutes: 30, aiDailyQuota: 0, maxRobots: 1, liveTrading: false, maxAlerts: 10, maxPortfolios: 3 },
  pro: { label: "Pro", signalDelayMinutes: 5, aiDailyQuota: 50, maxRobots: 3, liveTrading: true, maxAlerts: 100, maxPortfolios: 10 },
  premium: { label: "Premium", signalDelayMinutes: 0, aiDailyQuota: 200, maxRobots: 10, liveTrading: true, maxAlerts: 500, maxPortfolios: 50 },
  vip: { label: "VIP", signalDelayMinutes: 0, aiDailyQuota: 1000, maxRobots: 50, liveTrading: true, maxAlerts: 2000, maxPortfolios: 200 },
};

export type TierFeature = keyof Omit<TierLimits, "label">;

export function tierRank(tier: UserTier): number {
  return TIER_RANK[tier];
}

export function tierAtLeast(tier: UserTier, minTier: UserTier): boolean {
  return TIER_RANK[tier] >= TIER_RANK[minTier];
}

export function limitsFor(tier: UserTier): TierLimits {
  return TIER_LIMITS[tier];
}

/** The lowest tier for which `allowed` holds, or undefined when none does. */
export function lowestTierWhere(allowed: (limits: TierLimits) => boolean): UserTier | undefined {
  return TIERS.find((tier) => allowed(TIER_LIMITS[tier]));
}

/** 403 TIER_REQUIRED naming the tier needed, unless `tier` is at least `minTier`. */
export function requireTier(tier: UserTier, minTier: UserTier, what: string): void {
  if (tierAtLeast(tier, minTier)) return;
  throw new AppError("TIER_REQUIRED", `${what} needs the ${TIER_LIMITS[minTier].label} tier or higher.`, {
    details: [{ field: "tier", message: `requires ${minTier}` }],
  });
}

/**
 * 403 TIER_REQUIRED when a count-limited feature is full: `current` rows exist and the tier allows
 * `TIER_LIMITS[tier][feature]`. The message names the lowest tier with room for one more.
 */
export function requireWithinLimit(tier: UserTier, feature: "maxRobots" | "maxAlerts" | "maxPortfolios", current: number, what: string): void {
  const limit = TIER_LIMITS[tier][feature];
  if (current < limit) return;
  const next = lowestTierWhere((limits) => limits[feature] > current);
  throw new AppError(
    "TIER_REQUIRED",
    next
      ? `Your ${TIER_LIMITS[tier].label} plan allows ${limit} ${what}; the ${TIER_LIMITS[next].label} tier allows ${TIER_LIMITS[next][feature]}.`
      : `You have reached the limit of ${limit} ${what}.`,
    { details: [{ field: "tier", message: next ? `requires ${next}` : "limit reached" }] },
  );
}

/** When a signal created at `createdAt` with `minTier` becomes visible to `tier` (null: never). */
export function signalVisibleAt(tier: UserTier, minTier: UserTier, createdAt: Date): Date | null {
  if (!tierAtLeast(tier, minTier)) return null;
  return new Date(createdAt.getTime() + TIER_LIMITS[tier].signalDelayMinutes * 60_000);
}
