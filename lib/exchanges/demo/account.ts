import Decimal from "decimal.js";
import { InsufficientFundsError, InvalidOrderError, OrderNotFoundError } from "../errors";
import { decimalsOf, type Balance, type MyTrade, type Order, type OrderSide, type OrderType } from "../types";
import { DEMO_ASSETS, DEMO_FEE_RATE, MIN_ORDER_COST, QUOTE_CURRENCY } from "./assets";
import type { DemoMarket } from "./market-data";
import { hashAt, hashString, mix32, uniformOf } from "./random";

// Demo trading accounts. State lives in memory, one account per (seed, API key) per process, shared by
// every client built for that key (the app builds a client per request): balances, orders and fills
// survive between requests but not a restart. On first use an account gets a starting balance derived
// from the key alone, and a history of fills derived from the key and seed, so a fresh process sees the
// same account.
//
// History: round trips (buy, then sell the same amount 1–72 h later) on about a third of the days in the
// 90 days before the account was first used, priced off the simulated path. Their ids are stable, so a
// trade sync imports each once. Each trip nets to zero in the coin; their USDT profit and fees are not
// replayed into the balance (the starting balance is "today's" balance).
//
// Orders: market orders walk the simulated order book (slippage) and pay the taker fee in USDT. A limit
// order that crosses the book fills at once like a market order capped at its price; otherwise it rests
// with its funds reserved (`used`) and fills completely at its price, as maker, at the first second the
// simulated price trades through it. Resting orders are settled lazily whenever the account is read.

const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
type Dec = InstanceType<typeof Dec>;

const STARTING_QUOTE = "10000";
const STARTING_COINS = ["BTC", "ETH", "SOL", "BNB", "XRP", "ADA", "DOGE", "LINK", "AVAX", "DOT", "LTC", "TON"] as const;
const HISTORY_COINS = ["BTC", "ETH", "SOL", "BNB", "XRP", "DOGE", "LINK", "AVAX"] as const;
const HISTORY_DAYS = 90;
const HISTORY_TRIP_PROBABILITY = 0.35;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const QUOTE_DECIMALS = 8;
const FEE_RATE = new Dec(DEMO_FEE_RATE);

type Holding = { free: Dec; used: Dec };
type FillPart = { price: Dec; amount: Dec };

type StoredOrder = {
  order: Order;
  /** What a resting order holds back: quote (cost + fee) for buys, base for sells. */
  reserved: Dec;
  reservedCurrency: string;
  /** A resting order has been checked against the price path up to this time. */
  checkedUntil: number;
};

export type DemoAccountState = {
  tag: string;
  createdAt: number;
  holdings: Map<string, Holding>;
  orders: Map<string, StoredOrder>;
  fills: MyTrade[];
  history: MyTrade[] | null;
  orderCount: number;
};

/** Per-process account memory; pass a fresh store to isolate tests. */
export class DemoAccountStore {
  private readonly accounts = new Map<string, DemoAccountState>();

  open(seed: number, apiKey: string, nowMs: number): DemoAccountState {
    const id = `${seed}:${apiKey}`;
    let account = this.accounts.get(id);
    if (!account) {
      account = {
        tag: hashString(id).toString(16).padStart(8, "0"),
        createdAt: nowMs,
        holdings: startingHoldings(apiKey),
        orders: new Map(),
        fills: [],
        history: null,
        orderCount: 0,
      };
      this.accounts.set(id, account);
    }
    return account;
  }

  clear(): void {
    this.accounts.clear();
  }
}

export const demoAccounts = new DemoAccountStore();

function startingHoldings(apiKey: string): Map<string, Holding> {
  const holdings = new Map<string, Holding>();
  holdings.set(QUOTE_CURRENCY, { free: new Dec(STARTING_QUOTE), used: new Dec(0) });
  const keyHash = hashString(apiKey);
  const pool: string[] = [...STARTING_COINS];
  for (let i = 0; i < 3; i++) {
    const pick = hashAt(keyHash, i);
    const [coin] = pool.splice(pick % pool.length, 1);
    const asset = DEMO_ASSETS.find((candidate) => candidate.base === coin);
    if (!coin || !asset) continue;
    // Valued at the reference price, so the starting balance does not depend on the clock.
    const valueUsd = 500 + Math.floor(uniformOf(mix32(pick)) * 2500);
    const amount = new Dec(valueUsd).div(asset.refPrice).toDecimalPlaces(decimalsOf(asset.amountStep), Decimal.ROUND_DOWN);
    holdings.set(coin, { free: amount, used: new Dec(0) });
  }
  return holdings;
}

export class DemoAccount {
  constructor(
    private readonly state: DemoAccountState,
    private readonly market: DemoMarket,
  ) {}

