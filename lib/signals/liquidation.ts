// Liquidation price of one USDT-margined perpetual position in one-way mode, Binance's formula:
//
//   LP = (WB − TMM + UPNL + cum − side·Q·EP) / (Q·MMR + Q·fee − side·Q)
//
//   WB    wallet balance: cross = the account's USDT wallet balance; isolated = the position's
//         isolated margin = notional / leverage + any margin added by hand
//   TMM   maintenance margin of the account's other positions (cross only, default 0)
//   UPNL  unrealized PnL of the account's other positions (cross only, default 0)
//   cum   maintenance amount of the bracket, MMR its maintenance margin rate
//   side  +1 long, −1 short; Q quantity in the base asset (> 0); EP entry price in USDT
//   fee   optional taker fee rate for the closing (liquidation) trade; Binance's published formula
//         leaves it out (fee = 0), adding it moves the price slightly towards entry
//
// It solves equity = maintenance margin at the liquidation price, where equity = WB − TMM + UPNL +
// side·Q·(LP − EP) − fee·Q·LP and maintenance margin = Q·LP·MMR − cum.
// Maintenance margin follows the notional at the liquidation price, not at entry. With continuous
// brackets (see tiers/binance-usdm.ts) maintenance margin is the largest of the brackets' lines, so
// the answer is the highest per-bracket LP for a long and the lowest for a short; it equals the
// entry bracket's LP unless the position would shrink or grow across a bracket boundary first.
// The entry bracket still sets the leverage limit and the maintenance margin shown at entry.
// A long whose LP comes out at or below zero cannot be liquidated (liquidationPrice = null).
import { Decimal } from "decimal.js";
import { AppError } from "@/lib/errors";
import { BINANCE_USDM_BRACKETS, type MarginBracket } from "./tiers/binance-usdm";

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof Dec>;
type Amount = string | number;

export type LiquidationParams = {
  symbol?: string;
  side: "long" | "short";
  marginMode: "isolated" | "cross";
  entryPrice: Amount;
  quantity: Amount;
  leverage: number;
  walletBalance?: Amount; // required for cross; ignored for isolated
  maintenanceMarginRate?: Amount; // overrides the tier table
  maintenanceAmount?: Amount; // used only with maintenanceMarginRate; default 0
  addedMargin?: Amount; // isolated only
  takerFeeRate?: Amount; // e.g. "0.0005" for 0.05 %
  otherMaintenanceMargin?: Amount; // TMM, cross only
  otherUnrealizedPnl?: Amount; // UPNL, cross only, may be negative
};

export type LiquidationResult = {
  liquidationPrice: string | null;
  notional: string;
  initialMargin: string;
  marginBalance: string; // WB + UPNL (cross) or the isolated margin
  maintenanceMargin: string; // at entry
  maintenanceMarginRate: string;
  maintenanceAmount: string;
  bracket: MarginBracket | null; // entry bracket; null when the rate was given by hand
  liquidationBracket: number | null; // bracket whose line set the liquidation price
  distancePct: string | null; // |LP − EP| / EP × 100
  marginRatioPct: string; // (maintenance margin + TMM) / margin balance × 100 at entry; 100 = liquidation
};

export class LiquidationInputError extends AppError {
  readonly field: string;

  constructor(field: string, message: string) {
    super("VALIDATION_ERROR", message, { details: [{ field, message }] });
    this.name = "LiquidationInputError";
    this.field = field;
  }
}

const DECIMAL_PLACES = 8;

function formatDecimal(value: Dec): string {
  return value.toDecimalPlaces(DECIMAL_PLACES).toFixed();
}

function parseAmount(field: string, value: Amount | undefined, { allowNegative = false } = {}): Dec | undefined {
  if (value === undefined) return undefined;
  let parsed: Dec;
  try {
    parsed = new Dec(value);
  } catch {
    throw new LiquidationInputError(field, `${field} must be a decimal number`);
  }
  if (!parsed.isFinite()) throw new LiquidationInputError(field, `${field} must be a finite number`);
  if (!allowNegative && parsed.isNegative()) throw new LiquidationInputError(field, `${field} must not be negative`);
  return parsed;
}

