import { Decimal } from "decimal.js";
import { describe, expect, test } from "vitest";
import { calculateLiquidationLevels, FLAT_MAINTENANCE_MARGIN_RATE, LIQUIDATION_LEVERAGES } from "./liquidation-levels";

describe("calculateLiquidationLevels", () => {
  test("BTC uses the tier table: longs below, shorts above, closer with more leverage", () => {
    const result = calculateLiquidationLevels({ symbol: "BTC-USDT", price: 100_000, timestamp: 1 });
    expect(result).toMatchObject({ kind: "estimated-levels", symbol: "BTC-USDT", price: "100000", method: "tier-table", maintenanceMarginRate: "0.004" });
    const longs = result.levels.filter((level) => level.side === "long");
    const shorts = result.levels.filter((level) => level.side === "short");
    expect(longs.map((level) => level.leverage)).toEqual([...LIQUIDATION_LEVERAGES]);
    expect(shorts.map((level) => level.leverage)).toEqual([...LIQUIDATION_LEVERAGES]);
    for (let i = 0; i < longs.length; i++) {
      expect(Number(longs[i]!.liquidationPrice)).toBeLessThan(100_000);
      expect(Number(shorts[i]!.liquidationPrice)).toBeGreaterThan(100_000);
      if (i > 0) expect(Number(longs[i]!.distancePct)).toBeLessThan(Number(longs[i - 1]!.distancePct));
    }
    // 10x long, MMR 0.4 %: LP = P·(1 − 1/10) / (1 − 0.004)
    expect(Number(longs[1]!.liquidationPrice)).toBeCloseTo((100_000 * 0.9) / 0.996, 4);
  });

  test.each([
    ["long", 5],
    ["long", 100],
    ["short", 25],
    ["short", 50],
  ] as const)("symbols without a table use the flat-rate isolated formula (%s %ix)", (side, leverage) => {
    const price = 180.25;
    const result = calculateLiquidationLevels({ symbol: "SOL-USDT", price, timestamp: 1 });
    expect(result.method).toBe("flat-maintenance-rate");
    const mmr = new Decimal(FLAT_MAINTENANCE_MARGIN_RATE);
    const want =
      side === "long"
        ? new Decimal(price).times(new Decimal(1).minus(new Decimal(1).div(leverage))).div(new Decimal(1).minus(mmr))
        : new Decimal(price).times(new Decimal(1).plus(new Decimal(1).div(leverage))).div(new Decimal(1).plus(mmr));
    const level = result.levels.find((l) => l.side === side && l.leverage === leverage)!;
    expect(new Decimal(level.liquidationPrice).minus(want).abs().toNumber()).toBeLessThan(1e-6);
  });

  test("tiny prices keep their digits", () => {
    const result = calculateLiquidationLevels({ symbol: "PEPE-USDT", price: 0.00001234, timestamp: 1 });
    expect(result.price).toBe("0.00001234");
    expect(result.levels).toHaveLength(10);
    expect(Number(result.levels[0]!.liquidationPrice)).toBeGreaterThan(0);
  });
});
