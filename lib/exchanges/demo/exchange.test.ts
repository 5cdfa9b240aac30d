import Decimal from "decimal.js";
import { describe, expect, test } from "vitest";
import { BadSymbolError, ExchangeAuthError, ExchangeTimeoutError, ExchangeUnavailableError, InsufficientFundsError, InvalidOrderError, OrderNotFoundError } from "../errors";
import type { ExchangeClient, MyTrade } from "../types";
import { DEMO_ASSETS, DemoAccountStore, createDemoExchange, type DemoExchangeOptions } from "./index";

const NOW = Date.UTC(2026, 10, 22, 17, 34, 50, 123);
const HOUR = 3_600_000;
const DAY = 86_400_000;

function setup(options: DemoExchangeOptions & { at?: number } = {}) {
  const clock = { now: options.at ?? NOW };
  const accounts = options.accounts ?? new DemoAccountStore();
  const client = createDemoExchange({ seed: 42, apiKey: "demo-alice", ...options, accounts, now: () => clock.now });
  return { client, clock, accounts };
}

const dec = (value: string | undefined) => new Decimal(value ?? "0");

describe("public market data", () => {
  test("works without a key and follows the injected clock", async () => {
    const { client, clock } = setup({ apiKey: undefined });
    expect(client.id).toBe("demo");
    const markets = await client.loadMarkets();
    expect(markets.length).toBeGreaterThanOrEqual(24);
    const first = await client.fetchTicker("BTC/USDT");
    expect(first.timestamp).toBe(NOW);
    expect(await client.fetchTicker("BTC/USDT")).toEqual(first);
    clock.now += 60_000;
    const later = await client.fetchTicker("BTC/USDT");
    expect(later.timestamp).toBe(NOW + 60_000);
    expect(later.last).not.toBe(first.last);
    const candles = await client.fetchOHLCV("BTC/USDT", "1m", undefined, 2);
    expect(candles.at(-1)!.close).toBe(later.last);
    expect((await client.fetchOrderBook("BTC/USDT", 5)).bids).toHaveLength(5);
    expect((await client.fetchTrades("BTC/USDT", undefined, 10)).length).toBe(10);
    await client.close();
  });

  test("fetchTickers returns every market, or the ones asked for", async () => {
    const { client } = setup();
    const all = await client.fetchTickers();
    expect(Object.keys(all)).toHaveLength((await client.loadMarkets()).length);
    const some = await client.fetchTickers(["ETH/USDT", "SOL/USDT"]);
    expect(Object.keys(some)).toEqual(["ETH/USDT", "SOL/USDT"]);
    expect(some["ETH/USDT"]).toEqual(all["ETH/USDT"]);
  });

  test("two clients with the same seed agree; another seed does not", async () => {
    const a = setup().client;
    const b = setup({ apiKey: "demo-bob" }).client;
    const c = setup({ seed: 43 }).client;
    expect(await a.fetchTicker("SOL/USDT")).toEqual(await b.fetchTicker("SOL/USDT"));
    expect((await c.fetchTicker("SOL/USDT")).last).not.toBe((await a.fetchTicker("SOL/USDT")).last);
  });

  test("an unknown symbol is a BadSymbolError", async () => {
    const { client } = setup();
    await expect(client.fetchTicker("FOO/USDT")).rejects.toBeInstanceOf(BadSymbolError);
    await expect(client.fetchTickers(["BTC/USDT", "FOO/USDT"])).rejects.toBeInstanceOf(BadSymbolError);
    await expect(client.fetchOrderBook("BTC/EUR")).rejects.toBeInstanceOf(BadSymbolError);
    await expect(client.createOrder("FOO/USDT", "market", "buy", "1")).rejects.toBeInstanceOf(BadSymbolError);
    await expect(client.fetchMyTrades("FOO/USDT")).rejects.toBeInstanceOf(BadSymbolError);
  });
});

