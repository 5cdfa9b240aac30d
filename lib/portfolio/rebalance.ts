import { AppError } from "@/lib/errors";
import { formatMoney, Money, parseMoney } from "./decimal";

// Target value_i = total value × weight_i; the trade is the difference, converted to units at the
// current price and rounded DOWN to `quantityDecimals`, so a sell never exceeds the holding and a buy
// never overspends. A held symbol without a target is sold in full. Trades worth less than the
// minimum are reported as skipped, so the result can miss the targets by up to that amount per symbol.

export type RebalancePosition = { symbol: string; quantity: string; priceUsd: string };

export type RebalanceInput = {
  positions: readonly RebalancePosition[];
  targets: Readonly<Record<string, number | string>>;
  minTradeUsd: number | string;
  quantityDecimals?: number;
};

export type RebalanceTrade = { symbol: string; side: "buy" | "sell"; quantity: string; valueUsd: string };
export type SkippedTrade = RebalanceTrade & { reason: "below_minimum" | "rounds_to_zero" };

export type RebalancePlan = {
  totalValueUsd: string;
  trades: RebalanceTrade[];
  skipped: SkippedTrade[];
  sellValueUsd: string;
  buyValueUsd: string;
};

export const WEIGHT_SUM_TOLERANCE = 1e-9;
const DEFAULT_QUANTITY_DECIMALS = 8;

function fail(field: string, message: string): never {
  throw new AppError("VALIDATION_ERROR", message, { details: [{ field, message }] });
}

function parseNonNegative(value: string | number, field: string): Money {
  const parsed = parseMoney(value, field);
  if (parsed.isNegative()) fail(field, `${field} must not be negative`);
  return parsed;
}

type Row = { symbol: string; quantity: Money; priceUsd: Money; valueUsd: Money; weight: Money };

function buildRows(input: RebalanceInput): Row[] {
  const rows = new Map<string, Row>();
  for (const position of input.positions) {
    if (rows.has(position.symbol)) fail(`positions.${position.symbol}`, `${position.symbol} is listed twice`);
    const quantity = parseNonNegative(position.quantity, `positions.${position.symbol}.quantity`);
    const priceUsd = parseNonNegative(position.priceUsd, `positions.${position.symbol}.priceUsd`);
    rows.set(position.symbol, {
      symbol: position.symbol,
      quantity,
      priceUsd,
      valueUsd: quantity.times(priceUsd),
      weight: new Money(0),
    });
  }

  let weightSum = new Money(0);
  for (const [symbol, rawWeight] of Object.entries(input.targets)) {
    const weight = parseNonNegative(rawWeight, `targets.${symbol}`);
    if (weight.gt(1)) fail(`targets.${symbol}`, `The target weight of ${symbol} is above 1`);
    const row = rows.get(symbol);
    if (!row) fail(`targets.${symbol}`, `${symbol} has no price to rebalance into`);
    if (weight.gt(0) && !row.priceUsd.gt(0)) fail(`targets.${symbol}`, `${symbol} has no positive price`);
    row.weight = weight;
    weightSum = weightSum.plus(weight);
  }
  if (weightSum.minus(1).abs().gt(WEIGHT_SUM_TOLERANCE)) {
    fail("targets", `Target weights sum to ${weightSum.toFixed()}, not 1`);
  }
  return [...rows.values()];
}

export function computeRebalanceTrades(input: RebalanceInput): RebalancePlan {
  const minTradeUsd = parseNonNegative(input.minTradeUsd, "minTradeUsd");
  const quantityDecimals = input.quantityDecimals ?? DEFAULT_QUANTITY_DECIMALS;
  if (!Number.isInteger(quantityDecimals) || quantityDecimals < 0 || quantityDecimals > 18) {
    fail("quantityDecimals", "quantityDecimals must be an integer from 0 to 18");
  }
  const rows = buildRows(input);
  const totalValueUsd = rows.reduce((sum, row) => sum.plus(row.valueUsd), new Money(0));

  const trades: (RebalanceTrade & { value: Money })[] = [];
  const skipped: SkippedTrade[] = [];
  let sellValueUsd = new Money(0);
  let buyValueUsd = new Money(0);
  for (const row of rows) {
    const deltaUsd = totalValueUsd.times(row.weight).minus(row.valueUsd);
    if (deltaUsd.isZero() || !row.priceUsd.gt(0)) continue;
    const side = deltaUsd.gt(0) ? "buy" : "sell";
    const quantity =
      side === "sell" && row.weight.isZero()
        ? row.quantity
        : Money.min(
            deltaUsd.abs().div(row.priceUsd).toDecimalPlaces(quantityDecimals, Money.ROUND_DOWN),
            side === "sell" ? row.quantity : Infinity,
          );
    const value = quantity.times(row.priceUsd);
    const trade = { symbol: row.symbol, side, quantity: formatMoney(quantity), valueUsd: formatMoney(value) } as const;
    if (deltaUsd.abs().lt(minTradeUsd)) {
      skipped.push({ ...trade, reason: "below_minimum" });
    } else if (quantity.isZero()) {
      skipped.push({ ...trade, reason: "rounds_to_zero" });
    } else {
      trades.push({ ...trade, value });
      if (side === "sell") sellValueUsd = sellValueUsd.plus(value);
      else buyValueUsd = buyValueUsd.plus(value);
    }
  }

  // Sells first (they fund the buys), larger trades first within a side.
  trades.sort((a, b) => {
    if (a.side !== b.side) return a.side === "sell" ? -1 : 1;
    return b.value.comparedTo(a.value) || (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0);
  });
  return {
    totalValueUsd: formatMoney(totalValueUsd),
    trades: trades.map(({ symbol, side, quantity, valueUsd }) => ({ symbol, side, quantity, valueUsd })),
    skipped,
    sellValueUsd: formatMoney(sellValueUsd),
    buyValueUsd: formatMoney(buyValueUsd),
  };
}
