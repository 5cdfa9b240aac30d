import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import {
  computeHoldings,
  computeLedger,
  InsufficientHoldingsError,
  InvalidTransactionError,
  type LedgerTransaction,
  type PositionSummary,
} from "./ledger";

const TOLERANCE_DIGITS = 6;

let sequence = 0;
function tx(
  day: string,
  type: LedgerTransaction["type"],
  symbol: string,
  quantity: string,
  price: string | null,
  fee = "0",
  feeCurrency: string | null = null,
  id?: string,
): LedgerTransaction {
  sequence += 1;
  return {
    id: id ?? `tx-${String(sequence).padStart(4, "0")}`,
    type,
    symbol,
    quantity,
    price,
    fee,
    feeCurrency,
    executedAt: new Date(`${day}T12:00:00Z`),
  };
}

function positionOf(transactions: LedgerTransaction[], symbol: string): PositionSummary {
  const position = computeLedger(transactions).positions.find((p) => p.symbol === symbol);
  if (!position) throw new Error(`no position for ${symbol}`);
  return position;
}

// Spreadsheet A: FIFO over two buys and two partial sells, all fees in USD.
//   1 buy  1.0 BTC @ 30000 fee 30  → lot1 1.0 BTC cost 30000 + 30 = 30030
//   2 buy  0.5 BTC @ 40000 fee 20  → lot2 0.5 BTC cost 20000 + 20 = 20020
//   3 sell 1.2 BTC @ 50000 fee 60  → proceeds 60000 − 60 = 59940
//        cost = lot1 30030 + 0.2/0.5 × 20020 (= 8008) = 38038 → realized 59940 − 38038 = 21902
//        lot2 left: 0.3 BTC cost 12012
//   4 sell 0.1 BTC @ 45000 fee 4.5 → proceeds 4500 − 4.5 = 4495.5
//        cost = 0.1/0.3 × 12012 = 4004 → realized 491.5; lot2 left: 0.2 BTC cost 8008
//   totals: realized 21902 + 491.5 = 22393.5; fees 30 + 20 + 60 + 4.5 = 114.5; avg cost 8008 / 0.2 = 40040
const spreadsheetA = [
  tx("2024-01-01", "buy", "BTC", "1", "30000", "30", "USD"),
  tx("2024-01-05", "buy", "BTC", "0.5", "40000", "20", "USD"),
  tx("2024-02-01", "sell", "BTC", "1.2", "50000", "60", "USD"),
  tx("2024-03-01", "sell", "BTC", "0.1", "45000", "4.5", "USD"),
];

