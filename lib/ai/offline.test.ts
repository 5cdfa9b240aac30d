import { describe, expect, test } from "vitest";
import { falling, HOUR_MS, makeSeries, ranging, rising } from "./fixtures/series";
import { assessStance, assessTrend, composeOfflineChatReply, computeEfficiencyRatio, computeOfflineAnalysis, computeSignalTilt, OFFLINE_NOTICE } from "./offline";
import { modelAnalysisSchema } from "./schemas";
import { computeIndicatorSnapshot, type PriceBar } from "./technicals";
import type { ChatContext, PositionContext, SignalContext, SymbolContext } from "./types";

const noPosition: PositionContext = { base: "BTC", holdings: [], totalQuantity: "0", openTrades: [] };

function context(daily: PriceBar[], hourly: PriceBar[], extra: Partial<SymbolContext> = {}): SymbolContext {
  return {
    symbol: "BTC-USDT",
    base: "BTC",
    quote: "USDT",
    price: hourly.at(-1)!.close,
    change24hPct: 1.2,
    high24h: null,
    low24h: null,
    quoteVolume24h: null,
    hourly,
    daily,
    signals: [],
    position: noPosition,
    ...extra,
  };
}

/** Hourly bars that end where the daily series ends, drifting the same way. */
function hourlyLike(daily: PriceBar[], pctPerBar: number): PriceBar[] {
  const end = daily.at(-1)!.close;
  const growth = 1 + pctPerBar / 100;
  return makeSeries(200, (i) => end / growth ** (199 - i) * (1 + 0.002 * Math.sin(i / 2)), { stepMs: HOUR_MS });
}

