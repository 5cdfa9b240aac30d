import { AppError, type ErrorCode } from "@/lib/errors";

// Typed failures every ExchangeClient throws (the demo exchange directly, the ccxt adapter by mapping
// ccxt's error classes). Messages are safe to show: they never contain keys, secrets or raw responses.
// `code` is the API.md error code the route layer answers with (see toAppError). Names are literal
// strings because production bundles minify class names.

type ExchangeErrorOptions = { exchange?: string; cause?: unknown };

export abstract class ExchangeError extends Error {
  override readonly name: string = "ExchangeError";
  abstract readonly code: ErrorCode;
  readonly exchange: string | undefined;

  constructor(message: string, options: ExchangeErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.exchange = options.exchange;
  }

  toAppError(): AppError {
    return new AppError(this.code, this.message, { cause: this });
  }
}

/** The exchange rejected the credentials (unknown key, bad signature, missing permission). 422. */
export class ExchangeAuthError extends ExchangeError {
  override readonly name = "ExchangeAuthError";
  readonly code = "EXCHANGE_AUTH_FAILED" as const;
}

/** The exchange is down, in maintenance, or answered with something we cannot use. 502. */
export class ExchangeUnavailableError extends ExchangeError {
  override readonly name = "ExchangeUnavailableError";
  readonly code = "EXCHANGE_UNAVAILABLE" as const;
}

/** The exchange did not answer in time. 504. */
export class ExchangeTimeoutError extends ExchangeError {
  override readonly name = "ExchangeTimeoutError";
  readonly code = "EXCHANGE_TIMEOUT" as const;
}

/** The exchange does not list this symbol. 404. */
export class BadSymbolError extends ExchangeError {
  override readonly name = "BadSymbolError";
  readonly code = "NOT_FOUND" as const;
  readonly symbol: string;

  constructor(symbol: string, options: ExchangeErrorOptions = {}) {
    super(`Unknown market: ${symbol}`, options);
    this.symbol = symbol;
  }
}

/** Not enough free balance for the order. 422. */
export class InsufficientFundsError extends ExchangeError {
  override readonly name = "InsufficientFundsError";
  readonly code = "INSUFFICIENT_HOLDINGS" as const;
}

/** The order breaks a market rule (amount below minimum, bad price, unsupported type). 422. */
export class InvalidOrderError extends ExchangeError {
  override readonly name = "InvalidOrderError";
  readonly code = "UNPROCESSABLE" as const;
}

/** The order does not exist or is no longer open. 404. */
export class OrderNotFoundError extends ExchangeError {
  override readonly name = "OrderNotFoundError";
  readonly code = "NOT_FOUND" as const;
}

export function isExchangeError(error: unknown): error is ExchangeError {
  return error instanceof ExchangeError;
}
