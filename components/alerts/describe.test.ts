import { expect, test } from "vitest";
import { describeAlertCondition } from "./describe";

test.each([
  [{ type: "price_above", threshold: "65000", windowMinutes: null }, "Crosses above 65,000"],
  [{ type: "price_below", threshold: "0.00012", windowMinutes: null }, "Crosses below 0.00012"],
  [{ type: "pct_move", threshold: "2.5", windowMinutes: 15 }, "Moves ±2.5 % within 15 min"],
  [{ type: "signal", threshold: null, windowMinutes: null }, "A new trading signal"],
  [{ type: "pump", threshold: null, windowMinutes: null }, "A pump or dump is detected"],
] as const)("%j → %s", (alert, want) => {
  expect(describeAlertCondition(alert)).toBe(want);
});