  balance(nowMs: number): Balance {
    this.settle(nowMs);
    const free: Record<string, string> = {};
    const used: Record<string, string> = {};
    const total: Record<string, string> = {};
    for (const [currency, holding] of [...this.state.holdings].sort(([a], [b]) => a.localeCompare(b))) {
      const sum = holding.free.plus(holding.used);
      if (sum.isZero()) continue;
      free[currency] = holding.free.toFixed();
      used[currency] = holding.used.toFixed();
      total[currency] = sum.toFixed();
    }
    return { timestamp: nowMs, datetime: iso(nowMs), free, used, total };
  }

  myTrades(nowMs: number, symbol?: string, since?: number, limit = 500): MyTrade[] {
    this.settle(nowMs);
    const all = [...this.history(), ...this.state.fills]
      .filter((trade) => (symbol === undefined || trade.symbol === symbol) && trade.timestamp <= nowMs)
      .filter((trade) => since === undefined || trade.timestamp >= since)
      .sort((a, b) => a.timestamp - b.timestamp || a.id.localeCompare(b.id));
    const count = Number.isFinite(limit) ? Math.max(1, Math.floor(limit)) : all.length;
    return structuredClone(since === undefined ? all.slice(-count) : all.slice(0, count));
  }

  openOrders(nowMs: number, symbol?: string): Order[] {
    this.settle(nowMs);
    return [...this.state.orders.values()]
      .filter(({ order }) => order.status === "open" && (symbol === undefined || order.symbol === symbol))
      .map(({ order }) => structuredClone(order));
  }

  cancelOrder(nowMs: number, id: string, symbol?: string): Order {
    this.settle(nowMs);
    const stored = this.state.orders.get(id);
    if (!stored || stored.order.status !== "open" || (symbol !== undefined && stored.order.symbol !== symbol)) {
      throw new OrderNotFoundError(`No open order ${id}`, { exchange: "demo" });
    }
    this.holding(stored.reservedCurrency).used = this.holding(stored.reservedCurrency).used.minus(stored.reserved);
    this.holding(stored.reservedCurrency).free = this.holding(stored.reservedCurrency).free.plus(stored.reserved);
    stored.reserved = new Dec(0);
    stored.order.status = "canceled";
    return structuredClone(stored.order);
  }

  createOrder(nowMs: number, symbol: string, type: OrderType, side: OrderSide, amountText: string, priceText?: string): Order {
    const market = this.market.market(symbol);
    if (type !== "market" && type !== "limit") throw new InvalidOrderError("Order type must be market or limit.", { exchange: "demo" });
    if (side !== "buy" && side !== "sell") throw new InvalidOrderError("Order side must be buy or sell.", { exchange: "demo" });
    this.settle(nowMs);
    const amount = parsePositive(amountText, "amount").toDecimalPlaces(decimalsOf(market.precision.amount), Decimal.ROUND_DOWN);
    if (amount.lt(market.limits.amount.min)) {
      throw new InvalidOrderError(`Amount must be at least ${market.limits.amount.min} ${market.base}.`, { exchange: "demo" });
    }
    const priceDecimals = decimalsOf(market.precision.price);
    const limitPrice = type === "limit" ? parsePositive(priceText, "price").toDecimalPlaces(priceDecimals) : null;
    if (type === "limit" && limitPrice?.isZero()) throw new InvalidOrderError("Price is below the tick size.", { exchange: "demo" });

    const book = this.market.bookSide(symbol, nowMs, side === "buy" ? "asks" : "bids");
    const best = book[0]?.price;
    const crosses = limitPrice === null || best === undefined || (side === "buy" ? limitPrice.gte(best) : limitPrice.lte(best));
    const id = this.nextOrderId(nowMs);

    if (crosses) {
      const parts = walkBook(book, amount, side, limitPrice);
      checkMinCost(parts.reduce((sum, part) => sum.plus(part.price.times(part.amount)), new Dec(0)));
      const order = this.newOrder(id, nowMs, symbol, type, side, amount, limitPrice);
      this.fill(order, nowMs, parts, "taker", true);
      this.state.orders.set(id, { order, reserved: new Dec(0), reservedCurrency: QUOTE_CURRENCY, checkedUntil: nowMs });
      return structuredClone(order);
    }

    const price = limitPrice!;
    const cost = price.times(amount);
    checkMinCost(cost);
    const reserved = side === "buy" ? cost.plus(fee(cost)) : amount;
    const reservedCurrency = side === "buy" ? QUOTE_CURRENCY : market.base;
    const holding = this.holding(reservedCurrency);
    if (holding.free.lt(reserved)) throw insufficient(reservedCurrency, reserved, holding.free);
    holding.free = holding.free.minus(reserved);
    holding.used = holding.used.plus(reserved);
    const order = this.newOrder(id, nowMs, symbol, type, side, amount, price);
    this.state.orders.set(id, { order, reserved, reservedCurrency, checkedUntil: nowMs });
    return structuredClone(order);
  }

