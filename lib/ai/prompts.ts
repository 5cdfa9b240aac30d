// Prompts for the model and the check of its answer. Pure: context in, messages out. The user's own
// portfolio and trades are the only user data that ever enters a prompt (context.ts scopes them).
import { modelAnalysisSchema, TEXT_LIMITS, type ChatMessage, type ModelAnalysis } from "./schemas";
import { computeIndicatorSnapshot, computeKeyLevels, type PriceBar } from "./technicals";
import type { ChatContext, PortfolioContext, SymbolContext } from "./types";

export type PromptMessage = { role: "system" | "user" | "assistant"; content: string };

const HOURLY_BARS_IN_PROMPT = 48;
const DAILY_BARS_IN_PROMPT = 90;

const ANALYST_RULES = [
  "You are TradePulse's crypto market analyst. You write for an experienced trader: concrete, numeric, no hype.",
  "Base every statement on the data provided; do not invent prices, news or events. If the data is thin, say so and lower your confidence.",
  "Support levels must lie below the current price and resistance levels above it, nearest first, with a short reason each.",
  "Confidence (0-100) is how sure you are of the stance given the data, not a probability of profit.",
  "The user's portfolio and open trades belong to the user you are answering; refer to them when relevant (exposure, stops, risk).",
  "This is analysis, not financial advice.",
].join("\n");

function compactBars(bars: readonly PriceBar[], count: number): (string | number)[][] {
  return bars.slice(-count).map((bar) => [new Date(bar.time).toISOString().slice(0, 16), bar.open, bar.high, bar.low, bar.close, Math.round(bar.volume * 100) / 100]);
}

function describePortfolio(portfolio: PortfolioContext) {
  return {
    portfolios: portfolio.portfolios,
    holdings: portfolio.holdings.slice(0, 30),
    openTrades: portfolio.openTrades.slice(0, 20),
  };
}

/** The market, the computed indicators and levels, signals and the user's position for one symbol. */
export function describeSymbol(context: SymbolContext) {
  const levels = computeKeyLevels({ price: context.price, hourly: context.hourly, daily: context.daily, maxPerSide: 4 });
  return {
    symbol: context.symbol,
    price: context.price,
    change24hPct: context.change24hPct,
    high24h: context.high24h,
    low24h: context.low24h,
    quoteVolume24h: context.quoteVolume24h,
    indicators: { "1h": computeIndicatorSnapshot(context.hourly), "1d": computeIndicatorSnapshot(context.daily) },
    computedLevels: {
      supports: levels.supports.map((l) => ({ price: l.price, sources: l.sources, touches: l.touches })),
      resistances: levels.resistances.map((l) => ({ price: l.price, sources: l.sources, touches: l.touches })),
      dailyPivots: levels.pivots,
    },
    candles: {
      columns: ["timeUtc", "open", "high", "low", "close", "volume"],
      "1h": compactBars(context.hourly, HOURLY_BARS_IN_PROMPT),
      "1d": compactBars(context.daily, DAILY_BARS_IN_PROMPT),
    },
    activeSignals: context.signals,
    userPosition: context.position,
  };
}

export function buildAnalysisMessages(context: SymbolContext, now: Date): PromptMessage[] {
  return [
    { role: "system", content: `${ANALYST_RULES}\nAnswer only with the JSON object the response format describes.` },
    {
      role: "user",
      content: `Analyze ${context.symbol} as of ${now.toISOString()}. Data (JSON):\n${JSON.stringify(describeSymbol(context))}`,
    },
  ];
}

/** The chat's system prompt: market context and this user's portfolio and trades, nobody else's. */
export function buildChatSystemPrompt(context: ChatContext): string {
  const data = {
    now: context.now,
    focusSymbol: context.symbol ? describeSymbol(context.symbol) : null,
    market: context.market,
    userPortfolio: describePortfolio(context.portfolio),
  };
  return [
    ANALYST_RULES,
    "You are chatting with the user. Answer in plain text (short paragraphs or lists, no tables), in the language the user writes in.",
    "Use the context below; when asked about something it does not cover, say what you would need.",
    `Context (JSON):\n${JSON.stringify(data)}`,
  ].join("\n\n");
}

export function buildChatMessages(context: ChatContext, messages: readonly ChatMessage[]): PromptMessage[] {
  return [{ role: "system", content: buildChatSystemPrompt(context) }, ...messages.map((m) => ({ role: m.role, content: m.content }))];
}

function cap(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

export type ParsedAnswer = { ok: true; analysis: ModelAnalysis } | { ok: false; reason: string };

/**
 * Checks the model's raw answer against the schema. Levels on the wrong side of the price are moved
 * to the other list rather than failing the answer (a model sometimes labels a broken level by its
 * past role); strings are trimmed and capped.
 */
export function parseModelAnalysis(content: string | null | undefined, price: number): ParsedAnswer {
  if (!content || content.trim() === "") return { ok: false, reason: "The AI model returned an empty answer." };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch {
    return { ok: false, reason: "The AI model's answer was not valid JSON." };
  }
  const result = modelAnalysisSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.map(String).join(".")}` : "";
    return { ok: false, reason: `The AI model's answer did not match the analysis schema${where}: ${issue?.message ?? "invalid"}.` };
  }
  const answer = result.data;
  const levels = [...answer.supportLevels, ...answer.resistanceLevels]
    .filter((level) => Number.isFinite(level.price))
    .map((level) => ({ price: level.price, reason: cap(level.reason, TEXT_LIMITS.reason) }));
  const byDistance = (a: { price: number }, b: { price: number }) => Math.abs(a.price - price) - Math.abs(b.price - price);
  const analysis: ModelAnalysis = {
    ...answer,
    summary: cap(answer.summary, TEXT_LIMITS.summary),
    supportLevels: levels.filter((l) => l.price < price).sort(byDistance).slice(0, 4),
    resistanceLevels: levels.filter((l) => l.price >= price).sort(byDistance).slice(0, 4),
    risks: answer.risks.map((risk) => cap(risk, TEXT_LIMITS.risk)).filter((risk) => risk.length > 0),
  };
  if (analysis.summary.length === 0) return { ok: false, reason: "The AI model's answer had an empty summary." };
  return { ok: true, analysis };
}
