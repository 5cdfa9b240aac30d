// The liquidation calculator behind POST /api/v1/tools/liquidation and the /tools/liquidation page.
// Pure: wraps calculateLiquidation with the defaults a trader expects and the figures around it.
//
// Fees: the price is computed with the taker fee of the closing (liquidation) trade included, since
// that fee comes out of the same margin; the default is Binance's standard USDⓈ-M taker fee, 0.05 %.
// Binance's own calculator leaves fees out, so its number is returned too (liquidationPriceWithoutFee).
import { Decimal } from "decimal.js";
import { calculateLiquidation, normalizeFuturesSymbol, type LiquidationResult } from "./liquidation";
import type { LiquidationInput } from "./schemas";
import { BINANCE_USDM_BRACKETS, BINANCE_USDM_BRACKETS_AS_OF } from "./tiers/binance-usdm";

export const DEFAULT_TAKER_FEE_RATE = "0.0005";

export type LiquidationEstimate = LiquidationResult & {
  symbol: string | null;
  side: "long" | "short";
  marginMode: "isolated" | "cross";
  entryPrice: string;
  quantity: string;
  leverage: number;
  takerFeeRate: string;
  /** Binance's published formula, without the closing fee. */
  liquidationPriceWithoutFee: string | null;
  /** Taker fee of opening the position at entry. */
  openingFee: string;
  /** Taker fee of the forced close at the liquidation price (null when it cannot be liquidated). */
  closingFeeAtLiquidation: string | null;
  /** Where the maintenance margin rate and amount came from. */
  rateSource: "tier-table" | "manual";
  bracketsAsOf: string | null;
};

const fmt = (value: Decimal) => value.toDecimalPlaces(8).toFixed();

/** Symbols with a built-in Binance USDⓈ-M bracket table ("BTCUSDT"). */
export function listBracketSymbols(): string[] {
  return Object.keys(BINANCE_USDM_BRACKETS);
}

export function estimateLiquidation(input: LiquidationInput): LiquidationEstimate {
  const takerFeeRate = input.takerFeeRate ?? DEFAULT_TAKER_FEE_RATE;
  const params = { ...input, takerFeeRate };
  const withFee = calculateLiquidation(params);
  const withoutFee = calculateLiquidation({ ...params, takerFeeRate: "0" });
  const fee = new Decimal(takerFeeRate);
  const quantity = new Decimal(input.quantity);
  const manual = input.maintenanceMarginRate !== undefined;
  return {
    ...withFee,
    symbol: input.symbol ? normalizeFuturesSymbol(input.symbol) : null,
    side: input.side,
    marginMode: input.marginMode,
    entryPrice: new Decimal(input.entryPrice).toFixed(),
    quantity: quantity.toFixed(),
    leverage: input.leverage,
    takerFeeRate: fee.toFixed(),
    liquidationPriceWithoutFee: withoutFee.liquidationPrice,
    openingFee: fmt(new Decimal(withFee.notional).times(fee)),
    closingFeeAtLiquidation: withFee.liquidationPrice ? fmt(quantity.times(withFee.liquidationPrice).times(fee)) : null,
    rateSource: manual ? "manual" : "tier-table",
    bracketsAsOf: manual ? null : BINANCE_USDM_BRACKETS_AS_OF,
  };
}
