import * as ccxt from "ccxt";
import { describe, expect, test } from "vitest";
import {
  BadSymbolError,
  ExchangeAuthError,
  ExchangeTimeoutError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  OrderNotFoundError,
  type ExchangeError,
} from "../errors";
import { extractExchangeReason, mapCcxtError, redactCcxtMessage } from "./errors";

const API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
const SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
const SIGNATURE = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71";
const SIGNED_URL = `https://api.binance.com/api/v3/account?timestamp=1750000000000&recvWindow=10000&signature=${SIGNATURE}`;

const context = { exchange: "binance", exchangeName: "Binance", secrets: [API_KEY, SECRET, undefined], symbol: "BTC/USDT" };
const body = (code: number, msg: string) => JSON.stringify({ code, msg });

type ErrorClass = abstract new (...args: never[]) => ExchangeError;

describe("mapCcxtError", () => {
  test.each<[string, Error, ErrorClass, boolean?]>([
    ["AuthenticationError", new ccxt.AuthenticationError(`binance ${body(-2015, "Invalid API-key, IP, or permissions for action.")}`), ExchangeAuthError],
    ["PermissionDenied", new ccxt.PermissionDenied("binance permission denied"), ExchangeAuthError],
    ["AccountSuspended", new ccxt.AccountSuspended("binance suspended"), ExchangeAuthError],
    ["RequestTimeout", new ccxt.RequestTimeout(`binance GET ${SIGNED_URL} request timed out (1500 ms)`), ExchangeTimeoutError],
    ["NetworkError", new ccxt.NetworkError(`binance GET ${SIGNED_URL} fetch failed: connect ECONNREFUSED`), ExchangeUnavailableError],
    ["ExchangeNotAvailable", new ccxt.ExchangeNotAvailable(`binance GET ${SIGNED_URL} 503 Service Unavailable`), ExchangeUnavailableError],
    ["OnMaintenance", new ccxt.OnMaintenance("binance maintenance"), ExchangeUnavailableError],
    ["DDoSProtection", new ccxt.DDoSProtection("binance 418"), ExchangeUnavailableError],
    ["RateLimitExceeded", new ccxt.RateLimitExceeded("binance 429"), ExchangeUnavailableError],
    ["InvalidNonce", new ccxt.InvalidNonce(`binance ${body(-1021, "Timestamp for this request is outside of the recvWindow.")}`), ExchangeUnavailableError],
    ["BadSymbol", new ccxt.BadSymbol("binance does not have market symbol BTC/USDT"), BadSymbolError],
    ["InsufficientFunds", new ccxt.InsufficientFunds("binance Account has insufficient balance for requested action."), InsufficientFundsError],
    ["InvalidOrder", new ccxt.InvalidOrder(`binance order amount should be evenly divisible by lot size ${body(-1013, "Filter failure: LOT_SIZE")}`), InvalidOrderError],
    ["OrderNotFound", new ccxt.OrderNotFound(`binance ${body(-2011, "Unknown order sent.")}`), OrderNotFoundError],
    ["BadRequest outside an order", new ccxt.BadRequest(`binance ${body(-1102, "Mandatory parameter")}`), ExchangeUnavailableError],
    ["BadRequest on an order", new ccxt.BadRequest(`binance ${body(-1102, "Mandatory parameter 'quantity'")}`), InvalidOrderError, true],
    ["ArgumentsRequired on an order", new ccxt.ArgumentsRequired("binance cancelOrder() requires a symbol argument"), InvalidOrderError, true],
    ["ExchangeError", new ccxt.ExchangeError("binance something odd"), ExchangeUnavailableError],
    ["BadResponse", new ccxt.BadResponse("binance <html>"), ExchangeUnavailableError],
  ])("%s", (_name, error, expected, isOrder = false) => {
    const mapped = mapCcxtError(error, { ...context, isOrder });
    expect(mapped).toBeInstanceOf(expected);
    expect((mapped as ExchangeError).exchange).toBe("binance");
    expect((mapped as Error).cause).toBeInstanceOf(Error);
    expect(((mapped as Error).cause as Error).name).toBe(error.name);
  });

  test("BadSymbol carries the requested symbol", () => {
    expect((mapCcxtError(new ccxt.BadSymbol("binance does not have market symbol DOGE/EUR"), { ...context, symbol: "DOGE/EUR" }) as BadSymbolError).symbol).toBe("DOGE/EUR");
  });

  test("an order rejection keeps the exchange's one-line reason", () => {
    const mapped = mapCcxtError(new ccxt.InvalidOrder(`binance order amount should be evenly divisible by lot size ${body(-1013, "Filter failure: LOT_SIZE")}`), context) as Error;
    expect(mapped.message).toBe("Binance rejected the order. Binance said: Filter failure: LOT_SIZE");
  });

  test("errors that are not ccxt's pass through untouched", () => {
    const bug = new TypeError("x is undefined");
    expect(mapCcxtError(bug, context)).toBe(bug);
    const ours = new ExchangeAuthError("already mapped");
    expect(mapCcxtError(ours, context)).toBe(ours);
  });

  test("neither the message nor the cause keeps the key, the secret, a signed URL or a digest", () => {
    const raw = `binance GET ${SIGNED_URL} 401 Unauthorized {"code":-2015,"msg":"Invalid API-key ${API_KEY}"} secret ${SECRET}`;
    for (const ErrorClass of [ccxt.AuthenticationError, ccxt.ExchangeNotAvailable, ccxt.RequestTimeout, ccxt.InvalidOrder, ccxt.ExchangeError]) {
      const mapped = mapCcxtError(new ErrorClass(raw), context) as Error;
      const everything = `${mapped.message} ${(mapped.cause as Error).message} ${(mapped.cause as Error).stack ?? ""} ${mapped.stack ?? ""}`;
      expect(everything).not.toContain(SECRET);
      expect(everything).not.toContain(API_KEY);
      expect(everything).not.toContain(SIGNATURE);
      expect(everything).not.toContain("signature=");
      expect(everything).not.toContain("timestamp=");
    }
  });
});

describe("redactCcxtMessage", () => {
  test.each([
    [`binance GET ${SIGNED_URL} 503`, "binance GET https://api.binance.com/api/v3/account 503"],
    ["POST body timestamp=1&signature=abc123&x=1", "POST body timestamp=1&signature=[redacted]&x=1"],
    [`digest ${SIGNATURE} end`, "digest [redacted] end"],
    [`key ${API_KEY}`, "key [redacted]"],
    ["apiKey=abcd&passphrase=hunter2", "apiKey=[redacted]&passphrase=[redacted]"],
    ["plain message", "plain message"],
  ])("%s", (input, expected) => {
    expect(redactCcxtMessage(input, [API_KEY, SECRET])).toBe(expected);
  });

  test("short secrets are not used as patterns, long messages are cut", () => {
    expect(redactCcxtMessage("a b c", ["a"])).toBe("a b c");
    expect(redactCcxtMessage("x".repeat(2000)).length).toBeLessThanOrEqual(501);
  });
});

test.each([
  [`binance ${body(-1013, "Filter failure: LOT_SIZE")}`, "Filter failure: LOT_SIZE"],
  ['bybit {"retCode":170131,"retMsg":"Insufficient balance."}', "Insufficient balance."],
  ["binance 503 Service Unavailable", undefined],
])("extractExchangeReason %s", (message, expected) => {
  expect(extractExchangeReason(message)).toBe(expected);
});