describe("computeLedger FIFO", () => {
  test.each([
    ["after the two buys", 2, { quantity: 1.5, costBasis: 50050, avgCost: 33366.666667, realizedPnl: 0, feesPaid: 50 }],
    ["after the first partial sell", 3, { quantity: 0.3, costBasis: 12012, avgCost: 40040, realizedPnl: 21902, feesPaid: 110 }],
    ["after both sells", 4, { quantity: 0.2, costBasis: 8008, avgCost: 40040, realizedPnl: 22393.5, feesPaid: 114.5 }],
  ])("%s", (_name, count, want) => {
    const position = positionOf(spreadsheetA.slice(0, count), "BTC");
    expect(Number(position.quantity)).toBeCloseTo(want.quantity, TOLERANCE_DIGITS);
    expect(Number(position.costBasis)).toBeCloseTo(want.costBasis, TOLERANCE_DIGITS);
    expect(Number(position.avgCost)).toBeCloseTo(want.avgCost, TOLERANCE_DIGITS);
    expect(Number(position.realizedPnl)).toBeCloseTo(want.realizedPnl, TOLERANCE_DIGITS);
    expect(Number(position.feesPaid)).toBeCloseTo(want.feesPaid, TOLERANCE_DIGITS);
  });

  test("keeps exact decimal strings and the remaining open lot", () => {
    const position = positionOf(spreadsheetA, "BTC");
    expect(position).toMatchObject({ quantity: "0.2", costBasis: "8008", avgCost: "40040", realizedPnl: "22393.5" });
    expect(position.lots).toEqual([
      {
        transactionId: spreadsheetA[1]!.id,
        acquiredAt: spreadsheetA[1]!.executedAt,
        quantity: "0.2",
        costBasis: "8008",
        unitCost: "40040",
      },
    ]);
  });

  test("does not drift on binary-unfriendly amounts: 0.1 + 0.2 bought, 0.3 sold", () => {
    // 0.1 @ 10 (cost 1) + 0.2 @ 10 (cost 2); sell 0.3 @ 20 → proceeds 6, cost 3, realized 3, nothing left.
    const position = positionOf(
      [
        tx("2024-01-01", "buy", "ETH", "0.1", "10"),
        tx("2024-01-02", "buy", "ETH", "0.2", "10"),
        tx("2024-01-03", "sell", "ETH", "0.3", "20"),
      ],
      "ETH",
    );
    expect(position).toMatchObject({ quantity: "0", costBasis: "0", avgCost: "0", realizedPnl: "3", lots: [] });
  });

  test("processes transactions by executedAt, whatever the input order", () => {
    const shuffled = [spreadsheetA[3]!, spreadsheetA[0]!, spreadsheetA[2]!, spreadsheetA[1]!];
    expect(computeLedger(shuffled)).toEqual(computeLedger(spreadsheetA));
  });

  test.each([
    ["buy id before sell id: the buy comes first", "a", "b", "100"],
    ["sell id before buy id: the sell comes first and fails", "b", "a", null],
  ])("equal timestamps fall back to id order: %s", (_name, buyId, sellId, wantRealized) => {
    // buy 1 @ 100, sell 1 @ 200 → realized 200 − 100 = 100
    const run = () =>
      computeLedger([
        tx("2024-01-01", "sell", "BTC", "1", "200", "0", null, sellId),
        tx("2024-01-01", "buy", "BTC", "1", "100", "0", null, buyId),
      ]);
    if (wantRealized === null) expect(run).toThrow(InsufficientHoldingsError);
    else expect(run().positions[0]?.realizedPnl).toBe(wantRealized);
  });
});

// Spreadsheet B: fees charged in the traded asset (feeCurrency = symbol).
//   buy  1 ETH @ 2000 fee 0.01 ETH → lot 0.99 ETH for the full 2000; fee worth 0.01 × 2000 = 20
//   sell 0.5 ETH @ 3000 fee 0.005 ETH → 0.505 ETH leave; cost 2000 × 0.505 / 0.99 = 1020.202020…
//        proceeds 0.5 × 3000 = 1500 → realized 1500 − 1020.202020… = 479.797979…; fee worth 15
//   left: 0.485 ETH, cost 2000 × 0.485 / 0.99 = 979.797979…, avg 2000 / 0.99 = 2020.202020…
// Spreadsheet C: fees charged in a third asset (BNB), valued at that asset's FIFO cost basis.
//   deposit 1 BNB @ 300 → BNB lot cost 300
//   buy 0.1 BTC @ 40000 fee 0.01 BNB → BNB cost out 3 → BTC lot cost 4000 + 3 = 4003
//   sell 0.1 BTC @ 50000 fee 0.02 BNB → BNB cost out 6 → proceeds 5000 − 6 = 4994, realized 4994 − 4003 = 991
//   BNB left: 0.97 @ 300 = 291, realized 0 (a fee leg realizes nothing on the fee asset)
// Spreadsheet D: transfers, rewards and fee transactions for ETH.
//   deposit 2 ETH @ 1000 → lot1 2 ETH cost 2000;  staking_reward 0.1 ETH @ 2500 → lot2 cost 250
//   withdraw 1 ETH fee 0.01 ETH → 1 ETH (cost 1000) leaves, no P&L; the 0.01 ETH fee (cost 10) is an
//        expense: realized −10, fees 10; lot1 0.99 cost 990
//   transfer_out 0.5 ETH fee 2 USD → cost 500 leaves; realized −12, fees 12; lot1 0.49 cost 490
//   fee 0.09 ETH → cost 90 leaves as an expense: realized −102, fees 102; lot1 0.4 cost 400
//   left: 0.4 + 0.1 = 0.5 ETH, cost 400 + 250 = 650, avg 1300
//   airdrop 100 ARB without price → cost 0;  transfer_in 1 SOL @ 100 fee 1 USD → cost 101
const spreadsheetB = [
  tx("2024-01-01", "buy", "ETH", "1", "2000", "0.01", "ETH"),
  tx("2024-02-01", "sell", "ETH", "0.5", "3000", "0.005", "ETH"),
];
const spreadsheetC = [
  tx("2024-01-01", "deposit", "BNB", "1", "300"),
  tx("2024-01-02", "buy", "BTC", "0.1", "40000", "0.01", "BNB"),
  tx("2024-02-01", "sell", "BTC", "0.1", "50000", "0.02", "BNB"),
];
const spreadsheetD = [
  tx("2024-01-01", "deposit", "ETH", "2", "1000"),
  tx("2024-01-02", "staking_reward", "ETH", "0.1", "2500"),
  tx("2024-01-03", "withdraw", "ETH", "1", null, "0.01", "ETH"),
  tx("2024-01-04", "transfer_out", "ETH", "0.5", null, "2", "USD"),
  tx("2024-01-05", "fee", "ETH", "0.09", null),
  tx("2024-01-06", "airdrop", "ARB", "100", null),
  tx("2024-01-07", "transfer_in", "SOL", "1", "100", "1", null),
];

