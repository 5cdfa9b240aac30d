import Decimal from "decimal.js";
import { AppError } from "@/lib/errors";

// 50 significant digits: sums of 18-decimal crypto quantities and USD amounts stay exact, and the
// proportional split of a lot's cost (the only division on the money path) keeps ~30 digits of slack.
export const Money = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });
export type Money = Decimal;

export const OUTPUT_DECIMAL_PLACES = 18;

// Plain decimal notation only: decimal.js would also accept hex, "Infinity" and "NaN".
const DECIMAL_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseMoney(value: string | number, field: string): Money {
  const text = typeof value === "number" ? String(value) : value.trim();
  if (!DECIMAL_PATTERN.test(text)) {
    throw new AppError("VALIDATION_ERROR", `${field} is not a decimal number`, {
      details: [{ field, message: `Expected a decimal string, got "${text}"` }],
    });
  }
  return new Money(text);
}

export function formatMoney(value: Money): string {
  return value.toDecimalPlaces(OUTPUT_DECIMAL_PLACES).toFixed();
}
