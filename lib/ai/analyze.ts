import "server-only";
import type { AuthContext } from "@/lib/auth/sessions";
import { logger } from "@/lib/logger";
import { ANALYSIS_TTL_MS, readCachedAnalysis, storeCachedAnalysis } from "./cache";
import { getSymbolContext } from "./context";
import { toPriceString } from "./format";
import { computeOfflineAnalysis } from "./offline";
import { buildAnalysisMessages } from "./prompts";
import { isModelConfigured, requestModelAnalysis } from "./provider";
import { consumeAiQuota, enforceAiRateLimit, getAiQuota, refundAiQuota, requireAiTier } from "./quota";
import type { AnalysisSource, AnalysisView, ModelAnalysis } from "./schemas";
import { computeIndicatorSnapshot } from "./technicals";

export const DISCLAIMER = "Analysis of market data, not financial advice. Markets can move against any reading.";

type CachedAnalysis = Omit<AnalysisView, "cached" | "quota">;

function toView({
  symbol,
  price,
  analysis,
  source,
  model,
  indicators,
  now,
}: {
  symbol: string;
  price: number;
  analysis: ModelAnalysis;
  source: AnalysisSource;
  model: string | null;
  indicators: CachedAnalysis["indicators"];
  now: Date;
}): CachedAnalysis {
  const level = (l: { price: number; reason: string }) => ({ price: toPriceString(l.price), reason: l.reason });
  return {
    symbol,
    price: toPriceString(price),
    summary: analysis.summary,
    trend: analysis.trend,
    supportLevels: analysis.supportLevels.map(level),
    resistanceLevels: analysis.resistanceLevels.map(level),
    risks: analysis.risks,
    stance: analysis.stance,
    confidence: analysis.confidence,
    indicators,
    source,
    model,
    generatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ANALYSIS_TTL_MS).toISOString(),
    disclaimer: DISCLAIMER,
  };
}

/**
 * POST /ai/analyze/:symbol: tier gate, per-minute limit, then the user's cached analysis of the pair
 * (5 minutes, free of quota) or a fresh one that counts against the daily quota: the model when a key
 * is configured, the offline analyst otherwise. An upstream failure gives the request back.
 */
export async function analyzeSymbol({ auth, symbol, signal }: { auth: Pick<AuthContext, "userId" | "tier">; symbol: string; signal?: AbortSignal }): Promise<AnalysisView> {
  requireAiTier(auth.tier);
  await enforceAiRateLimit(auth.userId);

  const cached = await readCachedAnalysis<CachedAnalysis>({ userId: auth.userId, symbol });
  if (cached) {
    return { ...cached.value, cached: true, quota: await getAiQuota({ userId: auth.userId, tier: auth.tier }) };
  }

  const now = new Date();
  // Resolves the pair first, so an unknown symbol (404) never costs quota.
  const context = await getSymbolContext({ userId: auth.userId, tier: auth.tier, symbol, now });
  const quota = await consumeAiQuota({ userId: auth.userId, tier: auth.tier, now });
  const indicators = { "1h": computeIndicatorSnapshot(context.hourly), "1d": computeIndicatorSnapshot(context.daily) };
  let view: CachedAnalysis;
  if (isModelConfigured()) {
    try {
      const { analysis, model } = await requestModelAnalysis({ messages: buildAnalysisMessages(context, now), price: context.price, signal });
      view = toView({ symbol: context.symbol, price: context.price, analysis, source: "model", model, indicators, now });
    } catch (error) {
      await refundAiQuota({ userId: auth.userId, now }).catch((refundError: unknown) => logger.warn({ err: refundError }, "ai: quota refund failed"));
      throw error;
    }
  } else {
    view = toView({ symbol: context.symbol, price: context.price, analysis: computeOfflineAnalysis(context), source: "offline", model: null, indicators, now });
  }
  await storeCachedAnalysis({ userId: auth.userId, symbol: context.symbol, value: view, now: now.getTime() });
  return { ...view, cached: false, quota };
}