describe("API keys", () => {
  test.each(["demo-alice", "demo-1", "demo-0123456789abcdef"])("accepts %s", async (apiKey) => {
    const { client } = setup({ apiKey });
    await expect(client.fetchBalance()).resolves.toBeDefined();
  });

  test.each([undefined, "", "demo-", "demo", "binance-key", "DEMO-alice", " demo-alice"])("rejects %j for account calls", async (apiKey) => {
    const { client } = setup({ apiKey });
    await expect(client.fetchBalance()).rejects.toBeInstanceOf(ExchangeAuthError);
    await expect(client.fetchMyTrades()).rejects.toBeInstanceOf(ExchangeAuthError);
    await expect(client.createOrder("BTC/USDT", "market", "buy", "0.001")).rejects.toBeInstanceOf(ExchangeAuthError);
    await expect(client.fetchTicker("BTC/USDT")).resolves.toBeDefined();
  });

  test.each([
    ["demo-unavailable", ExchangeUnavailableError],
    ["demo-timeout", ExchangeTimeoutError],
  ] as const)("%s simulates an outage on every call", async (apiKey, ErrorClass) => {
    const { client } = setup({ apiKey });
    await expect(client.fetchTicker("BTC/USDT")).rejects.toBeInstanceOf(ErrorClass);
    await expect(client.loadMarkets()).rejects.toBeInstanceOf(ErrorClass);
    await expect(client.fetchBalance()).rejects.toBeInstanceOf(ErrorClass);
  });
});

describe("balances", () => {
  test("each key starts with 10,000 USDT and three coins, derived from the key alone", async () => {
    const alice = await setup().client.fetchBalance();
    expect(alice.total.USDT).toBe("10000");
    expect(alice.free.USDT).toBe("10000");
    expect(alice.used.USDT).toBe("0");
    expect(Object.keys(alice.total)).toHaveLength(4);

    const again = await setup({ at: NOW + 30 * DAY, seed: 7 }).client.fetchBalance();
    expect(again.total).toEqual(alice.total);
    const bob = await setup({ apiKey: "demo-bob" }).client.fetchBalance();
    expect(bob.total).not.toEqual(alice.total);
    for (const [currency, total] of Object.entries(alice.total)) {
      if (currency === "USDT") continue;
      const valueUsd = dec(total).times(DEMO_ASSETS.find((asset) => asset.base === currency)!.refPrice).toNumber();
      expect(valueUsd).toBeGreaterThan(499);
      expect(valueUsd).toBeLessThanOrEqual(3000);
    }
  });

  test("account state is shared by the clients built for the same key", async () => {
    const { client, accounts, clock } = setup();
    await client.createOrder("ETH/USDT", "market", "buy", "0.1");
    const second = createDemoExchange({ seed: 42, apiKey: "demo-alice", accounts, now: () => clock.now });
    expect(await second.fetchBalance()).toEqual(await client.fetchBalance());
    const otherStore = setup().client;
    expect((await otherStore.fetchBalance()).total.USDT).toBe("10000");
  });
});

