import { describe, expect, test } from "vitest";
import { computeTradeStats } from "./stats";

const at = (day: number) => new Date(Date.UTC(2026, 0, day));

describe("computeTradeStats", () => {
  test("empty journal", () => {
    const stats = computeTradeStats([], 2);
    expect(stats).toMatchObject({ closedTrades: 0, openTrades: 2, winRate: null, totalPnl: "0", avgPnl: null, profitFactor: null, bySymbol: [], equityCurve: [] });
  });

  test("wins, losses, profit factor, per symbol and the equity curve in closing order", () => {
    const stats = computeTradeStats([
      { symbol: "ETH-USDT", pnl: "-40", fees: "1", closedAt: at(3) },
      { symbol: "BTC-USDT", pnl: "100", fees: "2", closedAt: at(1) },
      { symbol: "BTC-USDT", pnl: "50.5", fees: "1.5", closedAt: at(2) },
      { symbol: "ETH-USDT", pnl: "0", fees: "0.5", closedAt: at(4) },
    ]);
    expect(stats).toMatchObject({
      closedTrades: 4,
      wins: 2,
      losses: 1,
      breakeven: 1,
      winRate: 0.5,
      totalPnl: "110.5",
      avgPnl: "27.625",
      avgWin: "75.25",
      avgLoss: "-40",
      largestWin: "100",
      largestLoss: "-40",
      totalFees: "5",
    });
    expect(stats.profitFactor).toBeCloseTo(150.5 / 40, 10);
    expect(stats.equityCurve.map((point) => point.cumulativePnl)).toEqual(["100", "150.5", "110.5", "110.5"]);
    expect(stats.bySymbol).toEqual([
      { symbol: "BTC-USDT", trades: 2, wins: 2, losses: 0, winRate: 1, pnl: "150.5" },
      { symbol: "ETH-USDT", trades: 2, wins: 0, losses: 1, winRate: 0, pnl: "-40" },
    ]);
  });

  test("no losing trade: profit factor is null, not infinite", () => {
    expect(computeTradeStats([{ symbol: "SOL-USDT", pnl: "5", fees: "0", closedAt: at(1) }]).profitFactor).toBeNull();
  });
});
