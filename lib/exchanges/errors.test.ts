import { expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import {
  BadSymbolError,
  ExchangeAuthError,
  ExchangeTimeoutError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  OrderNotFoundError,
  isExchangeError,
} from "./errors";

test.each([
  [new ExchangeAuthError("bad key"), "EXCHANGE_AUTH_FAILED", 422],
  [new ExchangeUnavailableError("down"), "EXCHANGE_UNAVAILABLE", 502],
  [new ExchangeTimeoutError("slow"), "EXCHANGE_TIMEOUT", 504],
  [new BadSymbolError("NOPE/USDT"), "NOT_FOUND", 404],
  [new InsufficientFundsError("poor"), "INSUFFICIENT_HOLDINGS", 422],
  [new InvalidOrderError("tiny"), "UNPROCESSABLE", 422],
  [new OrderNotFoundError("gone"), "NOT_FOUND", 404],
])("%s maps to %s (%i)", (error, code, status) => {
  expect(isExchangeError(error)).toBe(true);
  expect(error).toBeInstanceOf(Error);
  const app = error.toAppError();
  expect(app).toBeInstanceOf(AppError);
  expect(app.code).toBe(code);
  expect(app.status).toBe(status);
  expect(app.message).toBe(error.message);
  expect(app.cause).toBe(error);
});

test("errors keep their class name and the exchange", () => {
  const error = new ExchangeAuthError("bad key", { exchange: "binance" });
  expect(error.name).toBe("ExchangeAuthError");
  expect(error.exchange).toBe("binance");
  expect(new BadSymbolError("X/Y").symbol).toBe("X/Y");
  expect(isExchangeError(new Error("plain"))).toBe(false);
});
