import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startBinanceStub, type BinanceStub, type StubAccountInput, type StubTrade } from "@/test/helpers/binance-stub";
import { createExchangeClient } from "../client";
import { BadSymbolError, ExchangeAuthError, ExchangeTimeoutError, ExchangeUnavailableError, InsufficientFundsError, InvalidOrderError, OrderNotFoundError } from "../errors";
import { clearCcxtMarketsCache, createCcxtClient, type ConnectedExchangeClient, type ExchangeCredentials } from "./client";

// The real ccxt binance client against a local server that answers and verifies like Binance spot.

const TIMEOUT_MS = 1500;
const T0 = 1_750_000_000_000;

const trade = (symbol: string, id: number, fields: Partial<StubTrade> = {}): StubTrade => ({
  symbol,
  id,
  orderId: id * 10,
  price: "65000.10",
  qty: "0.00150000",
  commission: "0.00000150",
  commissionAsset: "BTC",
  time: T0 + id * 60_000,
  isBuyer: true,
  isMaker: false,
  ...fields,
});

const newCredentials = (): ExchangeCredentials => ({ apiKey: `key-${randomBytes(16).toString("hex")}`, secret: randomBytes(32).toString("base64url") });

let stub: BinanceStub;
const opened: ConnectedExchangeClient[] = [];

function binance(credentials?: ExchangeCredentials, urls: Record<string, string> = stub.urls): ConnectedExchangeClient {
  const client = createCcxtClient({ exchange: "binance", ...(credentials ? { credentials } : {}), timeoutMs: TIMEOUT_MS, urls });
  opened.push(client);
  return client;
}

