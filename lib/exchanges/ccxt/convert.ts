import Decimal from "decimal.js";
import type { Balances as CcxtBalances, Market as CcxtMarket, OHLCV, Order as CcxtOrder, OrderBook as CcxtOrderBook, Ticker as CcxtTicker, Trade as CcxtTrade } from "ccxt";
import type { Balance, Candle, Fee, Market, MyTrade, Order, OrderBook, OrderBookLevel, OrderStatus, PublicTrade, Ticker } from "../types";

// Pure conversions from ccxt's unified structures to ours (lib/exchanges/types.ts).
//
// Decimal strings: ccxt parses the exchange's decimal strings into JS numbers (summing free + used
// with its string math first). Every decimal of up to 15 significant digits survives that trip
// exactly, so rounding the number to 15 significant digits and printing it in plain notation gives
// back the exchange's value without float noise (0.1 + 0.2 → "0.3", 7.5e-7 → "0.00000075").
// Digits beyond the 15th were already lost inside ccxt.
const SIGNIFICANT_DIGITS = 15;

export function toDecimalString(value: number | string | null | undefined, fallback = "0"): string {
  if (value === undefined || value === null || value === "") return fallback;
  if (typeof value === "string") {
    const parsed = new Decimal(value);
    return parsed.isFinite() ? parsed.toFixed() : fallback;
  }
  if (!Number.isFinite(value)) return fallback;
  const text = new Decimal(value.toPrecision(SIGNIFICANT_DIGITS)).toFixed();
  return text === "-0" ? "0" : text;
}

const iso = (timestamp: number) => new Date(timestamp).toISOString();
const num = (value: number | null | undefined, fallback = 0): number => (typeof value === "number" && Number.isFinite(value) ? value : fallback);

/** Spot markets only; ccxt's TICK_SIZE precision (every supported exchange uses it) maps one to one. */
export function toMarket(market: CcxtMarket): Market | undefined {
  if (!market || market.spot !== true || typeof market.id !== "string") return undefined;
  const maxAmount = market.limits.amount?.max;
  return {
    id: market.id,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    type: "spot",
    spot: true,
    active: market.active !== false,
    precision: { price: num(market.precision.price), amount: num(market.precision.amount) },
    limits: {
      amount: { min: num(market.limits.amount?.min), ...(typeof maxAmount === "number" ? { max: maxAmount } : {}) },
      cost: { min: num(market.limits.cost?.min) },
    },
    maker: num(market.maker),
    taker: num(market.taker),
  };
}

export function toTicker(ticker: CcxtTicker, nowMs: number): Ticker {
  const timestamp = num(ticker.timestamp, nowMs);
  const last = num(ticker.last ?? ticker.close);
  const open = num(ticker.open, last);
  const change = ticker.change ?? last - open;
  return {
    symbol: ticker.symbol ?? "",
    timestamp,
    datetime: iso(timestamp),
    last,
    open,
    high: num(ticker.high, last),
    low: num(ticker.low, last),
    close: num(ticker.close, last),
    change: num(change),
    percentage: num(ticker.percentage ?? (open === 0 ? 0 : (change / open) * 100)),
    vwap: num(ticker.vwap, last),
    baseVolume: num(ticker.baseVolume),
    quoteVolume: num(ticker.quoteVolume),
    bid: num(ticker.bid, last),
    bidVolume: num(ticker.bidVolume),
    ask: num(ticker.ask, last),
    askVolume: num(ticker.askVolume),
  };
}

export function toOrderBook(book: CcxtOrderBook, symbol: string, nowMs: number): OrderBook {
  const timestamp = num(book.timestamp, nowMs);
  const levels = (side: [number | undefined, number | undefined][]): OrderBookLevel[] => side.map(([price, amount]) => [num(price), num(amount)]);
  return { symbol: book.symbol ?? symbol, timestamp, datetime: iso(timestamp), bids: levels(book.bids), asks: levels(book.asks) };
}

export function toPublicTrade(trade: CcxtTrade): PublicTrade {
  const timestamp = num(trade.timestamp);
  const price = num(trade.price);
  const amount = num(trade.amount);
  return {
    id: trade.id ?? `${timestamp}`,
    symbol: trade.symbol ?? "",
    timestamp,
    datetime: iso(timestamp),
    side: trade.side === "sell" ? "sell" : "buy",
    price,
    amount,
    cost: num(trade.cost, price * amount),
  };
}