  private newOrder(id: string, nowMs: number, symbol: string, type: OrderType, side: OrderSide, amount: Dec, price: Dec | null): Order {
    return {
      id,
      symbol,
      timestamp: nowMs,
      datetime: iso(nowMs),
      type,
      side,
      status: "open",
      ...(price ? { price: price.toFixed() } : {}),
      amount: amount.toFixed(),
      filled: "0",
      remaining: amount.toFixed(),
      cost: "0",
      trades: [],
    };
  }

  /** Fills the whole order in `parts`; a taker fill checks funds first, a maker fill spends its reserve. */
  private fill(order: Order, atMs: number, parts: readonly FillPart[], role: "taker" | "maker", checkFunds: boolean): void {
    const { base, precision } = this.market.market(order.symbol);
    const amount = new Dec(order.amount);
    const costs = parts.map((part) => part.price.times(part.amount));
    const fees = costs.map(fee);
    const cost = costs.reduce((sum, value) => sum.plus(value), new Dec(0));
    const feeCost = fees.reduce((sum, value) => sum.plus(value), new Dec(0));
    const quote = this.holding(QUOTE_CURRENCY);
    const coin = this.holding(base);
    if (order.side === "buy") {
      const needed = cost.plus(feeCost);
      if (checkFunds && quote.free.lt(needed)) throw insufficient(QUOTE_CURRENCY, needed, quote.free);
      quote.free = quote.free.minus(needed);
      coin.free = coin.free.plus(amount);
    } else {
      if (checkFunds && coin.free.lt(amount)) throw insufficient(base, amount, coin.free);
      coin.free = coin.free.minus(amount);
      quote.free = quote.free.plus(cost).minus(feeCost);
    }
    const trades = parts.map((part, i): MyTrade => ({
      id: `${order.id}-${i + 1}`,
      order: order.id,
      symbol: order.symbol,
      timestamp: atMs,
      datetime: iso(atMs),
      side: order.side,
      type: order.type,
      takerOrMaker: role,
      price: part.price.toFixed(),
      amount: part.amount.toFixed(),
      cost: costs[i]!.toFixed(),
      fee: { currency: QUOTE_CURRENCY, cost: fees[i]!.toFixed(), rate: FEE_RATE.toFixed() },
    }));
    this.state.fills.push(...trades);
    const average = cost.div(amount).toDecimalPlaces(decimalsOf(precision.price) + 4);
    order.status = "closed";
    order.filled = order.amount;
    order.remaining = "0";
    order.average = average.toFixed();
    order.price ??= average.toFixed();
    order.cost = cost.toFixed();
    order.fee = { currency: QUOTE_CURRENCY, cost: feeCost.toFixed(), rate: FEE_RATE.toFixed() };
    order.trades = trades;
  }

  /** Fills resting limit orders the simulated price has traded through since they were placed. */
  private settle(nowMs: number): void {
    for (const stored of this.state.orders.values()) {
      const { order } = stored;
      if (order.status !== "open" || order.price === undefined) continue;
      const direction = order.side === "buy" ? -1 : 1;
      const from = Math.max(order.timestamp, stored.checkedUntil);
      const at = nowMs > from ? this.market.firstCrossing(order.symbol, from, nowMs, Number(order.price), direction) : null;
      if (at === null) {
        stored.checkedUntil = Math.max(stored.checkedUntil, nowMs);
        continue;
      }
      const holding = this.holding(stored.reservedCurrency);
      holding.used = holding.used.minus(stored.reserved);
      holding.free = holding.free.plus(stored.reserved);
      stored.reserved = new Dec(0);
      this.fill(order, at, [{ price: new Dec(order.price), amount: new Dec(order.amount) }], "maker", false);
    }
  }

  private holding(currency: string): Holding {
    let holding = this.state.holdings.get(currency);
    if (!holding) {
      holding = { free: new Dec(0), used: new Dec(0) };
      this.state.holdings.set(currency, holding);
    }
    return holding;
  }

  private nextOrderId(nowMs: number): string {
    this.state.orderCount += 1;
    // Time-prefixed so ids stay unique across restarts (the counter starts over; the clock does not).
    return `demo-${this.state.tag}-${nowMs.toString(36)}-${this.state.orderCount}`;
  }

  private history(): MyTrade[] {
    this.state.history ??= buildHistory(this.state, this.market);
    return this.state.history;
  }
}