function withAccount(fields: Omit<StubAccountInput, "apiKey" | "secret"> = {}): ExchangeCredentials {
  const credentials = newCredentials();
  stub.addAccount({ ...credentials, ...fields });
  return credentials;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

/** Everything an error could show or log: its message, stack and cause chain. */
function everythingIn(error: Error): string {
  const parts: string[] = [];
  for (let current: unknown = error; current instanceof Error; current = current.cause) parts.push(current.name, current.message, current.stack ?? "");
  return parts.join("\n") + JSON.stringify(error);
}

beforeAll(async () => {
  stub = await startBinanceStub();
});

afterAll(async () => {
  expect(stub.unknownRequests).toEqual([]);
  await stub.close();
});

beforeEach(() => {
  clearCcxtMarketsCache();
  stub.setMode("ok");
  stub.setLatency(0);
  stub.requests.length = 0;
});

afterEach(async () => {
  stub.setMode("ok");
  await Promise.all(opened.splice(0).map((client) => client.close()));
});

describe("with a good key", () => {
  test("fetchBalance returns the account's balances as exact decimal strings, zero ones omitted", async () => {
    const credentials = withAccount({
      balances: {
        BTC: { free: "0.10000000", locked: "0.20000000" },
        USDT: { free: "1234.56789000", locked: "0.00000000" },
        SOL: { free: "0.00000075", locked: "0.00000000" },
        ETH: { free: "0.00000000", locked: "0.00000000" },
      },
    });
    const balance = await binance(credentials).fetchBalance();
    expect(balance.free).toEqual({ BTC: "0.1", USDT: "1234.56789", SOL: "0.00000075" });
    expect(balance.used).toEqual({ BTC: "0.2", USDT: "0", SOL: "0" });
    expect(balance.total).toEqual({ BTC: "0.3", USDT: "1234.56789", SOL: "0.00000075" });
    // Spot markets only and no SAPI calls while loading them; the account read is signed.
    expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /api/v3/exchangeInfo", "GET /api/v3/account"]);
    expect(stub.requests[1]?.params).toMatchObject({ timestamp: expect.stringMatching(/^\d+$/), recvWindow: "10000" });
  });

  test("fetchMyTrades returns the fills with stable ids, oldest first", async () => {
    const credentials = withAccount({
      trades: [
        trade("BTCUSDT", 102, { isBuyer: false, isMaker: true, commission: "9.75015000", commissionAsset: "USDT" }),
        trade("BTCUSDT", 101),
        trade("ETHUSDT", 201, { price: "3200.00", qty: "0.5000" }),
      ],
    });
    const client = binance(credentials);
    const trades = await client.fetchMyTrades("BTC/USDT");
    expect(trades).toEqual([
      {
        id: "101",
        order: "1010",
        symbol: "BTC/USDT",
        timestamp: T0 + 101 * 60_000,
        datetime: new Date(T0 + 101 * 60_000).toISOString(),
        side: "buy",
        type: "market",
        takerOrMaker: "taker",
        price: "65000.1",
        amount: "0.0015",
        cost: "97.50015",
        fee: { currency: "BTC", cost: "0.0000015" },
      },
      expect.objectContaining({ id: "102", order: "1020", side: "sell", type: "limit", takerOrMaker: "maker", fee: { currency: "USDT", cost: "9.75015" } }),
    ]);
    expect((await client.fetchMyTrades("BTC/USDT")).map((fill) => fill.id)).toEqual(["101", "102"]);
    expect(await client.fetchMyTrades("BTC/USDT", T0 + 102 * 60_000)).toEqual([expect.objectContaining({ id: "102" })]);
    expect(stub.requests.at(-1)?.params).toMatchObject({ symbol: "BTCUSDT", startTime: String(T0 + 102 * 60_000) });
  });

  test("fetchMyTrades without a symbol reads the markets of the currencies held", async () => {
    const credentials = withAccount({
      balances: { BTC: { free: "0.003", locked: "0" }, ETH: { free: "0.5", locked: "0" }, USDT: { free: "10", locked: "0" } },
      trades: [trade("ETHUSDT", 201, { price: "3200.00", qty: "0.5000", time: T0 }), trade("BTCUSDT", 101), trade("SOLUSDT", 301, { price: "150", qty: "1" })],
    });
    const trades = await binance(credentials).fetchMyTrades();
    expect(trades.map((fill) => `${fill.symbol} ${fill.id}`)).toEqual(["ETH/USDT 201", "BTC/USDT 101"]);
    const queried = stub.requests.filter((request) => request.path === "/api/v3/myTrades").map((request) => request.params.symbol);
    expect(queried.sort()).toEqual(["BTCUSDT", "ETHUSDT"]);
  });

  test("fetchKeyPermissions reports withdrawals, trading and the IP restriction", async () => {
    const risky = withAccount({ restrictions: { enableWithdrawals: true, enableSpotAndMarginTrading: true, ipRestrict: false } });
    expect(await binance(risky).fetchKeyPermissions!()).toMatchObject({ canWithdraw: true, canTrade: true, ipRestricted: false, raw: { enableReading: true } });
    const readOnly = withAccount({ restrictions: { ipRestrict: true } });
    expect(await binance(readOnly).fetchKeyPermissions!()).toMatchObject({ canWithdraw: false, canTrade: false, ipRestricted: true });
    expect(stub.requests.map((request) => request.path)).toEqual(["/sapi/v1/account/apiRestrictions", "/sapi/v1/account/apiRestrictions"]);
  });

  test("orders: market fills at once, limit rests and cancels, with signed POST and DELETE bodies", async () => {
    const credentials = withAccount({ balances: { USDT: { free: "1000", locked: "0" } } });
    const client = binance(credentials);

    const market = await client.createOrder("BTC/USDT", "market", "buy", "0.001");
    expect(market).toMatchObject({ symbol: "BTC/USDT", type: "market", side: "buy", status: "closed", amount: "0.001", filled: "0.001", remaining: "0" });
    expect(market.trades).toHaveLength(1);
    expect(Number(market.price)).toBeGreaterThan(60_000);
    expect((await client.fetchBalance()).total.BTC).toBe("0.000999");
    expect(await client.fetchMyTrades("BTC/USDT")).toEqual([expect.objectContaining({ order: market.id, amount: "0.001", fee: { currency: "BTC", cost: "0.000001" } })]);

    const limit = await client.createOrder("ETH/USDT", "limit", "buy", "0.1", "1000.5");
    expect(limit).toMatchObject({ type: "limit", status: "open", price: "1000.5", amount: "0.1", filled: "0" });
    expect(stub.balanceOf(credentials.apiKey, "USDT")?.locked).toBe("100.05000000");
    expect((await client.fetchOpenOrders!()).map((order) => order.id)).toEqual([limit.id]);
    expect(await client.cancelOrder!(limit.id, "ETH/USDT")).toMatchObject({ id: limit.id, status: "canceled" });
    expect(await client.fetchOpenOrders!("ETH/USDT")).toEqual([]);
    await expect(client.cancelOrder!(limit.id, "ETH/USDT")).rejects.toBeInstanceOf(OrderNotFoundError);

    const posts = stub.requests.filter((request) => request.method === "POST");
    expect(posts.map((request) => request.params.type)).toEqual(["MARKET", "LIMIT"]);
  });

  test("order rejections map to typed errors", async () => {
    const client = binance(withAccount({ balances: { USDT: { free: "10", locked: "0" } } }));
    await expect(client.createOrder("BTC/USDT", "limit", "buy", "0.001", "60000")).rejects.toBeInstanceOf(InsufficientFundsError);
    const lotSize = await failure(client.createOrder("ETH/USDT", "limit", "buy", "0.00001", "100"));
    expect(lotSize).toBeInstanceOf(InvalidOrderError);
    await expect(client.createOrder("BTC/USDT", "limit", "buy", "-1", "60000")).rejects.toBeInstanceOf(InvalidOrderError);
    await expect(client.createOrder("DOGE/USDT", "market", "buy", "1")).rejects.toMatchObject({ name: "BadSymbolError", symbol: "DOGE/USDT" });
  });
});

describe("market data", () => {
  test("markets carry Binance's filters as precision and limits", async () => {
    const markets = await binance().loadMarkets();
    expect(markets.map((market) => market.symbol)).toEqual(["BTC/USDT", "ETH/USDT", "SOL/USDT"]);
    expect(markets[0]).toEqual({
      id: "BTCUSDT",
      symbol: "BTC/USDT",
      base: "BTC",
      quote: "USDT",
      type: "spot",
      spot: true,
      active: true,
      precision: { price: 0.01, amount: 0.00001 },
      limits: { amount: { min: 0.00001, max: 9000 }, cost: { min: 5 } },
      maker: 0.001,
      taker: 0.001,
    });
  });

  test("tickers, order book, trades and candles", async () => {
    const client = binance();
    const ticker = await client.fetchTicker("BTC/USDT");
    expect(ticker.symbol).toBe("BTC/USDT");
    expect(ticker.last).toBeGreaterThan(60_000);
    expect(ticker.bid).toBeLessThan(ticker.ask);
    expect(Object.keys(await client.fetchTickers(["BTC/USDT", "ETH/USDT"])).sort()).toEqual(["BTC/USDT", "ETH/USDT"]);
    expect(Object.keys(await client.fetchTickers())).toHaveLength(3);
    const book = await client.fetchOrderBook("ETH/USDT", 5);
    expect(book.bids).toHaveLength(5);
    expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
    const trades = await client.fetchTrades("SOL/USDT");
    expect(trades.length).toBeGreaterThan(0);
    expect(trades[0]).toMatchObject({ symbol: "SOL/USDT", side: expect.stringMatching(/^(buy|sell)$/) });
    const candles = await client.fetchOHLCV("BTC/USDT", "1h", undefined, 3);
    expect(candles).toHaveLength(3);
    expect(candles[1]!.timestamp - candles[0]!.timestamp).toBe(3_600_000);
    expect(Object.keys(candles[0]!).sort()).toEqual(["close", "high", "low", "open", "timestamp", "volume"]);
    expect(stub.requests.find((request) => request.path === "/api/v3/klines")?.params).toMatchObject({ symbol: "BTCUSDT", interval: "1h", limit: "3" });
  });

  test("an unknown symbol is BadSymbolError", async () => {
    await expect(binance().fetchTicker("DOGE/EUR")).rejects.toMatchObject({ name: "BadSymbolError", symbol: "DOGE/EUR" });
    await expect(binance().fetchOHLCV("NOPE/USDT", "1m")).rejects.toBeInstanceOf(BadSymbolError);
  });

  test("loaded markets are shared between clients of the same exchange and URLs", async () => {
    await binance().fetchTicker("BTC/USDT");
    await binance().fetchTicker("ETH/USDT");
    expect(stub.requests.filter((request) => request.path === "/api/v3/exchangeInfo")).toHaveLength(1);
  });
});

describe("failures", () => {
  test("a wrong secret is ExchangeAuthError (Binance -1022)", async () => {
    const { apiKey } = withAccount();
    const error = await failure(binance({ apiKey, secret: "not-the-secret" }).fetchBalance());
    expect(error).toBeInstanceOf(ExchangeAuthError);
    expect(stub.requests.at(-1)).toMatchObject({ path: "/api/v3/account", status: 400 });
  });

  test("an unknown key is ExchangeAuthError (Binance -2015)", async () => {
    const error = await failure(binance(newCredentials()).fetchBalance());
    expect(error).toBeInstanceOf(ExchangeAuthError);
    expect(error.message).toContain("Binance rejected the API key");
    expect(stub.requests.at(-1)).toMatchObject({ path: "/api/v3/account", status: 401 });
  });

  test("no credentials at all is ExchangeAuthError before any signed request", async () => {
    await expect(binance().fetchBalance()).rejects.toBeInstanceOf(ExchangeAuthError);
    expect(stub.requests.some((request) => request.path === "/api/v3/account")).toBe(false);
  });

  test("a server answering 503 is ExchangeUnavailableError, quickly", async () => {
    stub.setMode("down");
    const started = Date.now();
    const error = await failure(binance(withAccount()).fetchBalance());
    expect(error).toBeInstanceOf(ExchangeUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a refused connection is ExchangeUnavailableError, quickly", async () => {
    const gone = await startBinanceStub();
    await gone.close();
    const started = Date.now();
    const error = await failure(binance(newCredentials(), gone.urls).fetchBalance());
    expect(error).toBeInstanceOf(ExchangeUnavailableError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("a hanging server is ExchangeTimeoutError within the configured timeout", async () => {
    stub.setMode("hang");
    const started = Date.now();
    const error = await failure(binance(withAccount()).fetchBalance());
    const elapsed = Date.now() - started;
    expect(error).toBeInstanceOf(ExchangeTimeoutError);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
  });

  test("the whole operation is bounded too: two slow requests exceed operationTimeoutMs", async () => {
    stub.setLatency(700);
    const client = createExchangeClient({ exchange: "binance", credentials: withAccount(), timeoutMs: TIMEOUT_MS, operationTimeoutMs: 1000, urls: stub.urls });
    opened.push(client);
    const started = Date.now();
    await expect(client.fetchBalance()).rejects.toBeInstanceOf(ExchangeTimeoutError);
    expect(Date.now() - started).toBeLessThan(1300);
  });

  test("a clock outside recvWindow is reported as a clock problem (Binance -1021)", async () => {
    const skewed = await startBinanceStub({ now: () => Date.now() - 60_000 });
    try {
      const credentials = newCredentials();
      skewed.addAccount(credentials);
      const error = await failure(binance(credentials, skewed.urls).fetchBalance());
      expect(error).toBeInstanceOf(ExchangeUnavailableError);
      expect(error.message).toContain("clock");
      expect(skewed.requests.at(-1)).toMatchObject({ path: "/api/v3/account", status: 400 });
    } finally {
      await skewed.close();
    }
  });

  test("no error shows the secret, the key or a signature", async () => {
    const credentials = withAccount({ balances: { USDT: { free: "1", locked: "0" } } });
    const wrongSecret = { apiKey: credentials.apiKey, secret: randomBytes(32).toString("base64url") };
    const errors: Error[] = [];
    errors.push(await failure(binance(wrongSecret).fetchBalance()));
    errors.push(await failure(binance(newCredentials()).fetchMyTrades("BTC/USDT")));
    const client = binance(credentials);
    await client.loadMarkets(); // later failures then come from signed requests, whose URLs carry signatures
    errors.push(await failure(client.createOrder("BTC/USDT", "limit", "buy", "0.001", "60000")));
    stub.setMode("down");
    errors.push(await failure(client.fetchBalance()));
    stub.setMode("hang");
    errors.push(await failure(client.fetchMyTrades("BTC/USDT")));

    expect(errors.map((error) => error.name)).toEqual(["ExchangeAuthError", "ExchangeAuthError", "InsufficientFundsError", "ExchangeUnavailableError", "ExchangeTimeoutError"]);
    for (const error of errors) {
      const shown = everythingIn(error);
      for (const secret of [credentials.secret, wrongSecret.secret, credentials.apiKey]) expect(shown).not.toContain(secret);
      expect(shown).not.toMatch(/signature=|timestamp=|[0-9a-f]{64}/i);
    }
    // The causes still tell an operator which request failed.
    expect(everythingIn(errors[3]!)).toContain(`${stub.baseUrl}/api/v3/account`);
  });
});
