import { beforeAll, describe, expect, test } from "vitest";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as candles } from "./candles/[symbol]/route";
import { GET as liquidations } from "./liquidations/[symbol]/route";
import { GET as orderbook } from "./orderbook/[symbol]/route";
import { GET as ticker } from "./ticker/[symbol]/route";
import { GET as tickers } from "./tickers/route";

let token = "";

beforeAll(async () => {
  const email = uniqueEmail("market");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  expect(res.status).toBe(200);
  token = res.body.data.accessToken;
});

const tickerShape = {
  exchange: "demo",
  symbol: expect.stringMatching(/^[A-Z0-9]+-USDT$/),
  last: expect.any(Number),
  bid: expect.any(Number),
  ask: expect.any(Number),
  open24h: expect.any(Number),
  high24h: expect.any(Number),
  low24h: expect.any(Number),
  change24hPct: expect.any(Number),
  volume24h: expect.any(Number),
  quoteVolume24h: expect.any(Number),
  timestamp: expect.any(Number),
};

describe("market routes need a session", () => {
  test.each([
    ["GET /market/tickers", tickers, {}],
    ["GET /market/ticker/:symbol", ticker, { symbol: "BTC-USDT" }],
    ["GET /market/orderbook/:symbol", orderbook, { symbol: "BTC-USDT" }],
    ["GET /market/candles/:symbol", candles, { symbol: "BTC-USDT" }],
    ["GET /market/liquidations/:symbol", liquidations, { symbol: "BTC-USDT" }],
  ] as const)("%s answers 401 UNAUTHENTICATED without a token", async (_name, handler, params) => {
    const res = await call(handler, "GET", "/api/v1/market/x", { params });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("GET /market/tickers", () => {
  test("every tracked symbol by default; a chosen list in its order", async () => {
    const all = await call(tickers, "GET", "/api/v1/market/tickers", { token });
    expect(all.status).toBe(200);
    expect(all.body.data).toHaveLength(26);
    expect(all.body.data[0]).toEqual(tickerShape);
    const some = await call(tickers, "GET", "/api/v1/market/tickers", { token, query: { symbols: "ETH-USDT,btc-usdt", exchange: "demo" } });
    expect(some.status).toBe(200);
    expect(some.body.data.map((t: { symbol: string }) => t.symbol)).toEqual(["ETH-USDT", "BTC-USDT"]);
    const blank = await call(tickers, "GET", "/api/v1/market/tickers", { token, query: { symbols: "", exchange: "" } });
    expect(blank.status).toBe(200);
    expect(blank.body.data).toHaveLength(26);
  });

  test("an unknown symbol or exchange is 404", async () => {
    const symbol = await call(tickers, "GET", "/api/v1/market/tickers", { token, query: { symbols: "BTC-USDT,NOPE-USDT" } });
    expect(symbol.status).toBe(404);
    expect(symbol.body.error.code).toBe("NOT_FOUND");
    const exchange = await call(tickers, "GET", "/api/v1/market/tickers", { token, query: { exchange: "kraken" } });
    expect(exchange.status).toBe(404);
  });
});

describe("GET /market/ticker/:symbol", () => {
  test("one ticker; unknown or malformed symbols are 404", async () => {
    const res = await call(ticker, "GET", "/api/v1/market/ticker/BTC-USDT", { token, params: { symbol: "BTC-USDT" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ...tickerShape, symbol: "BTC-USDT" });
    expect(res.body.data.bid).toBeLessThanOrEqual(res.body.data.ask);
    for (const symbol of ["DOGE-EUR", "BTCUSDT", "../../etc"]) {
      const missing = await call(ticker, "GET", `/api/v1/market/ticker/${symbol}`, { token, params: { symbol } });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("NOT_FOUND");
    }
  });
});

describe("GET /market/orderbook/:symbol", () => {
  test("depth levels a side, best first; depth above 100 is 400", async () => {
    const res = await call(orderbook, "GET", "/api/v1/market/orderbook/ETH-USDT", { token, params: { symbol: "ETH-USDT" }, query: { depth: "5" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ symbol: "ETH-USDT", timestamp: expect.any(Number) });
    const { bids, asks } = res.body.data as { bids: [number, number][]; asks: [number, number][] };
    expect(bids).toHaveLength(5);
    expect(asks).toHaveLength(5);
    expect(bids[0]![0]).toBeLessThan(asks[0]![0]);
    expect(bids[0]![0]).toBeGreaterThan(bids[4]![0]);
    expect(asks[0]![0]).toBeLessThan(asks[4]![0]);
    const tooDeep = await call(orderbook, "GET", "/api/v1/market/orderbook/ETH-USDT", { token, params: { symbol: "ETH-USDT" }, query: { depth: "101" } });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.error.code).toBe("VALIDATION_ERROR");
    const unknown = await call(orderbook, "GET", "/api/v1/market/orderbook/NOPE-USDT", { token, params: { symbol: "NOPE-USDT" } });
    expect(unknown.status).toBe(404);
  });
});

describe("GET /market/candles/:symbol", () => {
  test.each(["1m", "5m", "15m", "1h", "4h", "1d"])("timeframe %s: limit candles, oldest first, aligned", async (timeframe) => {
    const res = await call(candles, "GET", "/api/v1/market/candles/SOL-USDT", { token, params: { symbol: "SOL-USDT" }, query: { timeframe, limit: "30" } });
    expect(res.status).toBe(200);
    const bars = res.body.data as { time: number; open: number; high: number; low: number; close: number; volume: number }[];
    expect(bars).toHaveLength(30);
    const stepMs = { "1m": 60_000, "5m": 300_000, "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000, "1d": 86_400_000 }[timeframe]!;
    for (const [i, bar] of bars.entries()) {
      expect(bar).toEqual({ time: expect.any(Number), open: expect.any(Number), high: expect.any(Number), low: expect.any(Number), close: expect.any(Number), volume: expect.any(Number) });
      expect(bar.time % stepMs).toBe(0);
      expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
      expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
      if (i > 0) expect(bar.time - bars[i - 1]!.time).toBe(stepMs);
    }
    expect(bars.at(-1)!.time).toBe(Math.floor(Date.now() / stepMs) * stepMs);
  });

  test("a bad timeframe or limit is 400; an unknown symbol is 404", async () => {
    for (const query of [{ timeframe: "2m" }, { timeframe: "1h", limit: "1001" }, { limit: "0" }, { limit: "ten" }] as Record<string, string>[]) {
      const res = await call(candles, "GET", "/api/v1/market/candles/BTC-USDT", { token, params: { symbol: "BTC-USDT" }, query });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_ERROR");
    }
    const unknown = await call(candles, "GET", "/api/v1/market/candles/NOPE-USDT", { token, params: { symbol: "NOPE-USDT" }, query: { timeframe: "1h" } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe("NOT_FOUND");
  });

  test("the maximum of 1000 daily candles", async () => {
    const res = await call(candles, "GET", "/api/v1/market/candles/BTC-USDT", { token, params: { symbol: "BTC-USDT" }, query: { timeframe: "1d", limit: "1000" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1000);
  });
});

describe("GET /market/liquidations/:symbol", () => {
  test("estimated levels around the current price, labelled as such", async () => {
    const res = await call(liquidations, "GET", "/api/v1/market/liquidations/BTC-USDT", { token, params: { symbol: "BTC-USDT" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kind: "estimated-levels", symbol: "BTC-USDT", method: "tier-table", price: expect.stringMatching(/^\d+(\.\d+)?$/) });
    expect(res.body.data.levels).toHaveLength(10);
    const price = Number(res.body.data.price);
    for (const level of res.body.data.levels as { side: string; leverage: number; liquidationPrice: string }[]) {
      if (level.side === "long") expect(Number(level.liquidationPrice)).toBeLessThan(price);
      else expect(Number(level.liquidationPrice)).toBeGreaterThan(price);
    }
    const other = await call(liquidations, "GET", "/api/v1/market/liquidations/DOGE-USDT", { token, params: { symbol: "DOGE-USDT" } });
    expect(other.body.data.method).toBe("flat-maintenance-rate");
    const unknown = await call(liquidations, "GET", "/api/v1/market/liquidations/NOPE-USDT", { token, params: { symbol: "NOPE-USDT" } });
    expect(unknown.status).toBe(404);
  });
});
