import { describe, expect, test } from "vitest";
import {
  computeExitLevels,
  computeGrossPnl,
  computeMarketFillPrice,
  computeNetPnl,
  computePaperEntry,
  computePaperExit,
  computeUnrealizedPnl,
  detectExitHit,
  roundDownToStep,
} from "./math";

const quote = { last: 100, bid: 99.9, ask: 100.1 };

describe("market fills", () => {
  test.each([
    ["buy", "100.12002"], // ask 100.1 × 1.0002
    ["sell", "99.88002"], // bid 99.9 × 0.9998
  ] as const)("%s fills at the touch worsened by 0.02 %% slippage", (action, want) => {
    expect(computeMarketFillPrice({ quote, action })).toBe(want);
  });

  test("falls back to the last price without bid and ask", () => {
    expect(computeMarketFillPrice({ quote: { last: 50, bid: null, ask: null }, action: "buy", slippageRate: "0" })).toBe("50");
  });
});

describe("paper entry", () => {
  test("sizes margin × leverage at the fill price and charges 0.04 % on the notional", () => {
    const entry = computePaperEntry({ balance: "10000", balancePct: 10, leverage: 5, side: "long", quote: { last: 100, bid: 100, ask: 100 }, slippageRate: "0" });
    // margin 1000, notional 5000 at 100 → 50 units; fee 5000 × 0.0004 = 2
    expect(entry).toEqual({ entryPrice: "100", quantity: "50", margin: "1000", notional: "5000", fee: "2" });
  });

  test("a short sells at the bid", () => {
    const entry = computePaperEntry({ balance: "1000", balancePct: 50, leverage: 1, side: "short", quote, slippageRate: "0" });
    expect(entry.entryPrice).toBe("99.9");
  });

  test("at 100 % the position shrinks so the margin and the fee both fit", () => {
    const entry = computePaperEntry({ balance: "1000", balancePct: 100, leverage: 1, side: "long", quote: { last: 10, bid: 10, ask: 10 }, slippageRate: "0" });
    expect(Number(entry.margin) + Number(entry.fee)).toBeLessThanOrEqual(1000);
    expect(Number(entry.quantity)).toBeCloseTo(1000 / 10 / 1.0004, 6);
  });

  test.each([["0"], ["-5"]])("an empty wallet (%s) cannot open", (balance) => {
    expect(() => computePaperEntry({ balance, balancePct: 10, leverage: 1, side: "long", quote })).toThrow(RangeError);
  });
});

describe("exit levels and hits", () => {
  test.each([
    ["long", "100", 2, 1, "102", "99"],
    ["short", "100", 2, 1, "98", "101"],
    ["long", "65000", 1.5, 0.5, "65975", "64675"],
  ] as const)("%s at %s with TP %d %% and SL %d %%", (side, entryPrice, tp, sl, takeProfit, stopLoss) => {
    expect(computeExitLevels({ side, entryPrice, takeProfitPct: tp, stopLossPct: sl })).toEqual({ takeProfit, stopLoss });
  });

  test.each([
    ["long", 101.9, null],
    ["long", 102, "take_profit"],
    ["long", 120, "take_profit"],
    ["long", 99, "stop_loss"],
    ["long", 50, "stop_loss"],
    ["short", 98, "take_profit"],
    ["short", 100.5, null],
    ["short", 101, "stop_loss"],
  ] as const)("%s at price %d → %s", (side, price, want) => {
    const levels = side === "long" ? { takeProfit: "102", stopLoss: "99" } : { takeProfit: "98", stopLoss: "101" };
    expect(detectExitHit({ side, price, ...levels })).toBe(want);
  });

  test("the stop wins when both levels are crossed (inverted levels)", () => {
    expect(detectExitHit({ side: "long", price: 100, takeProfit: "99", stopLoss: "101" })).toBe("stop_loss");
  });

  test("missing levels never hit", () => {
    expect(detectExitHit({ side: "long", price: 1e9, takeProfit: null, stopLoss: null })).toBeNull();
  });
});

describe("P&L", () => {
  test.each([
    ["long", "100", "110", "2", "20"],
    ["long", "100", "90", "2", "-20"],
    ["short", "100", "90", "2", "20"],
    ["short", "100", "110", "2", "-20"],
    ["long", "100", "100", "2", "0"],
  ] as const)("%s %s → %s × %s = %s gross", (side, entryPrice, exitPrice, quantity, want) => {
    expect(computeGrossPnl({ side, entryPrice, exitPrice, quantity })).toBe(want);
  });

  test("net P&L subtracts fees and relates to the margin", () => {
    // 50 units at 100 with 5× → margin 1000; +2 % move = +100 gross, fees 4 → +96 = 9.6 % of margin
    expect(computeNetPnl({ side: "long", entryPrice: "100", exitPrice: "102", quantity: "50", fees: "4", leverage: 5 })).toEqual({ pnl: "96", pnlPct: "9.6" });
  });

  test("a take-profit exit fills at its level; balance delta = gross − exit fee", () => {
    const exit = computePaperExit({ side: "long", entryPrice: "100", quantity: "50", entryFee: "2", leverage: 5, quote: { last: 103, bid: 103, ask: 103 }, reason: "take_profit", takeProfit: "102" });
    // gross 100, exit fee 102 × 50 × 0.0004 = 2.04, fees 4.04, pnl 95.96
    expect(exit).toEqual({ exitPrice: "102", exitFee: "2.04", fees: "4.04", pnl: "95.96", pnlPct: "9.596", balanceDelta: "97.96" });
    // open took the entry fee (2) from the wallet; close returns 97.96: the wallet moves by the net P&L
    expect(Number(exit.balanceDelta) - 2).toBeCloseTo(Number(exit.pnl), 10);
  });

  test("a stop-loss exit fills at market, so a gap fills beyond the stop", () => {
    const exit = computePaperExit({ side: "long", entryPrice: "100", quantity: "10", entryFee: "0.4", leverage: 1, quote: { last: 95, bid: 95, ask: 95.1 }, reason: "stop_loss", takeProfit: "110", slippageRate: "0" });
    expect(exit.exitPrice).toBe("95");
    expect(exit.pnl).toBe("-50.78"); // −50 gross − 0.4 entry − 0.38 exit
  });

  test("unrealized P&L of a short", () => {
    expect(computeUnrealizedPnl({ side: "short", entryPrice: "100", quantity: "3", price: 97, feesPaid: "0.12" })).toBe("8.88");
  });

  test.each([
    ["0.123456", 0.001, "0.123"],
    ["5", 1, "5"],
    ["0.00001999", 0.00001, "0.00001"],
  ])("roundDownToStep(%s, %d) = %s", (quantity, step, want) => {
    expect(roundDownToStep(quantity, step)).toBe(want);
  });
});
