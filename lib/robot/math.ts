import Decimal from "decimal.js";

// The robot's money math: pure, decimal, no I/O. Prices and amounts in and out as decimal strings.
//
// Paper model (per symbol, one USDT wallet = robot_configs.paper_balance):
// - margin = balance × balancePct; notional = margin × leverage; quantity = notional ÷ fill price.
// - Fills are taker fills at the touch (ask to buy, bid to sell) worsened by PAPER_SLIPPAGE_RATE,
//   paying PAPER_TAKER_FEE_RATE on the notional. A take-profit fills at its level (a resting order);
//   a stop loss fills at market like a stop-market order, so a gap can fill it beyond its level.
// - The entry fee leaves the wallet when the position opens; gross P&L minus the exit fee arrives when
//   it closes. trade.fees = entry + exit fee; trade.pnl = gross − fees (net).

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

export const PAPER_TAKER_FEE_RATE = "0.0004";
export const PAPER_SLIPPAGE_RATE = "0.0002";
const QUANTITY_DECIMALS = 8;
const MONEY_DECIMALS = 8;

export type Side = "long" | "short";
export type Quote = { last: number; bid: number | null; ask: number | null };

const str = (value: Dec, places = MONEY_DECIMALS) => value.toDecimalPlaces(places).toFixed();

/** The price a market order pays: buys at the ask, sells at the bid (the last price when missing), worsened by the slippage. */
export function computeMarketFillPrice({ quote, action, slippageRate = PAPER_SLIPPAGE_RATE }: { quote: Quote; action: "buy" | "sell"; slippageRate?: string }): string {
  const touch = action === "buy" ? (quote.ask ?? quote.last) : (quote.bid ?? quote.last);
  const slip = new Dec(slippageRate);
  const price = new Dec(touch).times(action === "buy" ? slip.plus(1) : new Dec(1).minus(slip));
  return str(price);
}

/** A long opens with a buy and closes with a sell; a short the other way round. */
export function entryAction(side: Side): "buy" | "sell" {
  return side === "long" ? "buy" : "sell";
}
export function exitAction(side: Side): "buy" | "sell" {
  return side === "long" ? "sell" : "buy";
}

export type PaperEntry = { entryPrice: string; quantity: string; margin: string; notional: string; fee: string };

/** Sizes and fills a paper position. Throws a RangeError when the wallet cannot pay for it. */
export function computePaperEntry({
  balance,
  balancePct,
  leverage,
  side,
  quote,
  feeRate = PAPER_TAKER_FEE_RATE,
  slippageRate = PAPER_SLIPPAGE_RATE,
}: {
  balance: string;
  balancePct: string | number;
  leverage: number;
  side: Side;
  quote: Quote;
  feeRate?: string;
  slippageRate?: string;
}): PaperEntry {
  const wallet = new Dec(balance);
  if (wallet.lte(0)) throw new RangeError("The paper balance is empty.");
  const entryPrice = new Dec(computeMarketFillPrice({ quote, action: entryAction(side), slippageRate }));
  // The margin and the entry fee must both fit in the wallet: at 100 % the position shrinks by the fee.
  const wanted = wallet.times(balancePct).div(100).times(leverage);
  const affordable = wallet.div(new Dec(1).div(leverage).plus(feeRate));
  const quantity = Dec.min(wanted, affordable).div(entryPrice).toDecimalPlaces(QUANTITY_DECIMALS, Decimal.ROUND_DOWN);
  if (quantity.lte(0)) throw new RangeError("The position would be smaller than the smallest quantity.");
  const notional = quantity.times(entryPrice);
  const fee = notional.times(feeRate);
  return { entryPrice: str(entryPrice), quantity: str(quantity, QUANTITY_DECIMALS), margin: str(notional.div(leverage)), notional: str(notional), fee: str(fee) };
}

/** Take-profit and stop-loss levels at a percent price move from the entry. */
export function computeExitLevels({ side, entryPrice, takeProfitPct, stopLossPct }: { side: Side; entryPrice: string; takeProfitPct: string | number; stopLossPct: string | number }): {
  takeProfit: string;
  stopLoss: string;
} {
  const entry = new Dec(entryPrice);
  const up = (pct: string | number) => entry.times(new Dec(pct).div(100).plus(1));
  const down = (pct: string | number) => entry.times(new Dec(1).minus(new Dec(pct).div(100)));
  return side === "long"
    ? { takeProfit: str(up(takeProfitPct)), stopLoss: str(down(stopLossPct)) }
    : { takeProfit: str(down(takeProfitPct)), stopLoss: str(up(stopLossPct)) };
}