describe("computeLedger fee and transfer rules", () => {
  test.each([
    ["B: own-asset fee after the buy", spreadsheetB.slice(0, 1), "ETH", [0.99, 2000, 2020.2020202020, 0, 20]],
    ["B: own-asset fee after the sell", spreadsheetB, "ETH", [0.485, 979.7979797980, 2020.2020202020, 479.7979797980, 35]],
    ["C: BTC with BNB fees", spreadsheetC, "BTC", [0, 0, 0, 991, 9]],
    ["C: BNB paid the fees at cost", spreadsheetC, "BNB", [0.97, 291, 300, 0, 0]],
    ["D: ETH after withdraw, transfer_out and fee", spreadsheetD, "ETH", [0.5, 650, 1300, -102, 102]],
    ["D: airdrop has zero cost basis", spreadsheetD, "ARB", [100, 0, 0, 0, 0]],
    ["D: transfer_in fee adds to cost", spreadsheetD, "SOL", [1, 101, 101, 0, 1]],
  ])("%s", (_name, transactions, symbol, [quantity, costBasis, avgCost, realizedPnl, feesPaid]) => {
    const position = positionOf(transactions, symbol);
    expect(Number(position.quantity)).toBeCloseTo(quantity!, TOLERANCE_DIGITS);
    expect(Number(position.costBasis)).toBeCloseTo(costBasis!, TOLERANCE_DIGITS);
    expect(Number(position.avgCost)).toBeCloseTo(avgCost!, TOLERANCE_DIGITS);
    expect(Number(position.realizedPnl)).toBeCloseTo(realizedPnl!, TOLERANCE_DIGITS);
    expect(Number(position.feesPaid)).toBeCloseTo(feesPaid!, TOLERANCE_DIGITS);
  });

  // A fee in a quote currency is a USD amount even when that currency is also the traded asset:
  //   deposit 100 USDT @ 1 (cost 100); sell 100 USDT @ 1 fee 1 USDT → proceeds 100 − 1 = 99, realized −1
  // With quoteCurrencies ["USD"] the same fee is 1 unit of the asset, so 101 USDT would have to leave.
  test.each([
    ["USDT is a quote currency by default", undefined, "-1"],
    ["USDT is an asset when only USD is the quote", ["USD"], null],
  ])("%s", (_name, quoteCurrencies, wantRealized) => {
    const run = () =>
      computeLedger(
        [tx("2024-01-01", "deposit", "USDT", "100", "1"), tx("2024-01-02", "sell", "USDT", "100", "1", "1", "USDT")],
        { quoteCurrencies },
      );
    if (wantRealized === null) expect(run).toThrow(expect.objectContaining({ requestedQuantity: "101", availableQuantity: "100" }));
    else expect(run().positions[0]).toMatchObject({ quantity: "0", realizedPnl: wantRealized, feesPaid: "1" });
  });

  test("totals add up over symbols (spreadsheet C: cost 291, realized 991, fees 9)", () => {
    expect(computeLedger(spreadsheetC).totals).toEqual({ costBasis: "291", realizedPnl: "991", feesPaid: "9" });
  });

  test("an empty ledger is all zeros", () => {
    expect(computeLedger([])).toEqual({ positions: [], totals: { costBasis: "0", realizedPnl: "0", feesPaid: "0" } });
  });
});