describe("market orders", () => {
  test("a buy fills at the ask with slippage, charges 0.1 % and moves balances exactly", async () => {
    const { client } = setup();
    const before = await client.fetchBalance();
    const book = await client.fetchOrderBook("ETH/USDT", 100);
    const order = await client.createOrder("ETH/USDT", "market", "buy", "1.23456789");
    expect(order.status).toBe("closed");
    expect(order.amount).toBe("1.2345");
    expect(order.filled).toBe("1.2345");
    expect(order.remaining).toBe("0");
    const [fill] = order.trades;
    expect(fill).toBeDefined();
    const price = dec(fill!.price);
    expect(price.gte(book.asks[0]![0])).toBe(true);
    expect(price.lte(book.asks.at(-1)![0])).toBe(true);
    expect(fill!.cost).toBe(price.times("1.2345").toFixed());
    expect(fill!.fee.currency).toBe("USDT");
    expect(dec(fill!.fee.cost).toNumber()).toBeCloseTo(dec(fill!.cost).toNumber() * 0.001, 6);
    expect(fill!.takerOrMaker).toBe("taker");

    const after = await client.fetchBalance();
    expect(dec(after.total.USDT).toFixed()).toBe(dec(before.total.USDT).minus(fill!.cost).minus(fill!.fee.cost).toFixed());
    expect(dec(after.total.ETH).minus(dec(before.total.ETH)).toFixed()).toBe("1.2345");

    const mine = await client.fetchMyTrades("ETH/USDT");
    expect(mine.at(-1)).toEqual(fill);
  });

  test("a sell returns cost minus fee", async () => {
    const { client } = setup();
    await client.createOrder("SOL/USDT", "market", "buy", "2");
    const before = await client.fetchBalance();
    const order = await client.createOrder("SOL/USDT", "market", "sell", "1.5");
    const fill = order.trades[0]!;
    expect(fill.side).toBe("sell");
    expect(dec(fill.price).lte((await client.fetchTicker("SOL/USDT")).bid)).toBe(true);
    const after = await client.fetchBalance();
    expect(dec(after.total.USDT).toFixed()).toBe(dec(before.total.USDT).plus(fill.cost).minus(fill.fee.cost).toFixed());
    expect(dec(before.total.SOL).minus(dec(after.total.SOL)).toFixed()).toBe("1.5");
  });

  test("bigger orders walk deeper into the book", async () => {
    const { client } = setup({ apiKey: "demo-whale" });
    const book = await client.fetchOrderBook("INJ/USDT", 20);
    const small = await client.createOrder("INJ/USDT", "market", "buy", "1");
    expect(small.average).toBe(String(book.asks[0]![0]));
    const amount = Math.floor(8000 / book.asks[0]![0]);
    expect(amount).toBeGreaterThan(book.asks[0]![1] + book.asks[1]![1]);
    const large = await client.createOrder("INJ/USDT", "market", "buy", String(amount));
    expect(large.trades.length).toBeGreaterThan(2);
    expect(large.trades.map((fill) => Number(fill.price))).toEqual(book.asks.slice(0, large.trades.length).map(([price]) => price));
    expect(large.trades.slice(0, -1).map((fill) => Number(fill.amount))).toEqual(book.asks.slice(0, large.trades.length - 1).map(([, size]) => size));
    expect(dec(large.average).gt(book.asks[1]![0])).toBe(true);
    expect(dec(large.average).lt(book.asks[19]![0])).toBe(true);
    const cost = large.trades.reduce((sum, fill) => sum.plus(fill.cost), new Decimal(0));
    expect(large.cost).toBe(cost.toFixed());
    expect(large.fee!.cost).toBe(large.trades.reduce((sum, fill) => sum.plus(fill.fee.cost), new Decimal(0)).toFixed());
  });

  test("orders beyond the free balance are refused and change nothing", async () => {
    const { client } = setup();
    const before = await client.fetchBalance();
    await expect(client.createOrder("BTC/USDT", "market", "buy", "1")).rejects.toBeInstanceOf(InsufficientFundsError);
    await expect(client.createOrder("SHIB/USDT", "market", "sell", "1000000")).rejects.toBeInstanceOf(InsufficientFundsError);
    expect(await client.fetchBalance()).toEqual(before);
    expect((await client.fetchMyTrades()).filter((trade) => !trade.id.startsWith("hist-"))).toEqual([]);
  });

  test.each([
    ["0", undefined],
    ["-1", undefined],
    ["abc", undefined],
    ["1e3", undefined],
    ["0.000001", undefined],
    ["0.00001", undefined],
  ])("refuses amount %j (below minimum amount or value, or not a decimal)", async (amount, price) => {
    const { client } = setup();
    await expect(client.createOrder("BTC/USDT", "market", "buy", amount, price)).rejects.toBeInstanceOf(InvalidOrderError);
  });

  test("refuses a limit order without a valid price, and unknown types", async () => {
    const { client } = setup();
    await expect(client.createOrder("BTC/USDT", "limit", "buy", "0.001")).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(client.createOrder("BTC/USDT", "limit", "buy", "0.001", "-5")).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(client.createOrder("BTC/USDT", "stop" as "limit", "buy", "0.001", "1")).rejects.toBeInstanceOf(InvalidOrderError);
  });
});