function buildHistory(state: DemoAccountState, market: DemoMarket): MyTrade[] {
  const trades: MyTrade[] = [];
  const keyStream = hashString(state.tag);
  const windowStart = state.createdAt - HISTORY_DAYS * DAY_MS;
  const lastDay = Math.floor(state.createdAt / DAY_MS);
  for (let day = Math.floor(windowStart / DAY_MS); day <= lastDay; day++) {
    const roll = hashAt(keyStream, day);
    if (uniformOf(roll) >= HISTORY_TRIP_PROBABILITY) continue;
    const coin = HISTORY_COINS[mix32(roll ^ 0x1f123bb5) % HISTORY_COINS.length]!;
    const symbol = `${coin}/${QUOTE_CURRENCY}`;
    const buyAt = day * DAY_MS + Math.floor(uniformOf(mix32(roll ^ 0x5bf03635)) * DAY_MS);
    const sellAt = buyAt + HOUR_MS + Math.floor(uniformOf(mix32(roll ^ 0x2f9a6d3c)) * 71 * HOUR_MS);
    if (buyAt < windowStart || sellAt >= state.createdAt) continue;
    const spec = market.market(symbol);
    const priceDecimals = decimalsOf(spec.precision.price);
    const notional = 100 + Math.floor(uniformOf(mix32(roll ^ 0x4cf5ad43)) * 900);
    const buyPrice = new Dec(market.lastPrice(symbol, buyAt).toFixed(priceDecimals));
    const sellPrice = new Dec(market.lastPrice(symbol, sellAt).toFixed(priceDecimals));
    const amount = new Dec(notional).div(buyPrice).toDecimalPlaces(decimalsOf(spec.precision.amount), Decimal.ROUND_DOWN);
    if (amount.lt(spec.limits.amount.min)) continue;
    for (const [leg, side, at, price] of [
      ["1", "buy", buyAt, buyPrice],
      ["2", "sell", sellAt, sellPrice],
    ] as const) {
      const cost = price.times(amount);
      const order = `hist-${state.tag}-${day}-${leg}`;
      trades.push({
        id: `${order}-1`,
        order,
        symbol,
        timestamp: at,
        datetime: iso(at),
        side,
        type: "market",
        takerOrMaker: "taker",
        price: price.toFixed(),
        amount: amount.toFixed(),
        cost: cost.toFixed(),
        fee: { currency: QUOTE_CURRENCY, cost: fee(cost).toFixed(), rate: FEE_RATE.toFixed() },
      });
    }
  }
  return trades;
}

/**
 * The fills of taking `amount` from the book, one per level. Levels beyond a limit price are not taken;
 * what the book cannot cover fills at the limit price, or for market orders at the last level's price.
 */
function walkBook(levels: readonly { price: number; amount: number }[], amount: Dec, side: OrderSide, limit: Dec | null): FillPart[] {
  const parts: FillPart[] = [];
  let remaining = amount;
  let lastPrice = limit;
  for (const level of levels) {
    if (remaining.lte(0)) break;
    const price = new Dec(level.price);
    if (limit !== null && (side === "buy" ? price.gt(limit) : price.lt(limit))) break;
    const take = Dec.min(remaining, new Dec(level.amount));
    parts.push({ price, amount: take });
    remaining = remaining.minus(take);
    lastPrice = limit ?? price;
  }
  if (remaining.gt(0) && lastPrice !== null) {
    const last = parts.at(-1);
    if (last && last.price.eq(lastPrice)) last.amount = last.amount.plus(remaining);
    else parts.push({ price: lastPrice, amount: remaining });
  }
  return parts;
}

function fee(cost: Dec): Dec {
  return cost.times(FEE_RATE).toDecimalPlaces(QUOTE_DECIMALS, Decimal.ROUND_UP);
}

function checkMinCost(cost: Dec): void {
  if (cost.lt(MIN_ORDER_COST)) {
    throw new InvalidOrderError(`Order value must be at least ${MIN_ORDER_COST} ${QUOTE_CURRENCY}.`, { exchange: "demo" });
  }
}

function parsePositive(text: string | undefined, field: string): Dec {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text.trim())) {
    throw new InvalidOrderError(`The ${field} must be a positive decimal number.`, { exchange: "demo" });
  }
  const value = new Dec(text.trim());
  if (value.lte(0)) throw new InvalidOrderError(`The ${field} must be greater than zero.`, { exchange: "demo" });
  return value;
}

function insufficient(currency: string, needed: Dec, available: Dec): InsufficientFundsError {
  return new InsufficientFundsError(`Insufficient ${currency}: needs ${needed.toFixed()}, ${available.toFixed()} available.`, { exchange: "demo" });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