export function toCandle([timestamp, open, high, low, close, volume]: OHLCV): Candle {
  return { timestamp: num(timestamp), open: num(open), high: num(high), low: num(low), close: num(close), volume: num(volume) };
}

const BALANCE_META_KEYS = new Set(["info", "timestamp", "datetime", "free", "used", "total", "debt"]);

/** Currencies with a zero total are left out, as the demo exchange does. */
export function toBalance(balances: CcxtBalances, nowMs: number): Balance {
  const timestamp = typeof balances.timestamp === "number" ? balances.timestamp : nowMs;
  const result: Balance = { timestamp, datetime: iso(timestamp), free: {}, used: {}, total: {} };
  for (const [code, entry] of Object.entries(balances)) {
    if (BALANCE_META_KEYS.has(code) || entry === null || typeof entry !== "object") continue;
    const total = toDecimalString(entry.total ?? (num(entry.free) + num(entry.used)));
    if (new Decimal(total).isZero()) continue;
    result.free[code] = toDecimalString(entry.free);
    result.used[code] = toDecimalString(entry.used);
    result.total[code] = total;
  }
  return result;
}

function toFee(fee: CcxtTrade["fee"], fallbackCurrency: string): Fee {
  if (!fee) return { currency: fallbackCurrency, cost: "0" };
  return {
    currency: fee.currency ?? fallbackCurrency,
    cost: toDecimalString(fee.cost),
    ...(typeof fee.rate === "number" ? { rate: toDecimalString(fee.rate) } : {}),
  };
}

function quoteOf(symbol: string): string {
  return symbol.split("/")[1]?.split(":")[0] ?? "";
}

/**
 * Binance and others do not say which order type produced a fill: a maker fill rested on the book, so
 * it was a limit order; a taker fill is reported as market (it may have been a marketable limit).
 */
export function toMyTrade(trade: CcxtTrade): MyTrade {
  const symbol = trade.symbol ?? "";
  const timestamp = num(trade.timestamp);
  const takerOrMaker = trade.takerOrMaker === "maker" ? "maker" : "taker";
  const price = toDecimalString(trade.price);
  const amount = toDecimalString(trade.amount);
  return {
    id: trade.id ?? "",
    order: trade.order ?? "",
    symbol,
    timestamp,
    datetime: iso(timestamp),
    side: trade.side === "sell" ? "sell" : "buy",
    type: trade.type === "limit" || trade.type === "market" ? trade.type : takerOrMaker === "maker" ? "limit" : "market",
    takerOrMaker,
    price,
    amount,
    cost: trade.cost === undefined ? new Decimal(price).times(amount).toFixed() : toDecimalString(trade.cost),
    fee: toFee(trade.fee, quoteOf(symbol)),
  };
}

const ORDER_STATUS: Record<string, OrderStatus> = { open: "open", closed: "closed", canceled: "canceled", cancelled: "canceled", expired: "canceled", rejected: "canceled" };

export function toOrder(order: CcxtOrder, nowMs: number): Order {
  const timestamp = num(order.timestamp, nowMs);
  const symbol = order.symbol ?? "";
  const amount = toDecimalString(order.amount);
  const filled = toDecimalString(order.filled);
  const average = order.average ?? undefined;
  // Market orders have no limit price (some exchanges report 0): ours then carries the average fill.
  const price = order.price ? order.price : average;
  return {
    id: order.id ?? "",
    symbol,
    timestamp,
    datetime: iso(timestamp),
    type: order.type === "market" ? "market" : "limit",
    side: order.side === "sell" ? "sell" : "buy",
    status: ORDER_STATUS[order.status ?? ""] ?? "open",
    ...(price !== undefined ? { price: toDecimalString(price) } : {}),
    ...(average !== undefined ? { average: toDecimalString(average) } : {}),
    amount,
    filled,
    remaining: order.remaining === undefined ? Decimal.max(new Decimal(amount).minus(filled), 0).toFixed() : toDecimalString(order.remaining),
    cost: toDecimalString(order.cost),
    ...(order.fee ? { fee: toFee(order.fee, quoteOf(symbol)) } : {}),
    trades: (order.trades ?? []).map((trade) => toMyTrade({ ...trade, symbol: trade.symbol ?? symbol, order: trade.order ?? order.id })),
  };
}
