import { describe, expect, test } from "vitest";
import { computeRebalanceTrades, type RebalancePosition } from "./rebalance";

// Book R: BTC 0.5 @ 40000 = 20000, ETH 5 @ 2000 = 10000, SOL 100 @ 100 = 10000 → total 40000
const bookR: RebalancePosition[] = [
  { symbol: "BTC", quantity: "0.5", priceUsd: "40000" },
  { symbol: "ETH", quantity: "5", priceUsd: "2000" },
  { symbol: "SOL", quantity: "100", priceUsd: "100" },
  { symbol: "USDC", quantity: "0", priceUsd: "1" },
];

describe("computeRebalanceTrades", () => {
  test.each([
    [
      // targets 50/30/20 → 20000 / 12000 / 8000: BTC unchanged, ETH +2000 = 1 ETH, SOL −2000 = 20 SOL
      "50/30/20",
      { BTC: 0.5, ETH: 0.3, SOL: 0.2 },
      "10",
      [
        { symbol: "SOL", side: "sell", quantity: "20", valueUsd: "2000" },
        { symbol: "ETH", side: "buy", quantity: "1", valueUsd: "2000" },
      ],
      [],
      ["2000", "2000"],
    ],
    [
      // 50.1/29.9/20 → BTC 20040 (+40 = 0.001 BTC, under the 50 minimum), ETH 11960 (+1960 = 0.98 ETH),
      // SOL 8000 (−2000 = 20 SOL)
      "a BTC top-up under the minimum is skipped",
      { BTC: "0.501", ETH: "0.299", SOL: "0.2" },
      50,
      [
        { symbol: "SOL", side: "sell", quantity: "20", valueUsd: "2000" },
        { symbol: "ETH", side: "buy", quantity: "0.98", valueUsd: "1960" },
      ],
      [{ symbol: "BTC", side: "buy", quantity: "0.001", valueUsd: "40", reason: "below_minimum" }],
      ["2000", "1960"],
    ],
    [
      // 60 % BTC / 40 % USDC; ETH and SOL have no target → sold in full (10000 each)
      // BTC 24000 − 20000 = +4000 = 0.1 BTC; USDC 16000 − 0 = +16000 = 16000 USDC
      "untargeted holdings are sold in full",
      { BTC: 0.6, USDC: 0.4 },
      "1",
      [
        { symbol: "ETH", side: "sell", quantity: "5", valueUsd: "10000" },
        { symbol: "SOL", side: "sell", quantity: "100", valueUsd: "10000" },
        { symbol: "USDC", side: "buy", quantity: "16000", valueUsd: "16000" },
        { symbol: "BTC", side: "buy", quantity: "0.1", valueUsd: "4000" },
      ],
      [],
      ["20000", "20000"],
    ],
    [
      // weights summing to 1 + 5e-10 are within tolerance: BTC target 40000 × 0.5000000005 = 20000.00002,
      // a 0.00002 USD buy, under the 0.01 minimum
      "a weight sum off by 5e-10 is accepted",
      { BTC: "0.5000000005", ETH: 0.3, SOL: 0.2 },
      "0.01",
      [
        { symbol: "SOL", side: "sell", quantity: "20", valueUsd: "2000" },
        { symbol: "ETH", side: "buy", quantity: "1", valueUsd: "2000" },
      ],
      [{ symbol: "BTC", side: "buy", quantity: "0", valueUsd: "0", reason: "below_minimum" }],
      ["2000", "2000"],
    ],
  ])("%s", (_name, targets, minTradeUsd, wantTrades, wantSkipped, [wantSell, wantBuy]) => {
    const plan = computeRebalanceTrades({ positions: bookR, targets, minTradeUsd });
    expect(plan.totalValueUsd).toBe("40000");
    expect(plan.trades).toEqual(wantTrades);
    expect(plan.skipped).toEqual(wantSkipped);
    expect([plan.sellValueUsd, plan.buyValueUsd]).toEqual([wantSell, wantBuy]);
  });

  test("rounds quantities down: 1000 USD of BTC at 30000 = 0.0333… → 0.03333333 (999.9999 USD)", () => {
    const plan = computeRebalanceTrades({
      positions: [
        { symbol: "USDC", quantity: "1000", priceUsd: "1" },
        { symbol: "BTC", quantity: "0", priceUsd: "30000" },
      ],
      targets: { BTC: 1 },
      minTradeUsd: 0,
    });
    expect(plan.trades).toEqual([
      { symbol: "USDC", side: "sell", quantity: "1000", valueUsd: "1000" },
      { symbol: "BTC", side: "buy", quantity: "0.03333333", valueUsd: "999.9999" },
    ]);
  });

  test("reports a trade that rounds to zero units", () => {
    // 1 USD of BTC at 30000 = 0.0000333… BTC → 0 at 2 decimals
    const plan = computeRebalanceTrades({
      positions: [
        { symbol: "USDC", quantity: "29999", priceUsd: "1" },
        { symbol: "BTC", quantity: "0", priceUsd: "30000" },
      ],
      targets: { USDC: "0.99996666666666666667", BTC: "0.00003333333333333333" },
      minTradeUsd: 0,
      quantityDecimals: 2,
    });
    expect(plan.skipped).toMatchObject([{ symbol: "BTC", side: "buy", quantity: "0", reason: "rounds_to_zero" }]);
  });

  test.each([
    ["an empty portfolio with a full target", [{ symbol: "BTC", quantity: "0", priceUsd: "100" }], { BTC: 1 }],
    ["a book already on target", bookR, { BTC: 0.5, ETH: 0.25, SOL: 0.25 }],
  ])("no trades for %s", (_name, positions, targets) => {
    expect(computeRebalanceTrades({ positions, targets, minTradeUsd: 0 })).toMatchObject({ trades: [], skipped: [] });
  });

  test.each([
    ["weights summing to 0.9", { BTC: 0.5, ETH: 0.4 }, "targets"],
    ["weights summing to 1 + 2e-9", { BTC: "0.500000002", ETH: 0.3, SOL: 0.2 }, "targets"],
    ["a negative weight", { BTC: 0.6, ETH: -0.1, SOL: 0.5 }, "targets.ETH"],
    ["a weight above 1", { BTC: 1.5, ETH: -0.5 }, "targets.BTC"],
    ["a target without a price", { DOGE: 1 }, "targets.DOGE"],
    ["no targets at all", {}, "targets"],
    ["a non-numeric weight", { BTC: "half", ETH: 0.5 }, "targets.BTC"],
  ])("rejects %s", (_name, targets, field) => {
    expect(() => computeRebalanceTrades({ positions: bookR, targets, minTradeUsd: 0 })).toThrow(
      expect.objectContaining({ code: "VALIDATION_ERROR", details: [expect.objectContaining({ field })] }),
    );
  });

  test.each([
    ["a symbol listed twice", [...bookR, { symbol: "BTC", quantity: "1", priceUsd: "1" }], { BTC: 1 }, 0],
    ["a priceless symbol with a target", [{ symbol: "X", quantity: "1", priceUsd: "0" }, { symbol: "Y", quantity: "1", priceUsd: "1" }], { X: 0.5, Y: 0.5 }, 0],
    ["a negative minimum", bookR, { BTC: 1 }, -1],
  ])("rejects %s", (_name, positions, targets, minTradeUsd) => {
    expect(() => computeRebalanceTrades({ positions, targets, minTradeUsd })).toThrow(expect.objectContaining({ code: "VALIDATION_ERROR" }));
  });
});
