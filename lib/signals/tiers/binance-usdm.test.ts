import { Decimal } from "decimal.js";
import { describe, expect, test } from "vitest";
import { BINANCE_USDM_BRACKETS } from "./binance-usdm";

describe.each(Object.entries(BINANCE_USDM_BRACKETS))("%s brackets", (_symbol, brackets) => {
  test("start at 0 and are contiguous, numbered from 1", () => {
    expect(brackets[0]?.notionalFloor).toBe("0");
    brackets.forEach((bracket, i) => {
      expect(bracket.bracket).toBe(i + 1);
      if (i > 0) expect(bracket.notionalFloor).toBe(brackets[i - 1]?.notionalCap);
    });
  });

  test("leverage falls and the maintenance rate rises, never above the initial margin rate", () => {
    brackets.forEach((bracket, i) => {
      const previous = brackets[i - 1];
      if (previous) {
        expect(bracket.maxLeverage).toBeLessThan(previous.maxLeverage);
        expect(new Decimal(bracket.maintenanceMarginRate).greaterThan(previous.maintenanceMarginRate)).toBe(true);
      }
      expect(new Decimal(bracket.maintenanceMarginRate).lessThanOrEqualTo(new Decimal(1).dividedBy(bracket.maxLeverage))).toBe(true);
    });
  });

  test("maintenance amounts keep maintenance margin continuous at every boundary", () => {
    brackets.forEach((bracket, i) => {
      const previous = brackets[i - 1];
      const want = previous
        ? new Decimal(previous.maintenanceAmount).plus(
            new Decimal(bracket.notionalFloor).times(new Decimal(bracket.maintenanceMarginRate).minus(previous.maintenanceMarginRate)),
          )
        : new Decimal(0);
      expect(new Decimal(bracket.maintenanceAmount).toFixed()).toBe(want.toFixed());
    });
  });
});

test("no bracket offers more than Binance's 125x, and BTCUSDT/ETHUSDT open as Binance publishes", () => {
  for (const brackets of Object.values(BINANCE_USDM_BRACKETS)) {
    for (const bracket of brackets) expect(bracket.maxLeverage).toBeLessThanOrEqual(125);
  }
  for (const symbol of ["BTCUSDT", "ETHUSDT"]) {
    expect(BINANCE_USDM_BRACKETS[symbol]?.slice(0, 3)).toEqual([
      { bracket: 1, notionalFloor: "0", notionalCap: "50000", maxLeverage: 125, maintenanceMarginRate: "0.004", maintenanceAmount: "0" },
      { bracket: 2, notionalFloor: "50000", notionalCap: "600000", maxLeverage: 100, maintenanceMarginRate: "0.005", maintenanceAmount: "50" },
      { bracket: 3, notionalFloor: "600000", notionalCap: "3000000", maxLeverage: 75, maintenanceMarginRate: "0.0065", maintenanceAmount: "950" },
    ]);
  }
});
