import { describe, expect, test } from "vitest";
import { changeInBase, convertLedger, convertPrices, createRateLookup, fromUsd } from "./fx";
import { computeHoldings, type LedgerTransaction } from "./ledger";
import { Money } from "./decimal";

const tx = (over: Partial<LedgerTransaction> & Pick<LedgerTransaction, "id" | "type" | "symbol" | "quantity" | "executedAt">): LedgerTransaction => ({
  price: null,
  fee: "0",
  feeCurrency: null,
  ...over,
});

describe("createRateLookup", () => {
  const rates = createRateLookup(
    new Map<string, number | string>([
      ["2025-01-03", 1.1],
      ["2025-01-06", "1.2"],
    ]),
  );

  test("answers the exact day, the nearest earlier day, and the first day before the series", () => {
    expect(rates("2025-01-03")!.toString()).toBe("1.1");
    expect(rates("2025-01-05")!.toString()).toBe("1.1"); // a weekend keeps Friday's rate
    expect(rates("2025-01-09")!.toString()).toBe("1.2");
    expect(rates("2024-12-31")!.toString()).toBe("1.1");
  });

  test("an empty series knows no rate", () => {
    expect(createRateLookup(new Map())("2025-01-01")).toBeNull();
  });
});

describe("convertLedger", () => {
  // EUR at 1.25 USD on the day of the buy and 1.00 USD on the day of the sell.
  const eur = createRateLookup(
    new Map([
      ["2025-01-01", 1.25],
      ["2025-02-01", 1],
    ]),
  );
  const ledger: LedgerTransaction[] = [
    tx({ id: "b", type: "buy", symbol: "ETH", quantity: "2", price: "2500", fee: "5", executedAt: new Date("2025-01-01T10:00:00Z") }),
    tx({ id: "s", type: "sell", symbol: "ETH", quantity: "1", price: "3000", fee: "0.001", feeCurrency: "ETH", executedAt: new Date("2025-02-01T10:00:00Z") }),
  ];

  test("divides prices and cash fees by the rate of the transaction's day; asset fees stay units", () => {
    const converted = convertLedger(ledger, eur);
    expect(converted[0]).toMatchObject({ price: "2000", fee: "4" });
    expect(converted[1]).toMatchObject({ price: "3000", fee: "0.001", feeCurrency: "ETH" });
  });

  test("worked example: FIFO cost basis and P&L in EUR at historical rates", () => {
    // Buy: 2 ETH for 2 × 2,000 EUR + 4 EUR fee = 4,004 EUR → 2,002 EUR per ETH.
    // Sell 1 ETH at 3,000 EUR paying 0.001 ETH: 1.001 ETH leave; proceeds 3,000 EUR; cost 1.001 × 2,002.
    // Today EUR = 1.10 USD and ETH = 3,300 USD → 3,000 EUR.
    const now = new Money("1.1");
    const summary = computeHoldings(convertLedger(ledger, eur), convertPrices({ ETH: { price: "3300", change24hPct: 10 } }, now, 10));
    const eth = summary.holdings.find((h) => h.symbol === "ETH")!;
    expect(eth.quantity).toBe("0.999");
    expect(Number(eth.costBasis)).toBeCloseTo(0.999 * 2002, 9);
    expect(Number(eth.value)).toBeCloseTo(0.999 * 3000, 9);
    expect(Number(eth.realizedPnl)).toBeCloseTo(3000 - 1.001 * 2002, 9);
    // ETH +10 % in USD while EUR also rose 10 %: flat in EUR.
    expect(eth.change24hPct).toBeCloseTo(0, 12);
  });
});

describe("changeInBase and fromUsd", () => {
  test("a move is re-expressed against the base currency's own move", () => {
    expect(changeInBase(10, 0)).toBeCloseTo(10, 12);
    // +21 % in USD while BTC rose 10 %: +10 % measured in BTC.
    expect(changeInBase(21, 10)).toBeCloseTo(10, 12);
    expect(changeInBase(-10, -10)).toBeCloseTo(0, 12);
  });

  test("fromUsd converts and keeps null", () => {
    expect(fromUsd("95000", new Money("95000"))).toBe("1");
    expect(fromUsd(null, new Money(2))).toBeNull();
  });
});
