import { describe, expect, test } from "vitest";
import { buildDemoPortfolio, DEMO_HISTORY_DAYS, DEMO_SYMBOLS, startOfUtcDay, type DailyClose } from "./demo-data";

const now = new Date("2026-06-15T09:30:00Z");
const DAY = 86_400_000;
const closes = (base: number): DailyClose[] =>
  Array.from({ length: DEMO_HISTORY_DAYS + 1 }, (_, i) => ({ dayStartMs: startOfUtcDay(now.getTime()) - (DEMO_HISTORY_DAYS - i) * DAY, close: base + i }));
const closesBySymbol = Object.fromEntries(DEMO_SYMBOLS.map((s, i) => [s, closes(100 * (i + 1))]));

describe("buildDemoPortfolio", () => {
  const { transactions, snapshots } = buildDemoPortfolio({ now, closesBySymbol });

  test("a snapshot for every day of the past year, in order, the last one today", () => {
    expect(snapshots).toHaveLength(DEMO_HISTORY_DAYS + 1);
    expect(snapshots.at(-1)!.day).toBe("2026-06-15");
    expect(snapshots[0]!.day).toBe("2025-06-15");
    expect(new Set(snapshots.map((s) => s.day)).size).toBe(snapshots.length);
  });

  test("trades happen at that day's close with a 0.1 % fee", () => {
    const first = transactions[0]!;
    // BTC's series starts at 100 on day -365; day -364 closes at 101.
    expect(first).toMatchObject({ symbol: "BTC", type: "buy", quantity: "0.5", price: "101.00000000", fee: "0.05050000" });
  });

  test("each snapshot values its holdings at that day's close and reports the day's net flow", () => {
    const day = snapshots.find((s) => s.day === "2025-06-16")!; // BTC and ETH bought
    const value = day.holdings.reduce((sum, h) => sum + Number(h.quantity) * Number(h.priceUsd), 0);
    expect(Number(day.valueUsd)).toBeCloseTo(value, 6);
    // 0.5 × 101 + 4 × 201, each plus 0.1 % fee
    expect(Number(day.netFlowUsd)).toBeCloseTo((0.5 * 101 + 4 * 201) * 1.001, 6);
    expect(snapshots[0]!.valueUsd).toBe("0");
  });

  test("quantities never go negative and the final holdings match the plan", () => {
    const last = snapshots.at(-1)!;
    const qty = Object.fromEntries(last.holdings.map((h) => [h.symbol, Number(h.quantity)]));
    expect(qty).toEqual({ BTC: 0.5, ETH: 4, SOL: 80, BNB: 3, DOGE: 4000, XRP: 300 });
  });
});