describe("limit orders", () => {
  test("a marketable limit fills at once, never worse than its price", async () => {
    const { client } = setup();
    const ticker = await client.fetchTicker("ETH/USDT");
    const order = await client.createOrder("ETH/USDT", "limit", "buy", "0.5", String(ticker.ask * 1.01));
    expect(order.status).toBe("closed");
    expect(dec(order.average).lte(ticker.ask * 1.01)).toBe(true);
  });

  test("a resting buy reserves funds and fills as maker when the price trades through it", async () => {
    const { client, clock } = setup();
    const future = createDemoExchange({ seed: 42, now: () => NOW + 3 * DAY });
    const path = await future.fetchOHLCV("ETH/USDT", "1h", NOW, 72);
    const ask = (await client.fetchTicker("ETH/USDT")).ask;
    const low = Math.min(...path.map((candle) => candle.low));
    expect(low).toBeLessThan(ask);
    const limit = ((ask + low) / 2).toFixed(2);

    const order = await client.createOrder("ETH/USDT", "limit", "buy", "1", limit);
    expect(order.status).toBe("open");
    expect(order.price).toBe(dec(limit).toFixed());
    const reserved = await client.fetchBalance();
    const expectedReserve = dec(limit).plus(dec(limit).times("0.001").toDecimalPlaces(8, Decimal.ROUND_UP));
    expect(reserved.used.USDT).toBe(expectedReserve.toFixed());
    expect(await client.fetchOpenOrders!()).toHaveLength(1);

    clock.now = NOW + 3 * DAY;
    const open = await client.fetchOpenOrders!("ETH/USDT");
    expect(open).toEqual([]);
    const fill = (await client.fetchMyTrades("ETH/USDT")).at(-1)!;
    expect(fill.order).toBe(order.id);
    expect(fill.takerOrMaker).toBe("maker");
    expect(fill.price).toBe(dec(limit).toFixed());
    expect(fill.timestamp).toBeGreaterThan(NOW);
    const priceAtFill = (await createDemoExchange({ seed: 42, now: () => fill.timestamp }).fetchTicker("ETH/USDT")).last;
    expect(priceAtFill).toBeLessThanOrEqual(Number(limit));

    const after = await client.fetchBalance();
    expect(after.used.USDT).toBe("0");
    expect(dec(after.total.USDT).toFixed()).toBe(dec(reserved.total.USDT).minus(expectedReserve).toFixed());
  });

  test("cancel releases the reservation; a second cancel is OrderNotFound", async () => {
    const { client } = setup();
    const before = await client.fetchBalance();
    const bid = (await client.fetchTicker("BTC/USDT")).bid;
    const order = await client.createOrder("BTC/USDT", "limit", "buy", "0.01", (bid * 0.5).toFixed(2));
    expect(dec((await client.fetchBalance()).used.USDT).gt(0)).toBe(true);
    const canceled = await client.cancelOrder!(order.id);
    expect(canceled.status).toBe("canceled");
    expect(await client.fetchBalance()).toEqual(before);
    await expect(client.cancelOrder!(order.id)).rejects.toBeInstanceOf(OrderNotFoundError);
    await expect(client.cancelOrder!("nope")).rejects.toBeInstanceOf(OrderNotFoundError);
  });

  test("a resting sell reserves the coin", async () => {
    const { client } = setup();
    await client.createOrder("XRP/USDT", "market", "buy", "100");
    const ask = (await client.fetchTicker("XRP/USDT")).ask;
    await client.createOrder("XRP/USDT", "limit", "sell", "60", (ask * 2).toFixed(4));
    const balance = await client.fetchBalance();
    expect(dec(balance.used.XRP).toFixed()).toBe("60");
    await expect(client.createOrder("XRP/USDT", "market", "sell", String(dec(balance.free.XRP).plus(1)))).rejects.toBeInstanceOf(InsufficientFundsError);
  });
});

