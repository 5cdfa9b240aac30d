import "server-only";
import type { AuthContext } from "@/lib/auth/sessions";
import type { UserTier } from "@/lib/auth/tokens";
import { tierAtLeast } from "@/lib/tiers";
import { configuredModelName, isModelConfigured } from "./provider";
import { AI_MIN_TIER, AI_RATE_LIMIT, getAiQuota } from "./quota";
import type { AiQuota, AnalysisSource } from "./schemas";

export type AiUsageView = {
  isAvailable: boolean;
  tier: UserTier;
  minTier: UserTier;
  source: AnalysisSource;
  model: string | null;
  quota: AiQuota;
  perMinute: number;
};

/** What the caller may do with the analyst today, and which analyst answers. */
export async function getAiUsage(auth: Pick<AuthContext, "userId" | "tier">): Promise<AiUsageView> {
  return {
    isAvailable: tierAtLeast(auth.tier, AI_MIN_TIER),
    tier: auth.tier,
    minTier: AI_MIN_TIER,
    source: isModelConfigured() ? "model" : "offline",
    model: configuredModelName(),
    quota: await getAiQuota({ userId: auth.userId, tier: auth.tier }),
    perMinute: AI_RATE_LIMIT.points,
  };
}
