import { createCcxtClient, DEFAULT_TIMEOUT_MS, type ConnectedExchangeClient, type ExchangeCredentials } from "./ccxt/client";
import { createDemoExchange } from "./demo";
import { ExchangeTimeoutError } from "./errors";
import type { ExchangeId } from "./registry";

export type { ConnectedExchangeClient, ExchangeCredentials } from "./ccxt/client";
export type { KeyPermissions } from "./ccxt/permissions";

export type ExchangeClientOptions = {
  exchange: ExchangeId;
  credentials?: ExchangeCredentials;
  testnet?: boolean;
  /** Per HTTP request to the exchange. */
  timeoutMs?: number;
  /**
   * Per client call. A call can make several requests (loadMarkets, then the call itself), each bounded
   * by timeoutMs, so the whole call gets its own deadline; three requests' worth by default.
   */
  operationTimeoutMs?: number;
  /** ccxt `urls.api` replacement, for tests against a local stub. */
  urls?: Record<string, unknown>;
};

/** Rejects with ExchangeTimeoutError if `promise` has not settled after `ms`; the work itself is not cancelled. */
export function withTimeout<T>(promise: Promise<T>, ms: number, exchange?: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new ExchangeTimeoutError(`The exchange did not answer within ${Math.ceil(ms / 1000)} s.`, exchange === undefined ? {} : { exchange }));
    }, ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The simulated exchange for "demo" (the API key selects the demo account), ccxt for the rest. */
export function createExchangeClient({ exchange, credentials, testnet, timeoutMs = DEFAULT_TIMEOUT_MS, operationTimeoutMs = 3 * timeoutMs, urls }: ExchangeClientOptions): ConnectedExchangeClient {
  const client: ConnectedExchangeClient =
    exchange === "demo"
      ? createDemoExchange(credentials ? { apiKey: credentials.apiKey } : {})
      : createCcxtClient({ exchange, ...(credentials ? { credentials } : {}), ...(testnet !== undefined ? { testnet } : {}), timeoutMs, ...(urls ? { urls } : {}) });
  return withOperationTimeout(client, operationTimeoutMs);
}

function withOperationTimeout(client: ConnectedExchangeClient, ms: number): ConnectedExchangeClient {
  const bound =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      withTimeout(call(...args), ms, client.id);
  const { cancelOrder, fetchOpenOrders, fetchKeyPermissions } = client;
  return {
    id: client.id,
    loadMarkets: bound(() => client.loadMarkets()),
    fetchTicker: bound((symbol: string) => client.fetchTicker(symbol)),
    fetchTickers: bound((symbols?: readonly string[]) => client.fetchTickers(symbols)),
    fetchOrderBook: bound((symbol: string, depth?: number) => client.fetchOrderBook(symbol, depth)),
    fetchTrades: bound((symbol: string, since?: number, limit?: number) => client.fetchTrades(symbol, since, limit)),
    fetchOHLCV: bound((...args: Parameters<ConnectedExchangeClient["fetchOHLCV"]>) => client.fetchOHLCV(...args)),
    fetchBalance: bound(() => client.fetchBalance()),
    fetchMyTrades: bound((symbol?: string, since?: number, limit?: number) => client.fetchMyTrades(symbol, since, limit)),
    createOrder: bound((...args: Parameters<ConnectedExchangeClient["createOrder"]>) => client.createOrder(...args)),
    ...(cancelOrder ? { cancelOrder: bound((id: string, symbol?: string) => cancelOrder.call(client, id, symbol)) } : {}),
    ...(fetchOpenOrders ? { fetchOpenOrders: bound((symbol?: string) => fetchOpenOrders.call(client, symbol)) } : {}),
    ...(fetchKeyPermissions ? { fetchKeyPermissions: bound(() => fetchKeyPermissions.call(client)) } : {}),
    close: () => client.close(),
  };
}