describe("trade history", () => {
  const isHistory = (trade: MyTrade) => trade.id.startsWith("hist-");

  test("a fresh account has round-trip fills from the 90 days before it was first used", async () => {
    const { client } = setup();
    const trades = await client.fetchMyTrades(undefined, undefined, 10_000);
    expect(trades.length).toBeGreaterThan(10);
    expect(new Set(trades.map((trade) => trade.id)).size).toBe(trades.length);
    const net = new Map<string, Decimal>();
    for (const trade of trades) {
      expect(isHistory(trade)).toBe(true);
      expect(trade.timestamp).toBeLessThan(NOW);
      expect(trade.timestamp).toBeGreaterThanOrEqual(NOW - 90 * DAY);
      expect(trade.cost).toBe(dec(trade.price).times(trade.amount).toFixed());
      const signed = dec(trade.amount).times(trade.side === "buy" ? 1 : -1);
      net.set(trade.symbol, (net.get(trade.symbol) ?? new Decimal(0)).plus(signed));
    }
    for (const quantity of net.values()) expect(quantity.isZero()).toBe(true);
    for (let i = 1; i < trades.length; i++) expect(trades[i]!.timestamp).toBeGreaterThanOrEqual(trades[i - 1]!.timestamp);
  });

  test("historical fills keep their ids across restarts and later starts", async () => {
    const first = await setup().client.fetchMyTrades(undefined, undefined, 10_000);
    const restarted = await setup().client.fetchMyTrades(undefined, undefined, 10_000);
    expect(restarted).toEqual(first);
    const later = await setup({ at: NOW + 10 * DAY }).client.fetchMyTrades(undefined, undefined, 10_000);
    const laterById = new Map(later.map((trade) => [trade.id, trade]));
    const overlap = first.filter((trade) => trade.timestamp >= NOW - 80 * DAY);
    expect(overlap.length).toBeGreaterThan(0);
    for (const trade of overlap) expect(laterById.get(trade.id)).toEqual(trade);
  });

  test("since and limit page like ccxt", async () => {
    const { client } = setup();
    const all = await client.fetchMyTrades(undefined, undefined, 10_000);
    expect(await client.fetchMyTrades(undefined, undefined, 3)).toEqual(all.slice(-3));
    const since = all[5]!.timestamp;
    expect(await client.fetchMyTrades(undefined, since, 2)).toEqual(all.filter((trade) => trade.timestamp >= since).slice(0, 2));
    const symbol = all[0]!.symbol;
    expect(await client.fetchMyTrades(symbol, undefined, 10_000)).toEqual(all.filter((trade) => trade.symbol === symbol));
  });

  test("live fills come after history and have ids that cannot collide with it", async () => {
    const { client, clock } = setup();
    clock.now += HOUR;
    const order = await client.createOrder("DOGE/USDT", "market", "buy", "100");
    const trades = await client.fetchMyTrades();
    expect(trades.at(-1)!.id).toBe(order.trades[0]!.id);
    expect(isHistory(trades.at(-1)!)).toBe(false);
    expect(order.id).toMatch(/^demo-[0-9a-f]{8}-/);
  });
});

describe("ExchangeClient shape", () => {
  test("exposes the interface's methods", () => {
    const client: ExchangeClient = setup().client;
    for (const method of ["loadMarkets", "fetchTicker", "fetchTickers", "fetchOrderBook", "fetchTrades", "fetchOHLCV", "fetchBalance", "fetchMyTrades", "createOrder", "cancelOrder", "fetchOpenOrders", "close"] as const) {
      expect(typeof client[method]).toBe("function");
    }
  });
});
