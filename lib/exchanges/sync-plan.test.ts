import { describe, expect, test } from "vitest";
import { planSync, type ExistingTransaction } from "./sync-plan";
import type { MyTrade } from "./types";

const now = new Date("2026-05-01T12:00:00Z");

function trade(id: string, side: "buy" | "sell", amount: string, price: string, at: string, fee = { cost: "0.5", currency: "USDT" }, symbol = "BTC/USDT"): MyTrade {
  return { id, order: `o${id}`, symbol, timestamp: Date.parse(at), datetime: at, side, type: "market", takerOrMaker: "taker", price, amount, cost: String(Number(price) * Number(amount)), fee };
}

const asExisting = (planned: ReturnType<typeof planSync>["transactions"]): ExistingTransaction[] =>
  planned.map(({ symbol, type, quantity, fee, feeCurrency, externalId }) => ({ symbol, type, quantity, fee, feeCurrency, externalId }));

describe("planSync", () => {
  const trades = [
    trade("2", "sell", "0.4", "62000", "2026-03-01T00:00:00Z"),
    trade("1", "buy", "1", "50000", "2026-02-01T00:00:00Z"),
  ];

  test("first sync: trades oldest first, an opening balance before the first trade, and balances the trades do not explain", () => {
    // 1 BTC bought, 0.4 sold → 0.6 from trades; the account holds 0.8 BTC and 1,000 USDT.
    const plan = planSync({ existing: [], trades, balances: { BTC: "0.8", USDT: "1000" }, pricesUsd: { BTC: "64000" }, now });
    expect(plan.transactions.map((t) => [t.type, t.symbol, t.quantity, t.externalId])).toEqual([
      ["transfer_in", "BTC", "0.2", "opening:BTC"],
      ["buy", "BTC", "1", "trade:BTC/USDT:1"],
      ["sell", "BTC", "0.4", "trade:BTC/USDT:2"],
      ["transfer_in", "USDT", "1000", `balance:USDT:${now.toISOString()}`],
    ]);
    const opening = plan.transactions[0]!;
    expect(opening.executedAt.toISOString()).toBe("2026-01-31T23:59:59.000Z");
    expect(opening.price).toBe("50000");
    expect(plan.transactions[3]!.price).toBe("1");
    expect(plan.transactions[1]).toMatchObject({ price: "50000", fee: "0.5", feeCurrency: "USDT", quoteCurrency: "USDT" });
  });

  test("a second sync with the same trades and balances adds nothing", () => {
    const first = planSync({ existing: [], trades, balances: { BTC: "0.8", USDT: "1000" }, pricesUsd: { BTC: "64000" }, now });
    const second = planSync({ existing: asExisting(first.transactions), trades, balances: { BTC: "0.8", USDT: "1000" }, pricesUsd: { BTC: "64000" }, now: new Date(now.getTime() + 60_000) });
    expect(second.transactions).toEqual([]);
  });

  test("later: new trades are added and a withdrawal becomes a transfer_out at sync time", () => {
    const first = planSync({ existing: [], trades, balances: { BTC: "0.8" }, pricesUsd: { BTC: "64000" }, now });
    const later = new Date("2026-06-01T00:00:00Z");
    const more = [...trades, trade("3", "buy", "0.1", "70000", "2026-05-15T00:00:00Z")];
    const plan = planSync({ existing: asExisting(first.transactions), trades: more, balances: { BTC: "0.5" }, pricesUsd: { BTC: "71000" }, now: later });
    expect(plan.transactions.map((t) => [t.type, t.quantity, t.price])).toEqual([
      ["buy", "0.1", "70000"],
      ["transfer_out", "0.4", "71000"],
    ]);
  });

  test("a fee paid in another coin reduces that coin; trades quoted in a non-USD coin are skipped and reported", () => {
    const bnbFee = trade("9", "buy", "2", "3000", "2026-04-01T00:00:00Z", { cost: "0.01", currency: "BNB" }, "ETH/USDT");
    const btcQuoted = trade("10", "buy", "1", "0.05", "2026-04-02T00:00:00Z", { cost: "0", currency: "BTC" }, "ETH/BTC");
    const plan = planSync({ existing: [], trades: [bnbFee, btcQuoted], balances: { ETH: "2", BNB: "0.99" }, pricesUsd: { BNB: "600" }, now });
    expect(plan.skippedTrades).toEqual([{ id: "10", symbol: "ETH/BTC", reason: "quoted in BTC, not a USD stablecoin" }]);
    // 0.99 held after paying 0.01 as a fee: 1 BNB came in before.
    expect(plan.transactions.find((t) => t.symbol === "BNB")).toMatchObject({ type: "transfer_in", quantity: "1", price: "600" });
    expect(plan.transactions.some((t) => t.symbol === "ETH" && t.type !== "buy")).toBe(false);
  });
});
