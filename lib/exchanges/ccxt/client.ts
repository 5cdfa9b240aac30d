import ccxt, { type Exchange, type MarketInterface } from "ccxt";
import { AppError } from "@/lib/errors";
import { InvalidOrderError } from "../errors";
import { SUPPORTED_EXCHANGES, type ExchangeId } from "../registry";
import type { Balance, Candle, ExchangeClient, Market, MyTrade, Order, OrderBook, OrderSide, OrderType, PublicTrade, Ticker, Timeframe } from "../types";
import { toBalance, toCandle, toMarket, toMyTrade, toOrder, toOrderBook, toPublicTrade, toTicker } from "./convert";
import { mapCcxtError } from "./errors";
import { parseBinanceApiRestrictions, type KeyPermissions } from "./permissions";

// The real exchanges behind ExchangeClient, through ccxt's unified API (spot only).
// Secrets live only inside the ccxt instance; every error leaves through mapCcxtError, which never
// keeps the secret, the key or a signed URL.

export type CcxtExchangeId = Exclude<ExchangeId, "demo">;

export type ExchangeCredentials = { apiKey: string; secret: string; password?: string };

/** ExchangeClient plus what only real exchanges can tell (see permissions.ts). */
export type ConnectedExchangeClient = ExchangeClient & { fetchKeyPermissions?(): Promise<KeyPermissions> };

export type CcxtClientOptions = {
  exchange: CcxtExchangeId;
  /** Optional for market data; account calls without them fail with ExchangeAuthError. */
  credentials?: ExchangeCredentials;
  /** ccxt's setSandboxMode(true); only for exchanges whose registry entry has hasSandbox. */
  testnet?: boolean;
  /** Per HTTP request (ccxt's `timeout`). */
  timeoutMs?: number;
  /** Replaces ccxt's `urls.api` entirely (tests point every REST family at a local stub). */
  urls?: Record<string, unknown>;
};

export const DEFAULT_TIMEOUT_MS = 10_000;
const MARKETS_TTL_MS = 60 * 60_000;
/** Quote currencies searched when fetchMyTrades has no symbol and the exchange needs one. */
const COMMON_QUOTES = ["USDT", "USDC", "FDUSD", "BTC", "ETH", "BNB", "EUR", "USD"];

const CCXT_CLASSES = {
  binance: ccxt.binance,
  bybit: ccxt.bybit,
  okx: ccxt.okx,
  mexc: ccxt.mexc,
  coinbase: ccxt.coinbase,
  kraken: ccxt.kraken,
} satisfies Record<CcxtExchangeId, new (config?: object) => Exchange>;

// Binance: spot markets only (no futures/options exchangeInfo), and no signed SAPI calls while
// loading markets: fetchCurrencies would call /sapi/v1/capital/config/getall (weight 10, absent on the
// testnet) and fetchMargins /sapi/v1/margin/allPairs + isolated/allPairs. Currencies are then derived
// from the markets, which is all balances and trades need.
const EXCHANGE_OPTIONS: Record<CcxtExchangeId, Record<string, unknown>> = {
  binance: {
    defaultType: "spot",
    fetchMarkets: { types: ["spot"] },
    fetchCurrencies: false,
    fetchMargins: false,
    fetchOpenOrders: { warnWithoutSymbol: false },
  },
  bybit: { defaultType: "spot", fetchMarkets: { types: ["spot"] } },
  okx: { defaultType: "spot", fetchMarkets: { types: ["spot"] } },
  mexc: { defaultType: "spot" },
  coinbase: {},
  kraken: {},
};

type LoadedMarkets = { markets: Exchange["markets"]; currencies: Exchange["currencies"] };

// exchangeInfo-style answers are large (megabytes on Binance), and a client is created per user and
// operation, so loaded markets are shared per exchange, environment and URL set for an hour.
const marketsCache = new Map<string, { loadedAtMs: number; loading: Promise<LoadedMarkets> }>();

export function clearCcxtMarketsCache(): void {
  marketsCache.clear();
}

