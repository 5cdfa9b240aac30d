import {
  ArgumentsRequired,
  AuthenticationError,
  BadRequest,
  BadSymbol,
  BaseError,
  InsufficientFunds,
  InvalidNonce,
  DDoSProtection,
  InvalidOrder,
  NetworkError,
  NotSupported,
  OperationRejected,
  OrderNotFound,
  RateLimitExceeded,
  RequestTimeout,
} from "ccxt";
import {
  BadSymbolError,
  ExchangeAuthError,
  ExchangeTimeoutError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidOrderError,
  OrderNotFoundError,
  isExchangeError,
  type ExchangeError,
} from "../errors";

// ccxt error → our typed error. ccxt messages carry the request URL (with the signed query string)
// and the raw response, so they never become our message: each of ours is a fixed sentence, plus the
// exchange's one-line reason for order rejections. The ccxt message survives only as the `cause`,
// after redactCcxtMessage has removed query strings, signatures and the caller's credentials.

export type CcxtErrorContext = {
  exchange: string;
  /** Display name for messages, e.g. "Binance". */
  exchangeName: string;
  /** Credential values to scrub from anything kept. */
  secrets: readonly (string | undefined)[];
  symbol?: string;
  /** Order placement or cancellation: request errors then mean the order itself was refused. */
  isOrder?: boolean;
};

const REDACTED = "[redacted]";
const MAX_CAUSE_CHARS = 500;
const URL_QUERY = /(https?:\/\/[^\s?#"'<>]+)\?[^\s"'<>]*/g;
const SIGNATURE_PARAM = /\b(signature|sign|signed|hmac|api[-_]?key|apikey|access[-_]?key|passphrase|secret)=([^&\s"'<>]+)/gi;
// 64 hex characters: an HMAC-SHA256 digest such as a Binance signature.
const HEX_DIGEST = /\b[0-9a-f]{64}\b/gi;

/** Strips query strings, signature-like parameters, digests and the given secrets from `text`. */
export function redactCcxtMessage(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  result = result.replace(URL_QUERY, "$1").replace(SIGNATURE_PARAM, `$1=${REDACTED}`).replace(HEX_DIGEST, REDACTED);
  return result.length > MAX_CAUSE_CHARS ? `${result.slice(0, MAX_CAUSE_CHARS)}…` : result;
}

/** The exchange's own short reason ("Filter failure: LOT_SIZE"), if its JSON body is in the message. */
export function extractExchangeReason(message: string): string | undefined {
  const match = /"(?:msg|retMsg|message|error_message)"\s*:\s*"([^"]{1,160})"/.exec(message);
  return match?.[1];
}

function sanitizedCause(error: Error, secrets: readonly (string | undefined)[]): Error {
  const cause = new Error(redactCcxtMessage(error.message, secrets));
  cause.name = error.name;
  return cause;
}

/**
 * Maps a ccxt error to ours. Our own ExchangeErrors pass through; anything that is neither (a bug in
 * our code, a TypeError) is returned unchanged so it surfaces as an internal error.
 */
export function mapCcxtError(error: unknown, context: CcxtErrorContext): unknown {
  if (isExchangeError(error) || !(error instanceof BaseError)) return error;
  return classify(error, context, { exchange: context.exchange, cause: sanitizedCause(error, context.secrets) });
}

function classify(error: BaseError, context: CcxtErrorContext, options: { exchange: string; cause: Error }): ExchangeError {
  const name = context.exchangeName;
  const reason = extractExchangeReason(error.message);
  const withReason = (sentence: string) => (reason ? `${sentence} ${name} said: ${redactCcxtMessage(reason, context.secrets)}` : sentence);

  // Subclasses before their parents: RequestTimeout and InvalidNonce are NetworkErrors, OrderNotFound is an InvalidOrder.
  if (error instanceof AuthenticationError) {
    return new ExchangeAuthError(`${name} rejected the API key: check the key, the secret, the IP allowlist and the key's permissions.`, options);
  }
  if (error instanceof RequestTimeout) return new ExchangeTimeoutError(`${name} did not answer in time.`, options);
  if (error instanceof InvalidNonce) return new ExchangeUnavailableError(`${name} rejected the request time: check this server's clock.`, options);
  if (error instanceof DDoSProtection || error instanceof RateLimitExceeded) {
    return new ExchangeUnavailableError(`${name} is limiting requests from this server; try again in a minute.`, options);
  }
  if (error instanceof NetworkError) return new ExchangeUnavailableError(`${name} could not be reached or is unavailable.`, options);
  if (error instanceof BadSymbol) return new BadSymbolError(context.symbol ?? "unknown", options);
  if (error instanceof InsufficientFunds) return new InsufficientFundsError(`Insufficient balance on ${name} for this order.`, options);
  if (error instanceof OrderNotFound) return new OrderNotFoundError(`${name} has no open order with this id.`, options);
  if (error instanceof InvalidOrder) return new InvalidOrderError(withReason(`${name} rejected the order.`), options);
  const isRequestError = error instanceof BadRequest || error instanceof ArgumentsRequired || error instanceof OperationRejected || error instanceof NotSupported;
  if (context.isOrder && isRequestError) return new InvalidOrderError(withReason(`${name} rejected the order request.`), options);
  return new ExchangeUnavailableError(`${name} is unavailable or answered with an error.`, options);
}