describe("computeLedger errors", () => {
  test.each([
    ["selling more than held", [tx("2024-01-01", "buy", "BTC", "1", "100"), tx("2024-01-02", "sell", "BTC", "1.5", "100", "0", null, "s1")], "BTC", "1.5", "1", "s1"],
    ["selling everything plus an own-asset fee", [tx("2024-01-01", "buy", "BTC", "1", "100"), tx("2024-01-02", "sell", "BTC", "1", "100", "0.001", "BTC", "s2")], "BTC", "1.001", "1", "s2"],
    ["withdrawing what was never deposited", [tx("2024-01-01", "withdraw", "ETH", "0.5", null, "0", null, "w1")], "ETH", "0.5", "0", "w1"],
    ["paying a fee in an asset not held", [tx("2024-01-01", "buy", "BTC", "1", "100", "0.01", "BNB", "b1")], "BNB", "0.01", "0", "b1"],
    ["a fee transaction larger than the holding", [tx("2024-01-01", "deposit", "ETH", "0.1", null), tx("2024-01-02", "fee", "ETH", "0.2", null, "0", null, "f1")], "ETH", "0.2", "0.1", "f1"],
  ])("%s throws InsufficientHoldingsError", (_name, transactions, symbol, requested, available, transactionId) => {
    let caught: unknown;
    try {
      computeLedger(transactions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InsufficientHoldingsError);
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({
      code: "INSUFFICIENT_HOLDINGS",
      status: 422,
      symbol,
      requestedQuantity: requested,
      availableQuantity: available,
      transactionId,
    });
  });

  test.each([
    ["a buy without a price", tx("2024-01-01", "buy", "BTC", "1", null), "price"],
    ["a sell without a price", tx("2024-01-01", "sell", "BTC", "1", null), "price"],
    ["a zero quantity", tx("2024-01-01", "buy", "BTC", "0", "100"), "quantity"],
    ["a negative quantity", tx("2024-01-01", "buy", "BTC", "-1", "100"), "quantity"],
    ["a negative fee", tx("2024-01-01", "buy", "BTC", "1", "100", "-1"), "fee"],
    ["a negative price", tx("2024-01-01", "deposit", "BTC", "1", "-5"), "price"],
    ["a non-decimal quantity", tx("2024-01-01", "buy", "BTC", "abc", "100"), "quantity"],
    ["a hex quantity", tx("2024-01-01", "buy", "BTC", "0x10", "100"), "quantity"],
    ["an own-asset fee as large as the quantity", tx("2024-01-01", "buy", "BTC", "1", "100", "1", "BTC"), "fee"],
    ["an unknown type", { ...tx("2024-01-01", "buy", "BTC", "1", "100"), type: "mint" as LedgerTransaction["type"] }, "type"],
    ["an invalid date", { ...tx("2024-01-01", "buy", "BTC", "1", "100"), executedAt: new Date("nope") }, "executedAt"],
  ])("rejects %s", (_name, transaction, field) => {
    expect(() => computeLedger([transaction])).toThrow(InvalidTransactionError);
    expect(() => computeLedger([transaction])).toThrow(expect.objectContaining({ code: "UNPROCESSABLE", details: [expect.objectContaining({ field })] }));
  });
});

describe("computeHoldings", () => {
  // Spreadsheet A valued at 60000: value 0.2 × 60000 = 12000, unrealized 12000 − 8008 = 3992 (49.85 %).
  // Spreadsheet D valued at ETH 2000, ARB 1.2, SOL unpriced:
  //   ETH value 0.5 × 2000 = 1000, unrealized 1000 − 650 = 350 → 350 / 650 = 53.846153…%
  //   ARB value 100 × 1.2 = 120, unrealized 120, no pct (zero cost)
  //   valued total 1120 → weights 1000 / 1120 = 0.892857…, 120 / 1120 = 0.107142…
  test.each([
    [
      "spreadsheet A",
      spreadsheetA,
      { BTC: { price: "60000", change24hPct: -2.5 } },
      [{ symbol: "BTC", value: 12000, unrealizedPnl: 3992, unrealizedPnlPct: 49.85015, weight: 1, change24hPct: -2.5 }],
    ],
    [
      "spreadsheet D",
      spreadsheetD,
      { ETH: { price: "2000", change24hPct: 1.5 }, ARB: { price: "1.2" } },
      [
        { symbol: "ETH", value: 1000, unrealizedPnl: 350, unrealizedPnlPct: 53.846154, weight: 0.892857, change24hPct: 1.5 },
        { symbol: "ARB", value: 120, unrealizedPnl: 120, unrealizedPnlPct: null, weight: 0.107143, change24hPct: null },
        { symbol: "SOL", value: null, unrealizedPnl: null, unrealizedPnlPct: null, weight: null, change24hPct: null },
      ],
    ],
  ])("values %s", (_name, transactions, prices, want) => {
    const { holdings } = computeHoldings(transactions, prices);
    expect(holdings.map((h) => h.symbol)).toEqual(want.map((w) => w.symbol));
    holdings.forEach((holding, i) => {
      const expected = want[i]!;
      const asNumber = (value: string | null) => (value === null ? null : Number(value));
      for (const [field, actual] of [
        ["value", asNumber(holding.value)],
        ["unrealizedPnl", asNumber(holding.unrealizedPnl)],
        ["unrealizedPnlPct", holding.unrealizedPnlPct],
        ["weight", holding.weight],
        ["change24hPct", holding.change24hPct],
      ] as const) {
        const target = expected[field];
        if (target === null) expect(actual, field).toBeNull();
        else expect(actual, field).toBeCloseTo(target, 5);
      }
    });
  });

  test("has the API holding shape plus extras, and totals", () => {
    const summary = computeHoldings(spreadsheetD, { ETH: { price: "2000" }, ARB: { price: "1.2" } });
    expect(Object.keys(summary.holdings[0]!).sort()).toEqual(
      ["symbol", "quantity", "avgCost", "costBasis", "price", "value", "unrealizedPnl", "unrealizedPnlPct", "realizedPnl", "feesPaid", "change24hPct", "weight"].sort(),
    );
    // value 1000 + 120; unrealized 350 + 120; cost 650 + 0 + 101; realized −102; fees 102 + 1
    expect(summary.totals).toEqual({ value: "1120", unrealizedPnl: "470", costBasis: "751", realizedPnl: "-102", feesPaid: "103" });
    expect(summary.unpricedSymbols).toEqual(["SOL"]);
  });

  test.each([
    ["closed positions are left out by default", false, ["BNB"]],
    ["closed positions are listed on request", true, ["BNB", "BTC"]],
  ])("%s", (_name, includeClosed, symbols) => {
    const { holdings } = computeHoldings(spreadsheetC, { BNB: { price: "600" }, BTC: { price: "1" } }, { includeClosed });
    expect(holdings.map((h) => h.symbol)).toEqual(symbols);
  });

  test("ignores prototype keys in the price map", () => {
    const { holdings } = computeHoldings([tx("2024-01-01", "deposit", "constructor", "1", "1")], {});
    expect(holdings[0]).toMatchObject({ symbol: "constructor", price: null, value: null });
  });

  test("an empty portfolio has no holdings and zero totals", () => {
    expect(computeHoldings([], {})).toEqual({
      holdings: [],
      totals: { value: "0", costBasis: "0", unrealizedPnl: "0", realizedPnl: "0", feesPaid: "0" },
      unpricedSymbols: [],
    });
  });
});
