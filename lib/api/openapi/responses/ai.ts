import { z } from "zod";
import { tierEnum } from "@/db/schema";
import { STANCES, TREND_DIRECTIONS, TREND_STRENGTHS, type AnalysisView } from "@/lib/ai/schemas";
import type { AiUsageView } from "@/lib/ai/usage";
import type { Expect, Jsonified, Same } from "../json";
import { dateTime, decimal } from "./common";

const quota = z.object({ limit: z.number().int(), used: z.number().int(), remaining: z.number().int(), resetsAt: dateTime() });
const source = z.enum(["model", "offline"]).meta({ description: "offline: the built-in rule-based analyst (no model configured)." });
const level = z.object({ price: decimal(), reason: z.string() });
const n = () => z.number().nullable();
const indicators = z
  .object({ close: z.number(), ema20: n(), ema50: n(), ema200: n(), rsi14: n(), macd: n(), macdSignal: n(), macdHistogram: n(), bollingerUpper: n(), bollingerLower: n(), atr14: n(), atrPct: n(), volumeZ: n(), changePct: n(), bars: z.number().int() })
  .nullable();

export const analysisSchema = z.object({
  symbol: z.string(),
  price: decimal(),
  summary: z.string(),
  trend: z.object({ direction: z.enum(TREND_DIRECTIONS), strength: z.enum(TREND_STRENGTHS) }),
  supportLevels: z.array(level),
  resistanceLevels: z.array(level),
  risks: z.array(z.string()),
  stance: z.enum(STANCES),
  confidence: z.number(),
  indicators: z.object({ "1h": indicators, "1d": indicators }),
  source,
  model: z.string().nullable(),
  generatedAt: dateTime(),
  cached: z.boolean().meta({ description: "Served from the 5-minute cache." }),
  expiresAt: dateTime(),
  quota,
  disclaimer: z.string(),
});

export const aiUsageSchema = z.object({
  isAvailable: z.boolean(),
  tier: z.enum(tierEnum.enumValues),
  minTier: z.enum(tierEnum.enumValues),
  source,
  model: z.string().nullable(),
  quota,
  perMinute: z.number().int(),
});

export type _Checks = [Expect<Same<z.output<typeof analysisSchema>, Jsonified<AnalysisView>>>, Expect<Same<z.output<typeof aiUsageSchema>, Jsonified<AiUsageView>>>];