function requirePositive(field: string, value: Amount): Dec {
  const parsed = parseAmount(field, value) ?? new Dec(0);
  if (!parsed.isPositive() || parsed.isZero()) throw new LiquidationInputError(field, `${field} must be greater than 0`);
  return parsed;
}

export function normalizeFuturesSymbol(symbol: string): string {
  return (symbol.split(":")[0] ?? "").replace(/[-/_\s]/g, "").toUpperCase();
}

export function findMarginBracket(brackets: readonly MarginBracket[], notional: Decimal.Value): MarginBracket | undefined {
  const value = new Dec(notional);
  return brackets.find((b) => value.greaterThan(b.notionalFloor) && value.lessThanOrEqualTo(b.notionalCap));
}

type Line = { rate: Dec; amount: Dec; bracket: number | null };

export function calculateLiquidation(params: LiquidationParams): LiquidationResult {
  const entryPrice = requirePositive("entryPrice", params.entryPrice);
  const quantity = requirePositive("quantity", params.quantity);
  if (!Number.isInteger(params.leverage) || params.leverage < 1) {
    throw new LiquidationInputError("leverage", "leverage must be a whole number of at least 1");
  }
  const leverage = new Dec(params.leverage);
  const manualRate = parseAmount("maintenanceMarginRate", params.maintenanceMarginRate);
  const manualAmount = parseAmount("maintenanceAmount", params.maintenanceAmount);
  const feeRate = parseAmount("takerFeeRate", params.takerFeeRate) ?? new Dec(0);
  const side = params.side === "long" ? 1 : -1;
  const isCross = params.marginMode === "cross";

  if (manualRate && manualRate.greaterThanOrEqualTo(1)) {
    throw new LiquidationInputError("maintenanceMarginRate", "maintenanceMarginRate must be below 1 (100 %)");
  }
  if (feeRate.greaterThanOrEqualTo(0.01)) {
    throw new LiquidationInputError("takerFeeRate", "takerFeeRate is a fraction: 0.0005 means 0.05 %; it must be below 0.01");
  }
  if (manualAmount && !manualRate) {
    throw new LiquidationInputError("maintenanceAmount", "maintenanceAmount needs maintenanceMarginRate");
  }

  const notional = quantity.times(entryPrice);
  const symbol = params.symbol ? normalizeFuturesSymbol(params.symbol) : undefined;
  const table = symbol ? BINANCE_USDM_BRACKETS[symbol] : undefined;
  if (!table && !manualRate) {
    throw symbol
      ? new LiquidationInputError("symbol", `No margin tier table for ${symbol}; pass maintenanceMarginRate`)
      : new LiquidationInputError("maintenanceMarginRate", "Pass a symbol with a tier table or a maintenanceMarginRate");
  }

  let bracket: MarginBracket | null = null;
  if (table) {
    bracket = findMarginBracket(table, notional) ?? null;
    if (!bracket) {
      const cap = table[table.length - 1]?.notionalCap ?? "0";
      throw new LiquidationInputError("quantity", `Position notional ${formatDecimal(notional)} USDT is above the largest ${symbol} bracket (${cap} USDT)`);
    }
    if (params.leverage > bracket.maxLeverage) {
      throw new LiquidationInputError("leverage", `${symbol} allows at most ${bracket.maxLeverage}x for a notional of ${formatDecimal(notional)} USDT (bracket ${bracket.bracket})`);
    }
  }

  const initialMargin = notional.dividedBy(leverage);
  let marginBalance: Dec;
  let otherMaintenance = new Dec(0);
  if (isCross) {
    const walletBalance = parseAmount("walletBalance", params.walletBalance);
    if (!walletBalance) throw new LiquidationInputError("walletBalance", "walletBalance is required in cross margin mode");
    if (walletBalance.lessThan(initialMargin)) {
      throw new LiquidationInputError("walletBalance", `walletBalance ${formatDecimal(walletBalance)} is below the initial margin ${formatDecimal(initialMargin)}`);
    }
    otherMaintenance = parseAmount("otherMaintenanceMargin", params.otherMaintenanceMargin) ?? new Dec(0);
    const otherPnl = parseAmount("otherUnrealizedPnl", params.otherUnrealizedPnl, { allowNegative: true }) ?? new Dec(0);
    marginBalance = walletBalance.plus(otherPnl);
    if (!marginBalance.greaterThan(0)) {
      throw new LiquidationInputError("walletBalance", "walletBalance plus the other positions' PnL must be above 0");
    }
  } else {
    marginBalance = initialMargin.plus(parseAmount("addedMargin", params.addedMargin) ?? new Dec(0));
  }

  const lines: Line[] = manualRate
    ? [{ rate: manualRate, amount: manualAmount ?? new Dec(0), bracket: null }]
    : (table ?? []).map((b) => ({ rate: new Dec(b.maintenanceMarginRate), amount: new Dec(b.maintenanceAmount), bracket: b.bracket }));

  // Per-line LP; numerator = WB − TMM + UPNL + cum − side·Q·EP (marginBalance already holds + UPNL).
  const solve = (line: Line): Dec =>
    marginBalance
      .minus(otherMaintenance)
      .plus(line.amount)
      .minus(quantity.times(entryPrice).times(side))
      .dividedBy(quantity.times(line.rate).plus(quantity.times(feeRate)).minus(quantity.times(side)));
  let chosen: { price: Dec; line: Line } | null = null;
  for (const line of lines) {
    const price = solve(line);
    const isBetter = !chosen || (side === 1 ? price.greaterThan(chosen.price) : price.lessThan(chosen.price));
    if (isBetter) chosen = { price, line };
  }
  if (!chosen) throw new LiquidationInputError("maintenanceMarginRate", "No maintenance margin rate available");

  const entryRate = manualRate ?? new Dec(bracket?.maintenanceMarginRate ?? 0);
  const entryAmount = manualRate ? (manualAmount ?? new Dec(0)) : new Dec(bracket?.maintenanceAmount ?? 0);
  const maintenanceMargin = Dec.max(notional.times(entryRate).minus(entryAmount), 0);

  const isLiquidatable = chosen.price.isPositive() && !chosen.price.isZero();
  if (isLiquidatable && (side === 1 ? chosen.price.greaterThanOrEqualTo(entryPrice) : chosen.price.lessThanOrEqualTo(entryPrice))) {
    throw new LiquidationInputError(
      isCross ? "walletBalance" : "leverage",
      "The position would be liquidated at its entry price: add margin or lower the leverage",
    );
  }
  const liquidationPrice = isLiquidatable ? chosen.price : null;

  return {
    liquidationPrice: liquidationPrice ? formatDecimal(liquidationPrice) : null,
    notional: formatDecimal(notional),
    initialMargin: formatDecimal(initialMargin),
    marginBalance: formatDecimal(marginBalance),
    maintenanceMargin: formatDecimal(maintenanceMargin),
    maintenanceMarginRate: entryRate.toFixed(),
    maintenanceAmount: entryAmount.toFixed(),
    bracket: bracket ? { ...bracket } : null,
    liquidationBracket: liquidationPrice ? chosen.line.bracket : null,
    distancePct: liquidationPrice
      ? formatDecimal(liquidationPrice.minus(entryPrice).abs().dividedBy(entryPrice).times(100))
      : null,
    marginRatioPct: formatDecimal(maintenanceMargin.plus(otherMaintenance).dividedBy(marginBalance).times(100)),
  };
}
