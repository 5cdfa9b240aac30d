import { describe, expect, test } from "vitest";
import { falling, HOUR_MS, makeSeries } from "./fixtures/series";
import { buildAnalysisMessages, buildChatMessages, parseModelAnalysis } from "./prompts";
import type { ChatContext, SymbolContext } from "./types";

const valid = {
  summary: "  Range-bound between two clear levels.  ",
  trend: { direction: "sideways", strength: "moderate" },
  supportLevels: [{ price: 95, reason: "range low" }, { price: 105, reason: "old support, now above" }],
  resistanceLevels: [{ price: 110, reason: "range high" }],
  risks: ["Breakout risk", "   "],
  stance: "neutral",
  confidence: 55,
};

describe("parseModelAnalysis", () => {
  test("a valid answer is trimmed, and a level on the wrong side of the price is moved", () => {
    const result = parseModelAnalysis(JSON.stringify(valid), 100);
    expect(result).toEqual({
      ok: true,
      analysis: {
        ...valid,
        summary: "Range-bound between two clear levels.",
        supportLevels: [{ price: 95, reason: "range low" }],
        resistanceLevels: [
          { price: 105, reason: "old support, now above" },
          { price: 110, reason: "range high" },
        ],
        risks: ["Breakout risk"],
      },
    });
  });

  test.each([
    [null, /empty answer/],
    ["", /empty answer/],
    ["{not json", /not valid JSON/],
    [JSON.stringify({ ...valid, trend: { direction: "up" } }), /schema at trend\.strength/],
    [JSON.stringify({ ...valid, confidence: 101 }), /schema at confidence/],
    [JSON.stringify({ ...valid, supportLevels: [{ price: -5, reason: "x" }] }), /schema at supportLevels\.0\.price/],
    [JSON.stringify({ ...valid, summary: "   " }), /empty summary/],
  ])("rejects %j", (content, reason) => {
    const result = parseModelAnalysis(content, 100);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test("overlong text is capped", () => {
    const result = parseModelAnalysis(JSON.stringify({ ...valid, summary: "x".repeat(5_000), risks: ["y".repeat(1_000)] }), 100);
    expect(result.ok && result.analysis.summary.length).toBe(1_500);
    expect(result.ok && result.analysis.risks[0]!.length).toBe(300);
  });
});

const symbol: SymbolContext = {
  symbol: "ETH-USDT",
  base: "ETH",
  quote: "USDT",
  price: 3000,
  change24hPct: -1,
  high24h: 3100,
  low24h: 2900,
  quoteVolume24h: 1e9,
  hourly: makeSeries(200, (i) => 3000 + Math.sin(i), { stepMs: HOUR_MS }),
  daily: falling(230),
  signals: [],
  position: { base: "ETH", holdings: [], totalQuantity: "0", openTrades: [] },
};

describe("prompts", () => {
  test("the analysis prompt carries indicators, levels, the last 48 hourly and 90 daily bars", () => {
    const [system, user] = buildAnalysisMessages(symbol, new Date("2025-08-01T00:00:00Z"));
    expect(system!.content).toMatch(/Support levels must lie below the current price/);
    const data = JSON.parse(user!.content.slice(user!.content.indexOf("{")));
    expect(data.symbol).toBe("ETH-USDT");
    expect(data.candles["1h"]).toHaveLength(48);
    expect(data.candles["1d"]).toHaveLength(90);
    expect(data.indicators["1d"].bars).toBe(230);
    expect(data.computedLevels.dailyPivots).not.toBeNull();
  });

  test("the chat keeps the conversation after one system message with the user's context", () => {
    const context: ChatContext = {
      now: "2025-08-01T00:00:00.000Z",
      symbol: null,
      market: [],
      portfolio: { portfolios: [{ name: "Mine", baseCurrency: "USD", value: "1", costBasis: "1", unrealizedPnl: "0", realizedPnl: "0" }], holdings: [], openTrades: [] },
    };
    const messages = buildChatMessages(context, [{ role: "user", content: "hi" }]);
    expect(messages).toHaveLength(2);
    expect(messages[0]!.role).toBe("system");
    expect(messages[0]!.content).toContain('"name":"Mine"');
    expect(messages[1]).toEqual({ role: "user", content: "hi" });
  });
});
