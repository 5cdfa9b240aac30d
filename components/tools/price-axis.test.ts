import { describe, expect, test } from "vitest";
import { describeStop, layoutPriceAxis, spreadLabels } from "./price-axis";

describe("layoutPriceAxis", () => {
  test("highest price at the top, padded", () => {
    const { marks, min, max } = layoutPriceAxis(
      [
        { id: "entry", price: 100, label: "Entry" },
        { id: "liquidation", price: 90, label: "Liquidation" },
      ],
      200,
    );
    expect(min).toBeCloseTo(88.8, 10);
    expect(max).toBeCloseTo(101.2, 10);
    expect(marks[0]!.y).toBeLessThan(marks[1]!.y);
    expect(marks[0]!.y).toBeCloseTo((1.2 / 12.4) * 200, 10);
  });

  test("a single price is opened to ±5 %, unusable prices are dropped", () => {
    const { marks, min, max } = layoutPriceAxis(
      [
        { id: "entry", price: 100, label: "Entry" },
        { id: "stop", price: Number.NaN, label: "Stop" },
      ],
      100,
    );
    expect(marks).toHaveLength(1);
    expect(marks[0]!.y).toBeCloseTo(50, 10);
    expect(min).toBeLessThan(95);
    expect(max).toBeGreaterThan(105);
  });
});

test.each([
  [[10, 12, 80], 20, 100, [10, 30, 80]],
  [[95, 96], 20, 100, [70, 90]],
  [[50], 20, 100, [50]],
])("spreadLabels(%j)", (positions, gap, height, want) => {
  expect(spreadLabels(positions, gap, height)).toEqual(want);
});

test.each([
  // long 1 @ 100, stop 95, liq 90: loss 5 + (195 × 0.0005) = 5.0975
  [{ side: "long", entryPrice: 100, quantity: 1, stopPrice: 95, liquidationPrice: 90, takerFeeRate: 0.0005 }, { isBeforeLiquidation: true, isOnLossSide: true, loss: 5.0975 }],
  [{ side: "long", entryPrice: 100, quantity: 1, stopPrice: 85, liquidationPrice: 90, takerFeeRate: 0 }, { isBeforeLiquidation: false, isOnLossSide: true, loss: 15 }],
  [{ side: "short", entryPrice: 100, quantity: 2, stopPrice: 104, liquidationPrice: 110, takerFeeRate: 0 }, { isBeforeLiquidation: true, isOnLossSide: true, loss: 8 }],
  [{ side: "short", entryPrice: 100, quantity: 2, stopPrice: 96, liquidationPrice: 110, takerFeeRate: 0 }, { isBeforeLiquidation: true, isOnLossSide: false, loss: -8 }],
] as const)("describeStop %#", (input, want) => {
  const got = describeStop(input);
  expect(got?.isBeforeLiquidation).toBe(want.isBeforeLiquidation);
  expect(got?.isOnLossSide).toBe(want.isOnLossSide);
  expect(got?.loss).toBeCloseTo(want.loss, 10);
});

test("no stop, no description", () => {
  expect(describeStop({ side: "long", entryPrice: 1, quantity: 1, stopPrice: null, liquidationPrice: null, takerFeeRate: 0 })).toBeNull();
});