describe("computeOfflineAnalysis on known series", () => {
  test("a steady uptrend reads up and bullish, with levels on the right sides and the overbought risk", () => {
    const daily = rising(230, 0.4);
    const result = computeOfflineAnalysis(context(daily, hourlyLike(daily, 0.05)));
    expect(modelAnalysisSchema.safeParse(result).success).toBe(true);
    expect(result.trend.direction).toBe("up");
    expect(result.trend.strength).toBe("strong");
    expect(result.stance).toBe("bullish");
    expect(result.confidence).toBeGreaterThan(50);
    expect(result.summary.startsWith(OFFLINE_NOTICE)).toBe(true);
    expect(result.summary).toMatch(/The trend is up \(strong\): price above the 50-day EMA/);
    const price = hourlyLike(daily, 0.05).at(-1)!.close;
    for (const level of result.supportLevels) expect(level.price).toBeLessThan(price);
    for (const level of result.resistanceLevels) expect(level.price).toBeGreaterThan(price);
    expect(result.supportLevels.length).toBeGreaterThan(0);
  });

  test("a steady downtrend reads down and bearish", () => {
    const daily = falling(230, 0.4);
    const result = computeOfflineAnalysis(context(daily, hourlyLike(daily, -0.05)));
    expect(result.trend.direction).toBe("down");
    expect(result.stance).toBe("bearish");
    expect(result.summary).toMatch(/price below the 50-day EMA/);
  });

  test("a range reads sideways and neutral, with support near the lows and resistance near the highs", () => {
    // 230 days of a 95–105 range, ending mid-range on the way up.
    const daily = ranging(230, 20);
    const hourly = makeSeries(200, (i) => 100 + 0.8 * Math.sin((2 * Math.PI * i) / 24), { stepMs: HOUR_MS });
    const result = computeOfflineAnalysis(context(daily, hourly));
    expect(result.trend.direction).toBe("sideways");
    expect(result.stance).toBe("neutral");
    expect(result.summary).toMatch(/There is no clear trend: the price has gone back and forth/);
    const supports = result.supportLevels.map((l) => l.price);
    const resistances = result.resistanceLevels.map((l) => l.price);
    // The daily swing lows (~95) and highs (~105) are among the levels.
    expect(supports.some((p) => p > 93 && p < 97)).toBe(true);
    expect(resistances.some((p) => p > 103 && p < 107)).toBe(true);
  });

  test("wild swings raise the volatility risk; thin history is called out and lowers confidence", () => {
    const wild = makeSeries(230, (i) => 100 * (1 + 0.08 * Math.sin(i)), { rangePct: 4 });
    const result = computeOfflineAnalysis(context(wild, makeSeries(200, (i) => 100 + Math.sin(i), { stepMs: HOUR_MS })));
    expect(result.risks.join(" ")).toMatch(/High volatility: the average daily range is \d+\.\d %/);

    const short = rising(12, 0.4);
    const thin = computeOfflineAnalysis(context(short, makeSeries(30, (i) => 110 + i * 0.01, { stepMs: HOUR_MS })));
    expect(thin.risks.join(" ")).toMatch(/Thin history: only 12 daily candles/);
    expect(modelAnalysisSchema.safeParse(thin).success).toBe(true);
  });

  test("the user's position is described, and a stop inside a day's range is a risk", () => {
    const daily = rising(230, 0.4);
    const hourly = hourlyLike(daily, 0.05);
    const price = hourly.at(-1)!.close;
    const position: PositionContext = {
      base: "BTC",
      holdings: [{ portfolioName: "Core", symbol: "BTC", quantity: "2", avgCost: String(price / 2), costBasis: String(price), value: String(price * 2), unrealizedPnl: String(price), unrealizedPnlPct: 100, realizedPnl: "0" }],
      totalQuantity: "2",
      openTrades: [
        { symbol: "BTC-USDT", side: "long", mode: "paper", source: "robot", quantity: "0.1", entryPrice: String(price * 0.99), leverage: 3, stopLoss: String(price * 0.998), takeProfit: null, openedAt: "2025-01-01T00:00:00.000Z" },
      ],
    };
    const result = computeOfflineAnalysis(context(daily, hourly, { position }));
    expect(result.summary).toMatch(/You hold 2 BTC across 1 portfolio at an average cost of .* \(\+100\.0 % unrealized\)\./);
    expect(result.summary).toMatch(/Open trade: long 0\.1 from .* at 3x \(paper\)\./);
    expect(result.risks.join(" ")).toMatch(/Your long stop at .* inside one day's average range/);
  });

  test("an active sell signal tilts the stance down and a disagreeing one is a risk", () => {
    const daily = rising(230, 0.4);
    const sell: SignalContext = { timeframe: "4h", direction: "sell", entry: "1", stopLoss: "2", takeProfits: ["0.9", "0.8", "0.7"], confidence: 90, createdAt: "2025-01-01T00:00:00.000Z" };
    expect(computeSignalTilt([sell])).toBe(-9);
    expect(computeSignalTilt([sell, sell])).toBe(-15);
    const result = computeOfflineAnalysis(context(daily, hourlyLike(daily, 0.05), { signals: [sell] }));
    expect(result.risks.join(" ")).toMatch(/An active 4h sell signal \(confidence 90\) disagrees/);
  });
});

describe("assessTrend and assessStance", () => {
  test.each([
    ["a straight line", Array.from({ length: 61 }, (_, i) => 100 + i), 1],
    ["a flat line", Array.from({ length: 61 }, () => 100), 0],
    ["up 1, down 1, back where it started", Array.from({ length: 61 }, (_, i) => 100 + (i % 2)), 0],
  ])("efficiency of %s is %d", (_label, closes, want) => {
    expect(computeEfficiencyRatio(closes)).toBeCloseTo(want, 6);
  });

  test("a range that sits above its averages is damped to sideways", () => {
    const daily = ranging(230, 20);
    const snap = computeIndicatorSnapshot(daily)!;
    const undamped = assessTrend({ price: snap.close, daily: snap, hourly: null, hourlySlopePct: null });
    const damped = assessTrend({ price: snap.close, daily: snap, hourly: null, hourlySlopePct: null, efficiency: computeEfficiencyRatio(daily.map((b) => b.close)) });
    expect(undamped.score).toBeGreaterThan(damped.score);
    expect(damped.direction).toBe("sideways");
  });

  test("no data gives a neutral, low-confidence reading instead of failing", () => {
    const trend = assessTrend({ price: 100, daily: null, hourly: null, hourlySlopePct: null });
    expect(trend).toMatchObject({ score: 0, direction: "sideways" });
    const stance = assessStance({ trend, daily: null, hourly: null, signalTilt: 0 });
    expect(stance.stance).toBe("neutral");
    expect(stance.confidence).toBeLessThanOrEqual(60);
  });

  test.each([
    [80, -20, "stretched"],
    [72, -10, "overbought"],
    [28, 10, "oversold"],
    [20, 20, "deeply oversold"],
  ])("daily RSI %d moves the stance score by %d", (rsi, delta, word) => {
    const daily = { ...computeIndicatorSnapshot(rising(230))!, rsi14: rsi, bollingerUpper: null, bollingerLower: null };
    const trend = { score: 0, direction: "sideways" as const, strength: "strong" as const, efficiency: null, reasons: [] };
    const stance = assessStance({ trend, daily, hourly: null, signalTilt: 0 });
    expect(stance.score).toBe(delta);
    expect(stance.adjustments.join(" ")).toContain(word);
  });
});

describe("composeOfflineChatReply", () => {
  const daily = rising(230, 0.4);
  const symbol = context(daily, hourlyLike(daily, 0.05));
  const analysis = computeOfflineAnalysis(symbol);
  const chat: ChatContext = {
    now: "2025-08-01T00:00:00.000Z",
    symbol,
    market: [{ symbol: "BTC-USDT", price: 100, change24hPct: 2 }],
    portfolio: { portfolios: [], holdings: [], openTrades: [] },
  };

  test("is honest that it is offline and answers the topic asked", () => {
    const reply = composeOfflineChatReply({ question: "Where is support?", context: chat, analysis });
    expect(reply).toMatch(/^I'm the offline analyst/);
    expect(reply).toContain("Support:");
    expect(reply).not.toContain("Risks:");
  });

  test("without a symbol it gives the market and portfolio overview", () => {
    const reply = composeOfflineChatReply({
      question: "hello",
      context: { ...chat, symbol: null, portfolio: { portfolios: [{ name: "Core", baseCurrency: "USD", value: "1000", costBasis: "900", unrealizedPnl: "100", realizedPnl: "0" }], holdings: [], openTrades: [] } },
      analysis: null,
    });
    expect(reply).toContain("Market now: BTC-USDT 100 (+2.0 %)");
    expect(reply).toContain("Your portfolios: Core 1,000 USD");
  });

  test("says plainly when the user has nothing to discuss", () => {
    const reply = composeOfflineChatReply({ question: "how is my portfolio?", context: chat, analysis });
    expect(reply).toContain("You have no portfolio or open trade yet");
  });
});