export type ExitHit = "take_profit" | "stop_loss";

/**
 * Whether the price reached a level. The stop wins when both are reached at once (a wide candle):
 * assuming the worse outcome is the conservative choice.
 */
export function detectExitHit({ side, price, takeProfit, stopLoss }: { side: Side; price: number | string; takeProfit: string | null; stopLoss: string | null }): ExitHit | null {
  const p = new Dec(price);
  if (side === "long") {
    if (stopLoss !== null && p.lte(stopLoss)) return "stop_loss";
    if (takeProfit !== null && p.gte(takeProfit)) return "take_profit";
  } else {
    if (stopLoss !== null && p.gte(stopLoss)) return "stop_loss";
    if (takeProfit !== null && p.lte(takeProfit)) return "take_profit";
  }
  return null;
}

/** Gross P&L of a position between two prices (before fees). */
export function computeGrossPnl({ side, entryPrice, exitPrice, quantity }: { side: Side; entryPrice: string; exitPrice: string; quantity: string }): string {
  const move = new Dec(exitPrice).minus(entryPrice);
  return str((side === "long" ? move : move.negated()).times(quantity));
}

/** Net P&L (gross − fees) and its percent of the margin (entry notional ÷ leverage). */
export function computeNetPnl({
  side,
  entryPrice,
  exitPrice,
  quantity,
  fees,
  leverage = 1,
}: {
  side: Side;
  entryPrice: string;
  exitPrice: string;
  quantity: string;
  fees: string;
  leverage?: number;
}): { pnl: string; pnlPct: string } {
  const pnl = new Dec(computeGrossPnl({ side, entryPrice, exitPrice, quantity })).minus(fees);
  const margin = new Dec(entryPrice).times(quantity).div(leverage);
  return { pnl: str(pnl), pnlPct: margin.isZero() ? "0" : str(pnl.div(margin).times(100), 4) };
}

export type PaperExit = { exitPrice: string; exitFee: string; fees: string; pnl: string; pnlPct: string; balanceDelta: string };

/**
 * Closes a paper position. `level` is the take-profit price for a take-profit exit (fills there);
 * otherwise the position closes at market. balanceDelta = gross − exit fee (the entry fee was paid at open).
 */
export function computePaperExit({
  side,
  entryPrice,
  quantity,
  entryFee,
  leverage,
  quote,
  reason,
  takeProfit,
  feeRate = PAPER_TAKER_FEE_RATE,
  slippageRate = PAPER_SLIPPAGE_RATE,
}: {
  side: Side;
  entryPrice: string;
  quantity: string;
  entryFee: string;
  leverage: number;
  quote: Quote;
  reason: ExitHit | "manual" | "kill_switch";
  takeProfit?: string | null;
  feeRate?: string;
  slippageRate?: string;
}): PaperExit {
  const exitPrice = reason === "take_profit" && takeProfit ? str(new Dec(takeProfit)) : computeMarketFillPrice({ quote, action: exitAction(side), slippageRate });
  const exitFee = new Dec(exitPrice).times(quantity).times(feeRate);
  const fees = exitFee.plus(entryFee);
  const gross = new Dec(computeGrossPnl({ side, entryPrice, exitPrice, quantity }));
  const { pnl, pnlPct } = computeNetPnl({ side, entryPrice, exitPrice, quantity, fees: str(fees), leverage });
  return { exitPrice, exitFee: str(exitFee), fees: str(fees), pnl, pnlPct, balanceDelta: str(gross.minus(exitFee)) };
}

/** Unrealized P&L of an open position at a price, net of the fees paid so far. */
export function computeUnrealizedPnl({ side, entryPrice, quantity, price, feesPaid }: { side: Side; entryPrice: string; quantity: string; price: number | string; feesPaid: string }): string {
  return str(new Dec(computeGrossPnl({ side, entryPrice, exitPrice: new Dec(price).toFixed(), quantity })).minus(feesPaid));
}

/** Margin a position holds (entry notional ÷ leverage). */
export function computeMargin({ entryPrice, quantity, leverage }: { entryPrice: string; quantity: string; leverage: number }): string {
  return str(new Dec(entryPrice).times(quantity).div(leverage));
}

/** Rounds a quantity down to an exchange's amount step (0.00001). */
export function roundDownToStep(quantity: string, step: number): string {
  const stepDec = new Dec(step);
  if (stepDec.lte(0)) return quantity;
  return new Dec(quantity).div(stepDec).floor().times(stepDec).toFixed();
}