export function createCcxtClient({ exchange: id, credentials, testnet = false, timeoutMs = DEFAULT_TIMEOUT_MS, urls }: CcxtClientOptions): ConnectedExchangeClient {
  const entry = SUPPORTED_EXCHANGES[id];
  if (testnet && !entry.hasSandbox) throw new AppError("VALIDATION_ERROR", `${entry.name} has no testnet.`);
  const exchange = new CCXT_CLASSES[id]({
    enableRateLimit: true,
    timeout: timeoutMs,
    options: EXCHANGE_OPTIONS[id],
    ...(credentials ? { apiKey: credentials.apiKey, secret: credentials.secret, ...(credentials.password ? { password: credentials.password } : {}) } : {}),
  });
  if (testnet) exchange.setSandboxMode(true);
  if (urls) exchange.urls.api = { ...urls };

  const secrets = [credentials?.apiKey, credentials?.secret, credentials?.password];
  const fail = (error: unknown, extra: { symbol?: string; isOrder?: boolean } = {}): never => {
    throw mapCcxtError(error, { exchange: id, exchangeName: entry.name, secrets, ...extra });
  };
  const cacheKey = `${id}|${testnet ? "test" : "live"}|${JSON.stringify(urls ?? null)}`;

  const ensureMarkets = async (): Promise<void> => {
    if (exchange.markets) return;
    let cached = marketsCache.get(cacheKey);
    if (!cached || Date.now() - cached.loadedAtMs > MARKETS_TTL_MS) {
      const loading = exchange.loadMarkets().then(() => ({ markets: exchange.markets, currencies: exchange.currencies }));
      cached = { loadedAtMs: Date.now(), loading };
      marketsCache.set(cacheKey, cached);
      loading.catch(() => {
        if (marketsCache.get(cacheKey)?.loading === loading) marketsCache.delete(cacheKey);
      });
    }
    const { markets, currencies } = await cached.loading;
    // ccxt types setMarkets' second parameter as undefined; at run time it takes the currencies dictionary.
    if (!exchange.markets) exchange.setMarkets(markets, currencies as unknown as undefined);
  };

  const listMarkets = (): MarketInterface[] => Object.values(exchange.markets ?? {}) as MarketInterface[];

  /** Runs a ccxt call with markets loaded, translating every failure. */
  const run = async <T>(call: () => Promise<T>, extra: { symbol?: string; isOrder?: boolean } = {}): Promise<T> => {
    try {
      await ensureMarkets();
      return await call();
    } catch (error) {
      return fail(error, extra);
    }
  };

  const fetchMyTradesForSymbol = async (symbol: string, since?: number, limit?: number): Promise<MyTrade[]> =>
    (await exchange.fetchMyTrades(symbol, since, limit)).map(toMyTrade);

  // For exchanges that only list fills per market (Binance): the markets between currencies the
  // account holds now, or a held base against a common quote. Fills in a coin that was sold down to
  // zero are found only by passing its symbol.
  const fetchMyTradesAcrossMarkets = async (since?: number, limit?: number): Promise<MyTrade[]> => {
    const held = new Set(Object.keys(toBalance(await exchange.fetchBalance(), Date.now()).total));
    const quotes = new Set([...held, ...COMMON_QUOTES]);
    const symbols = listMarkets()
      .filter((market) => market.spot && held.has(market.base) && quotes.has(market.quote))
      .map((market) => market.symbol);
    const trades: MyTrade[] = [];
    for (const symbol of symbols) trades.push(...(await fetchMyTradesForSymbol(symbol, since, limit)));
    trades.sort((a, b) => a.timestamp - b.timestamp || a.id.localeCompare(b.id, "en", { numeric: true }));
    if (limit === undefined) return trades;
    return since === undefined ? trades.slice(-limit) : trades.slice(0, limit);
  };

  const toNumberArgument = (value: string | undefined, field: string): number | undefined => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new InvalidOrderError(`The order ${field} must be a positive number.`, { exchange: id });
    return parsed;
  };

  const permissionsParser = id === "binance" ? parseBinanceApiRestrictions : undefined;

  const client: ConnectedExchangeClient = {
    id,
    loadMarkets: (): Promise<Market[]> =>
      run(async () => listMarkets().flatMap((market) => toMarket(market) ?? [])),
    fetchTicker: (symbol: string): Promise<Ticker> => run(async () => toTicker(await exchange.fetchTicker(symbol), Date.now()), { symbol }),
    fetchTickers: (symbols?: readonly string[]): Promise<Record<string, Ticker>> =>
      run(async () => {
        const tickers = await exchange.fetchTickers(symbols ? [...symbols] : undefined);
        const result: Record<string, Ticker> = {};
        for (const [symbol, ticker] of Object.entries(tickers)) {
          if (exchange.markets?.[symbol]?.spot) result[symbol] = toTicker({ ...ticker, symbol }, Date.now());
        }
        return result;
      }),
    fetchOrderBook: (symbol: string, depth?: number): Promise<OrderBook> =>
      run(async () => toOrderBook(await exchange.fetchOrderBook(symbol, depth), symbol, Date.now()), { symbol }),
    fetchTrades: (symbol: string, since?: number, limit?: number): Promise<PublicTrade[]> =>
      run(async () => (await exchange.fetchTrades(symbol, since, limit)).map(toPublicTrade), { symbol }),
    fetchOHLCV: (symbol: string, timeframe: Timeframe, since?: number, limit?: number): Promise<Candle[]> =>
      run(async () => (await exchange.fetchOHLCV(symbol, timeframe, since, limit)).map(toCandle), { symbol }),
    fetchBalance: (): Promise<Balance> => run(async () => toBalance(await exchange.fetchBalance(), Date.now())),
    fetchMyTrades: (symbol?: string, since?: number, limit?: number): Promise<MyTrade[]> =>
      run(
        async () => {
          if (symbol !== undefined) return fetchMyTradesForSymbol(symbol, since, limit);
          // ccxt says whether an exchange needs the symbol only by throwing ArgumentsRequired.
          try {
            return (await exchange.fetchMyTrades(undefined, since, limit)).map(toMyTrade);
          } catch (error) {
            if (error instanceof ccxt.ArgumentsRequired) return fetchMyTradesAcrossMarkets(since, limit);
            throw error;
          }
        },
        { symbol },
      ),
    createOrder: (symbol: string, type: OrderType, side: OrderSide, amount: string, price?: string): Promise<Order> =>
      run(
        async () => {
          if (type === "limit" && price === undefined) throw new InvalidOrderError("A limit order needs a price.", { exchange: id });
          const order = await exchange.createOrder(symbol, type, side, toNumberArgument(amount, "amount")!, type === "limit" ? toNumberArgument(price, "price") : undefined);
          return toOrder({ ...order, symbol: order.symbol ?? symbol }, Date.now());
        },
        { symbol, isOrder: true },
      ),
    cancelOrder: (orderId: string, symbol?: string): Promise<Order> =>
      run(
        async () => {
          const order = await exchange.cancelOrder(orderId, symbol);
          return toOrder({ ...order, symbol: order.symbol ?? symbol }, Date.now());
        },
        { ...(symbol !== undefined ? { symbol } : {}), isOrder: true },
      ),
    fetchOpenOrders: (symbol?: string): Promise<Order[]> =>
      run(
        async () => {
          return (await exchange.fetchOpenOrders(symbol)).map((order) => toOrder(order, Date.now()));
        },
        symbol !== undefined ? { symbol } : {},
      ),
    close: () => exchange.close(),
  };

  if (permissionsParser && entry.permissionsMethod) {
    const methodName = entry.permissionsMethod;
    client.fetchKeyPermissions = async (): Promise<KeyPermissions> => {
      try {
        const method = (exchange as unknown as Record<string, unknown>)[methodName];
        if (typeof method !== "function") return {};
        return permissionsParser(await (method as () => Promise<unknown>).call(exchange));
      } catch (error) {
        // Testnets have no key-management API (ccxt: no sandbox URL for "sapi"): permissions are unknown.
        if (error instanceof ccxt.NotSupported) return {};
        return fail(error);
      }
    };
  }

  return client;
}
