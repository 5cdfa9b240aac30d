import { Decimal } from "decimal.js";
import { toDecimalString } from "@/lib/exchanges/ccxt/convert";
import { calculateLiquidation, LiquidationInputError, normalizeFuturesSymbol } from "@/lib/signals/liquidation";
import { BINANCE_USDM_BRACKETS } from "@/lib/signals/tiers/binance-usdm";

// Where isolated positions opened now would be liquidated, per common leverage. Pure.
//
// The demo exchange has no liquidation feed, so GET /market/liquidations/:symbol answers with these
// estimated levels, labelled kind "estimated-levels". A reference position of REFERENCE_NOTIONAL_USDT
// is opened at the current price, long and short, in isolated margin:
// - symbols with a Binance USDⓈ-M tier table: calculateLiquidation with that table (leverages above
//   the first bracket's limit are left out);
// - other symbols: the same formula with a flat maintenance margin rate of 0.5 % and no maintenance
//   amount, i.e. long LP = P·(1 − 1/L) / (1 − mmr), short LP = P·(1 + 1/L) / (1 + mmr).

export const LIQUIDATION_LEVERAGES = [5, 10, 25, 50, 100] as const;
export const FLAT_MAINTENANCE_MARGIN_RATE = "0.005";
export const REFERENCE_NOTIONAL_USDT = 1_000;

export type LiquidationLevel = { side: "long" | "short"; leverage: number; liquidationPrice: string; distancePct: string };

export type LiquidationLevels = {
  kind: "estimated-levels";
  symbol: string;
  /** The price the reference positions open at. */
  price: string;
  timestamp: number;
  method: "tier-table" | "flat-maintenance-rate";
  maintenanceMarginRate: string;
  referenceNotional: string;
  levels: LiquidationLevel[];
  note: string;
};

/** `symbol` in path form ("BTC-USDT"); `price` > 0. */
export function calculateLiquidationLevels({ symbol, price, timestamp }: { symbol: string; price: number; timestamp: number }): LiquidationLevels {
  const table = BINANCE_USDM_BRACKETS[normalizeFuturesSymbol(symbol)];
  const entryPrice = toDecimalString(price);
  const quantity = new Decimal(REFERENCE_NOTIONAL_USDT).dividedBy(entryPrice).toSignificantDigits(15).toFixed();
  const levels: LiquidationLevel[] = [];
  for (const side of ["long", "short"] as const) {
    for (const leverage of LIQUIDATION_LEVERAGES) {
      try {
        const result = calculateLiquidation({
          side,
          marginMode: "isolated",
          entryPrice,
          quantity,
          leverage,
          ...(table ? { symbol } : { maintenanceMarginRate: FLAT_MAINTENANCE_MARGIN_RATE }),
        });
        if (result.liquidationPrice === null || result.distancePct === null) continue;
        levels.push({ side, leverage, liquidationPrice: result.liquidationPrice, distancePct: result.distancePct });
      } catch (error) {
        // Above the symbol's leverage limit: that level does not exist.
        if (error instanceof LiquidationInputError && error.field === "leverage") continue;
        throw error;
      }
    }
  }
  return {
    kind: "estimated-levels",
    symbol,
    price: entryPrice,
    timestamp,
    method: table ? "tier-table" : "flat-maintenance-rate",
    maintenanceMarginRate: table ? (table[0]?.maintenanceMarginRate ?? FLAT_MAINTENANCE_MARGIN_RATE) : FLAT_MAINTENANCE_MARGIN_RATE,
    referenceNotional: String(REFERENCE_NOTIONAL_USDT),
    levels,
    note: "Estimated liquidation prices of isolated positions opened at the current price; not a feed of actual liquidations.",
  };
}
