import { describe, expect, test } from "vitest";
import { computeDailySnapshots, computeNetFlowUsd } from "./history";
import type { LedgerTransaction } from "./ledger";

const tx = (id: string, type: LedgerTransaction["type"], symbol: string, quantity: string, price: string | null, at: string, fee = "0", feeCurrency: string | null = "USD"): LedgerTransaction => ({
  id, type, symbol, quantity, price, fee, feeCurrency, executedAt: new Date(at),
});

const closes: Record<string, Record<string, string>> = {
  BTC: { "2026-01-01": "100", "2026-01-02": "110", "2026-01-03": "90", "2026-01-04": "120" },
};
const close = (symbol: string, day: string) => closes[symbol]?.[day] ?? null;

describe("computeNetFlowUsd", () => {
  test.each([
    [tx("a", "buy", "BTC", "2", "100", "2026-01-01T10:00:00Z", "1"), "201"], // 2 × 100 + 1 fee
    [tx("b", "sell", "BTC", "1", "110", "2026-01-02T10:00:00Z", "1"), "-109"], // −110 + 1 fee
    [tx("c", "deposit", "BTC", "1", "90", "2026-01-03T10:00:00Z"), "90"],
    [tx("d", "staking_reward", "BTC", "0.1", "90", "2026-01-03T10:00:00Z"), "0"],
    [tx("e", "transfer_out", "BTC", "1", null, "2026-01-03T10:00:00Z"), "0"],
  ])("%o → %s", (transaction, want) => {
    expect(computeNetFlowUsd(transaction).toString()).toBe(want);
  });
});

describe("computeDailySnapshots", () => {
  const transactions = [tx("1", "buy", "BTC", "2", "100", "2026-01-01T10:00:00Z"), tx("2", "sell", "BTC", "1", "90", "2026-01-03T15:00:00Z")];
  const snapshots = computeDailySnapshots({ transactions, fromDay: "2025-12-31", toDay: "2026-01-05", closes: close });

  test("a snapshot for every day, valued at that day's close (the last known close after it)", () => {
    expect(snapshots.map((s) => [s.day, Number(s.valueUsd)])).toEqual([
      ["2025-12-31", 0],
      ["2026-01-01", 200], // 2 × 100
      ["2026-01-02", 220], // 2 × 110
      ["2026-01-03", 90], // 1 × 90 after selling one
      ["2026-01-04", 120],
      ["2026-01-05", 120], // no close: the last known one
    ]);
  });

  test("net flows land on the day of the transaction", () => {
    expect(snapshots.map((s) => Number(s.netFlowUsd))).toEqual([0, 200, 0, -90, 0, 0]);
  });

  test("cost basis follows FIFO", () => {
    expect(Number(snapshots[3]!.costBasisUsd)).toBe(100);
  });
});
