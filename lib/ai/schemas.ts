import { z } from "zod";

// The AI analyst's contract: what the model must answer (sent to it as a strict JSON schema), what the
// API returns, and the chat request. Only keywords OpenAI's strict structured outputs accept are used
// in the model schema (no string lengths, no transforms); strings are trimmed and capped after parsing
// (capAnalysisText in prompts.ts).

export const TREND_DIRECTIONS = ["up", "down", "sideways"] as const;
export const TREND_STRENGTHS = ["weak", "moderate", "strong"] as const;
export const STANCES = ["bullish", "bearish", "neutral"] as const;

export const MAX_LEVELS = 4;
export const MAX_RISKS = 6;

const levelSchema = z.object({
  price: z.number().positive().describe("Price in the quote currency."),
  reason: z.string().describe("Why this level matters (swing high/low, pivot, moving average, round number, ...)."),
});

/** What the model answers; also the shape the offline analyst produces. */
export const modelAnalysisSchema = z.object({
  summary: z.string().describe("Three to six sentences for a trader: what the market is doing and why."),
  trend: z.object({
    direction: z.enum(TREND_DIRECTIONS),
    strength: z.enum(TREND_STRENGTHS),
  }),
  supportLevels: z.array(levelSchema).max(MAX_LEVELS).describe("Below the current price, nearest first."),
  resistanceLevels: z.array(levelSchema).max(MAX_LEVELS).describe("Above the current price, nearest first."),
  risks: z.array(z.string()).max(MAX_RISKS).describe("Concrete risks to watch, most important first."),
  stance: z.enum(STANCES),
  confidence: z.number().int().min(0).max(100).describe("Confidence in the stance, 0-100."),
});

export type ModelAnalysis = z.output<typeof modelAnalysisSchema>;

export const TEXT_LIMITS = { summary: 1_500, reason: 200, risk: 300 } as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];
export type TrendStrength = (typeof TREND_STRENGTHS)[number];
export type Stance = (typeof STANCES)[number];

export const symbolParamsSchema = z.object({
  symbol: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,20}-[A-Za-z0-9]{1,20}$/, "Use a pair like BTC-USDT.")
    .transform((value) => value.toUpperCase()),
});

export const MAX_CHAT_MESSAGES = 20;
export const MAX_CHAT_MESSAGE_CHARS = 4_000;
export const MAX_CHAT_TOTAL_CHARS = 16_000;

export const chatMessageSchema = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().trim().min(1, "A message cannot be empty.").max(MAX_CHAT_MESSAGE_CHARS, `At most ${MAX_CHAT_MESSAGE_CHARS} characters per message.`),
});

export const chatRequestSchema = z
  .object({
    messages: z.array(chatMessageSchema).min(1, "Send at least one message.").max(MAX_CHAT_MESSAGES, `At most ${MAX_CHAT_MESSAGES} messages; start a new conversation.`),
    symbol: symbolParamsSchema.shape.symbol.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.messages.at(-1)?.role !== "user") {
      ctx.addIssue({ code: "custom", path: ["messages"], message: "The last message must be the user's question." });
    }
    const total = value.messages.reduce((sum, message) => sum + message.content.length, 0);
    if (total > MAX_CHAT_TOTAL_CHARS) {
      ctx.addIssue({ code: "custom", path: ["messages"], message: `The conversation is longer than ${MAX_CHAT_TOTAL_CHARS} characters; start a new one.` });
    }
  });

export type ChatMessage = z.output<typeof chatMessageSchema>;
export type ChatRequest = z.output<typeof chatRequestSchema>;

export type AnalysisSource = "model" | "offline";

export type AnalysisLevel = { price: string; reason: string };

export type IndicatorSnapshot = {
  close: number;
  ema20: number | null;
  ema50: number | null;
  ema200: number | null;
  rsi14: number | null;
  macd: number | null;
  macdSignal: number | null;
  macdHistogram: number | null;
  bollingerUpper: number | null;
  bollingerLower: number | null;
  atr14: number | null;
  /** ATR as a percentage of the close. */
  atrPct: number | null;
  /** Volume z-score of the last bar against the 20 before it. */
  volumeZ: number | null;
  /** Change of the close over the whole series, percent. */
  changePct: number | null;
  bars: number;
};

export type AiQuota = { limit: number; used: number; remaining: number; resetsAt: string };

/** The answer of POST /ai/analyze/:symbol. Prices are decimal strings in the quote currency. */
export type AnalysisView = {
  symbol: string;
  price: string;
  summary: string;
  trend: { direction: TrendDirection; strength: TrendStrength };
  supportLevels: AnalysisLevel[];
  resistanceLevels: AnalysisLevel[];
  risks: string[];
  stance: Stance;
  confidence: number;
  indicators: { "1h": IndicatorSnapshot | null; "1d": IndicatorSnapshot | null };
  /** "offline": computed by the built-in rule-based analyst (no model configured). */
  source: AnalysisSource;
  model: string | null;
  generatedAt: string;
  /** Whether this answer was served from the 5-minute cache; `generatedAt` says when it was made. */
  cached: boolean;
  expiresAt: string;
  quota: AiQuota;
  disclaimer: string;
};
