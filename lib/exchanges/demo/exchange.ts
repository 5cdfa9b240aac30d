import { ExchangeAuthError, ExchangeTimeoutError, ExchangeUnavailableError } from "../errors";
import type { Balance, Candle, ExchangeClient, Market, MyTrade, Order, OrderBook, OrderSide, OrderType, PublicTrade, Ticker, Timeframe } from "../types";
import { DemoAccount, demoAccounts, type DemoAccountStore } from "./account";
import { getDemoMarket } from "./market-data";

export const DEMO_EXCHANGE_ID = "demo";
export const DEMO_KEY_PREFIX = "demo-";
/** Keys that make every call fail, so the app's error paths can be exercised offline. */
export const DEMO_UNAVAILABLE_KEY = "demo-unavailable";
export const DEMO_TIMEOUT_KEY = "demo-timeout";

export type DemoExchangeOptions = {
  /** Selects the simulated price history; the same seed gives the same prices at the same time. */
  seed?: number;
  /** Clock in epoch milliseconds; inject one to control time in tests. */
  now?: () => number;
  /** Needed for account calls; any key starting with "demo-" is accepted, the secret is not checked. */
  apiKey?: string;
  /** Where account state lives; defaults to the process-wide store. */
  accounts?: DemoAccountStore;
};

export function isDemoApiKey(apiKey: string): boolean {
  return apiKey.startsWith(DEMO_KEY_PREFIX) && apiKey.length > DEMO_KEY_PREFIX.length;
}

/** The simulated exchange behind the ExchangeClient interface: offline, deterministic for a seed. */
export function createDemoExchange({ seed = 42, now = Date.now, apiKey, accounts = demoAccounts }: DemoExchangeOptions = {}): ExchangeClient {
  const market = getDemoMarket(seed);

  const checkFaults = () => {
    if (apiKey === DEMO_UNAVAILABLE_KEY) throw new ExchangeUnavailableError("The demo exchange is unavailable (simulated).", { exchange: DEMO_EXCHANGE_ID });
    if (apiKey === DEMO_TIMEOUT_KEY) throw new ExchangeTimeoutError("The demo exchange did not answer in time (simulated).", { exchange: DEMO_EXCHANGE_ID });
  };

  const account = (): DemoAccount => {
    checkFaults();
    if (apiKey === undefined || apiKey === "") {
      throw new ExchangeAuthError("An API key is required for account data.", { exchange: DEMO_EXCHANGE_ID });
    }
    if (!isDemoApiKey(apiKey)) {
      throw new ExchangeAuthError('Invalid API key: demo keys start with "demo-".', { exchange: DEMO_EXCHANGE_ID });
    }
    return new DemoAccount(accounts.open(seed, apiKey, now()), market);
  };

  const publicCall = <T>(run: () => T): Promise<T> => {
    try {
      checkFaults();
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  };

  const privateCall = <T>(run: (account: DemoAccount) => T): Promise<T> => publicCall(() => run(account()));

  return {
    id: DEMO_EXCHANGE_ID,
    loadMarkets: (): Promise<Market[]> => publicCall(() => market.markets()),
    fetchTicker: (symbol: string): Promise<Ticker> => publicCall(() => market.ticker(symbol, now())),
    fetchTickers: (symbols?: readonly string[]): Promise<Record<string, Ticker>> =>
      publicCall(() => {
        const at = now();
        const tickers: Record<string, Ticker> = {};
        for (const symbol of symbols ?? market.symbols()) tickers[symbol] = market.ticker(symbol, at);
        return tickers;
      }),
    fetchOrderBook: (symbol: string, depth?: number): Promise<OrderBook> => publicCall(() => market.orderBook(symbol, now(), depth)),
    fetchTrades: (symbol: string, since?: number, limit?: number): Promise<PublicTrade[]> => publicCall(() => market.trades(symbol, now(), since, limit)),
    fetchOHLCV: (symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Candle[]> =>
      publicCall(() => market.ohlcv(symbol, timeframe, now(), since, limit)),
    fetchBalance: (): Promise<Balance> => privateCall((demo) => demo.balance(now())),
    fetchMyTrades: (symbol?: string, since?: number, limit?: number): Promise<MyTrade[]> =>
      privateCall((demo) => {
        if (symbol !== undefined) market.market(symbol);
        return demo.myTrades(now(), symbol, since, limit);
      }),
    createOrder: (symbol: string, type: OrderType, side: OrderSide, amount: string, price?: string): Promise<Order> =>
      privateCall((demo) => demo.createOrder(now(), symbol, type, side, amount, price)),
    cancelOrder: (id: string, symbol?: string): Promise<Order> => privateCall((demo) => demo.cancelOrder(now(), id, symbol)),
    fetchOpenOrders: (symbol?: string): Promise<Order[]> => privateCall((demo) => demo.openOrders(now(), symbol)),
    close: (): Promise<void> => Promise.resolve(),
  };
}
