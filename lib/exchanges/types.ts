import { z } from "zod";
import { BadSymbolError } from "./errors";

// The exchange client the whole app talks to: a small subset of ccxt's unified API, so the ccxt adapter
// is a thin wrapper and the simulated "demo" exchange is a drop-in replacement.
//
// Number convention:
// - Market data (tickers, candles, order books, public trades, market precision/limits) are JS numbers,
//   as ccxt returns them: they feed charts, indicators and analytics, where floats are fine.
// - Anything that is the user's money (balances, orders, own fills, fees) is a decimal string, because
//   it is stored as `numeric` and computed with decimal.js (ARCHITECTURE.md, rule 6).
// - Timestamps are Unix milliseconds (number) plus an ISO-8601 `datetime`, like ccxt.
// - Symbols use ccxt's unified form "BASE/QUOTE" ("BTC/USDT"); URL paths use "BTC-USDT" (toPathSymbol).

export type OrderSide = "buy" | "sell";
export type OrderType = "market" | "limit";
export type OrderStatus = "open" | "closed" | "canceled";

export type Market = {
  /** The exchange's own id, e.g. "BTCUSDT". */
  id: string;
  symbol: string;
  base: string;
  quote: string;
  type: "spot";
  spot: true;
  active: boolean;
  /** ccxt TICK_SIZE mode: the smallest price step and amount step, e.g. { price: 0.01, amount: 0.00001 }. */
  precision: { price: number; amount: number };
  limits: {
    amount: { min: number; max?: number };
    /** Minimum order value in the quote currency. */
    cost: { min: number };
  };
  /** Fee rates as fractions: 0.001 = 0.1 %. */
  maker: number;
  taker: number;
};

export type Ticker = {
  symbol: string;
  timestamp: number;
  datetime: string;
  last: number;
  /** Rolling 24 h window (from the 1m candle 23 h 59 m before the current one). */
  open: number;
  high: number;
  low: number;
  close: number;
  change: number;
  /** Percent, as ccxt: 2.5 = +2.5 %. */
  percentage: number;
  vwap: number;
  baseVolume: number;
  quoteVolume: number;
  bid: number;
  bidVolume: number;
  ask: number;
  askVolume: number;
};

/** [price, amount]; bids best (highest) first, asks best (lowest) first. */
export type OrderBookLevel = [price: number, amount: number];

export type OrderBook = {
  symbol: string;
  timestamp: number;
  datetime: string;
  bids: OrderBookLevel[];
  asks: OrderBookLevel[];
};

export type PublicTrade = {
  id: string;
  symbol: string;
  timestamp: number;
  datetime: string;
  side: OrderSide;
  price: number;
  amount: number;
  cost: number;
};

/**
 * One OHLCV bar; ccxt's [timestamp, open, high, low, close, volume] tuple as an object.
 * `timestamp` is the bar's open time; `volume` is in the base currency.
 */
export type Candle = {
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
};

/** ccxt's free/used/total dictionaries, currency code → decimal string. Zero balances are omitted. */
export type Balance = {
  timestamp: number;
  datetime: string;
  free: Record<string, string>;
  used: Record<string, string>;
  total: Record<string, string>;
};

export type Fee = { currency: string; cost: string; rate?: string };

/** One of the account's own fills (ccxt `fetchMyTrades`). `id` is stable: sync deduplicates on it. */
export type MyTrade = {
  id: string;
  order: string;
  symbol: string;
  timestamp: number;
  datetime: string;
  side: OrderSide;
  type: OrderType;
  takerOrMaker: "taker" | "maker";
  price: string;
  amount: string;
  /** price × amount, in the quote currency, before fees. */
  cost: string;
  fee: Fee;
};

export type Order = {
  id: string;
  symbol: string;
  timestamp: number;
  datetime: string;
  type: OrderType;
  side: OrderSide;
  status: OrderStatus;
  /** The limit price; for market orders the average fill price once filled. */
  price?: string;
  average?: string;
  amount: string;
  filled: string;
  remaining: string;
  cost: string;
  fee?: Fee;
  trades: MyTrade[];
};

export type ExchangeClient = {
  readonly id: string;
  loadMarkets(): Promise<Market[]>;
  fetchTicker(symbol: string): Promise<Ticker>;
  /** All markets' tickers when `symbols` is omitted. Keyed by unified symbol. */
  fetchTickers(symbols?: readonly string[]): Promise<Record<string, Ticker>>;
  fetchOrderBook(symbol: string, depth?: number): Promise<OrderBook>;
  /** Oldest first. Without `since`, the most recent `limit` trades. */
  fetchTrades(symbol: string, since?: number, limit?: number): Promise<PublicTrade[]>;
  /**
   * Oldest first. With `since`, bars opening at or after it; without, the most recent `limit` bars.
   * The last bar may still be forming.
   */
  fetchOHLCV(symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Candle[]>;
  fetchBalance(): Promise<Balance>;
  /** Oldest first. With `since`, fills at or after it; without, the most recent `limit` fills. */
  fetchMyTrades(symbol?: string, since?: number, limit?: number): Promise<MyTrade[]>;
  /** `amount` in the base currency and `price` as decimal strings; `price` is required for limit orders. */
  createOrder(symbol: string, type: OrderType, side: OrderSide, amount: string, price?: string): Promise<Order>;
  cancelOrder?(id: string, symbol?: string): Promise<Order>;
  fetchOpenOrders?(symbol?: string): Promise<Order[]>;
  close(): Promise<void>;
};

export const TIMEFRAMES = ["1m", "5m", "15m", "1h", "4h", "1d"] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export const timeframeSchema = z.enum(TIMEFRAMES);

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "4h": 14_400_000,
  "1d": 86_400_000,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

const UNIFIED_SYMBOL = /^([A-Z0-9]{1,20})\/([A-Z0-9]{1,20})$/;
const PATH_SYMBOL = /^([A-Za-z0-9]{1,20})-([A-Za-z0-9]{1,20})$/;

/** "BTC/USDT" → "BTC-USDT" (the form API paths use). Throws BadSymbolError on anything else. */
export function toPathSymbol(symbol: string): string {
  const match = UNIFIED_SYMBOL.exec(symbol);
  if (!match) throw new BadSymbolError(symbol);
  return `${match[1]}-${match[2]}`;
}

/** "BTC-USDT" (any case) → "BTC/USDT". Throws BadSymbolError on anything else. */
export function fromPathSymbol(pathSymbol: string): string {
  const match = PATH_SYMBOL.exec(pathSymbol);
  if (!match) throw new BadSymbolError(pathSymbol);
  return `${match[1]!.toUpperCase()}/${match[2]!.toUpperCase()}`;
}

export function splitSymbol(symbol: string): { base: string; quote: string } {
  const match = UNIFIED_SYMBOL.exec(symbol);
  if (!match) throw new BadSymbolError(symbol);
  return { base: match[1]!, quote: match[2]! };
}

/** Number of decimals of a tick/step size: 0.001 → 3, 1 → 0. */
export function decimalsOf(step: number): number {
  if (step >= 1) return 0;
  return Math.max(0, Math.round(-Math.log10(step)));
}
