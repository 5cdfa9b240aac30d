import "server-only";
import { openClientForKey } from "@/lib/exchanges/keys";
import { isExchangeError, OrderNotFoundError } from "@/lib/exchanges/errors";
import { fromPathSymbol, splitSymbol, type Order } from "@/lib/exchanges/types";
import { computeExitLevels, Dec, entryAction, exitAction, roundDownToStep, type Side } from "./math";

// Live orders on a user's exchange key (spot, through lib/exchanges). The key is decrypted by
// openClientForKey for the moment of the call and the client is closed right after.

export type LiveEntry = {
  entryOrderId: string;
  entryPrice: string;
  quantity: string;
  /** Entry fee in the quote currency. */
  fee: string;
  takeProfit: string;
  stopLoss: string;
  takeProfitOrderId: string | null;
  takeProfitError: string | null;
};

export type LiveExit = { exitPrice: string; fee: string; exitOrderId: string | null; cancelledOrderIds: string[]; filledByTakeProfit: boolean };

/** Fee of an order in the quote currency (a fee charged in the base is valued at the fill price). */
function quoteFee(order: Order, base: string, price: string): string {
  if (!order.fee) return "0";
  return order.fee.currency === base ? new Dec(order.fee.cost).times(price).toFixed() : order.fee.cost;
}

function fillPrice(order: Order, fallback: string): string {
  if (order.average) return order.average;
  if (Number(order.filled) > 0 && Number(order.cost) > 0) return new Dec(order.cost).div(order.filled).toFixed();
  return order.price ?? fallback;
}

export function exchangeMessage(error: unknown): string {
  if (isExchangeError(error)) return error.message;
  if (error instanceof Error && error.name === "AppError") return error.message;
  return "The exchange call failed.";
}

/**
 * Market entry sized at `balancePct` of the free quote balance, then the take-profit as a resting
 * limit order for the quantity actually received. Spot only: a long position.
 */
export async function openLivePosition({
  userId,
  keyId,
  symbol,
  side,
  balancePct,
  takeProfitPct,
  stopLossPct,
}: {
  userId: string;
  keyId: string;
  symbol: string;
  side: Side;
  balancePct: string;
  takeProfitPct: string;
  stopLossPct: string;
}): Promise<LiveEntry> {
  const unified = fromPathSymbol(symbol);
  const { base, quote } = splitSymbol(unified);
  const { client } = await openClientForKey({ userId, keyId });
  try {
    const market = (await client.loadMarkets()).find((candidate) => candidate.symbol === unified);
    if (!market) throw new Error(`${unified} is not traded on this exchange.`);
    const [ticker, balance] = await Promise.all([client.fetchTicker(unified), client.fetchBalance()]);
    const free = new Dec(balance.free[quote] ?? "0");
    const price = new Dec(side === "long" ? ticker.ask || ticker.last : ticker.bid || ticker.last);
    const quantity = roundDownToStep(free.times(balancePct).div(100).div(price).toFixed(), market.precision.amount);
    if (new Dec(quantity).lte(0) || new Dec(quantity).lt(market.limits.amount.min)) {
      throw new Error(`${balancePct} % of the free ${quote} balance (${free.toFixed()}) is below the smallest order of ${unified}.`);
    }
    const entryOrder = await client.createOrder(unified, "market", entryAction(side), quantity);
    const entryPrice = fillPrice(entryOrder, price.toFixed());
    const filled = Number(entryOrder.filled) > 0 ? entryOrder.filled : quantity;
    const fee = quoteFee(entryOrder, base, entryPrice);
    const levels = computeExitLevels({ side, entryPrice, takeProfitPct, stopLossPct });
    // What can be sold back: the fill minus a fee charged in the coin.
    const held = entryOrder.fee?.currency === base ? new Dec(filled).minus(entryOrder.fee.cost).toFixed() : filled;
    const exitQuantity = roundDownToStep(held, market.precision.amount);
    let takeProfitOrderId: string | null = null;
    let takeProfitError: string | null = null;
    try {
      const tpPrice = roundDownToStep(levels.takeProfit, market.precision.price);
      takeProfitOrderId = (await client.createOrder(unified, "limit", exitAction(side), exitQuantity, tpPrice)).id;
    } catch (error) {
      takeProfitError = exchangeMessage(error);
    }
    return { entryOrderId: entryOrder.id, entryPrice, quantity: exitQuantity, fee, takeProfit: levels.takeProfit, stopLoss: levels.stopLoss, takeProfitOrderId, takeProfitError };
  } finally {
    await client.close().catch(() => {});
  }
}

/**
 * Closes a live position: cancels the resting take-profit, then sells at market. When the take-profit
 * is gone because it filled, nothing is sold and the exit is the take-profit fill.
 */
export async function closeLivePosition({
  userId,
  keyId,
  symbol,
  side,
  quantity,
  takeProfit,
  takeProfitOrderId,
}: {
  userId: string;
  keyId: string;
  symbol: string;
  side: Side;
  quantity: string;
  takeProfit: string | null;
  takeProfitOrderId: string | null;
}): Promise<LiveExit> {
  const unified = fromPathSymbol(symbol);
  const { base } = splitSymbol(unified);
  const { client } = await openClientForKey({ userId, keyId });
  try {
    const cancelledOrderIds: string[] = [];
    if (takeProfitOrderId && client.cancelOrder) {
      try {
        await client.cancelOrder(takeProfitOrderId, unified);
        cancelledOrderIds.push(takeProfitOrderId);
      } catch (error) {
        if (!(error instanceof OrderNotFoundError)) throw error;
        // Not open any more: the take-profit filled. Its fills give the price and the fee.
        const fills = (await client.fetchMyTrades(unified).catch(() => [])).filter((fill) => fill.order === takeProfitOrderId);
        const amount = fills.reduce((sum, fill) => sum.plus(fill.amount), new Dec(0));
        const cost = fills.reduce((sum, fill) => sum.plus(fill.cost), new Dec(0));
        const exitPrice = amount.gt(0) ? cost.div(amount).toFixed() : (takeProfit ?? "0");
        const fee = fills.reduce((sum, fill) => sum.plus(fill.fee.currency === base ? new Dec(fill.fee.cost).times(fill.price) : fill.fee.cost), new Dec(0));
        return { exitPrice, fee: fee.toFixed(), exitOrderId: takeProfitOrderId, cancelledOrderIds, filledByTakeProfit: true };
      }
    }
    const ticker = await client.fetchTicker(unified);
    const order = await client.createOrder(unified, "market", exitAction(side), quantity);
    const exitPrice = fillPrice(order, String(ticker.last));
    return { exitPrice, fee: quoteFee(order, base, exitPrice), exitOrderId: order.id, cancelledOrderIds, filledByTakeProfit: false };
  } finally {
    await client.close().catch(() => {});
  }
}

/** The free, used and total balance of a key, by currency. */
export async function fetchLiveBalance({ userId, keyId }: { userId: string; keyId: string }): Promise<{ free: Record<string, string>; used: Record<string, string>; total: Record<string, string> }> {
  const { client } = await openClientForKey({ userId, keyId });
  try {
    const balance = await client.fetchBalance();
    return { free: balance.free, used: balance.used, total: balance.total };
  } finally {
    await client.close().catch(() => {});
  }
}
