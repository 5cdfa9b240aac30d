import { createHmac, timingSafeEqual } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Decimal from "decimal.js";

// A local Binance SPOT REST server for tests: the real ccxt client is pointed at it through its
// `urls.api` setting (stub.urls) and talks HTTP to 127.0.0.1. SIGNED endpoints are checked as Binance
// documents it: X-MBX-APIKEY must be a known key (401, -2015), `signature` must be the hex
// HMAC-SHA256 of the query string concatenated with the body, without the signature parameter
// (400, -1022), and `timestamp` must lie within `recvWindow` (default 5000 ms) of the server clock and
// no more than 1000 ms ahead of it (400, -1021). Answers use Binance's documented shapes, with
// quantities and prices as 8-decimal strings.

export type StubMode = "ok" | "down" | "hang";

export type StubBalance = { free: string; locked: string };

export type StubTrade = {
  symbol: string;
  id: number;
  orderId: number;
  price: string;
  qty: string;
  /** price × qty when omitted. */
  quoteQty?: string;
  commission: string;
  commissionAsset: string;
  time: number;
  isBuyer: boolean;
  isMaker: boolean;
};

export type StubApiRestrictions = {
  ipRestrict: boolean;
  enableReading: boolean;
  enableSpotAndMarginTrading: boolean;
  enableWithdrawals: boolean;
  enableInternalTransfer: boolean;
  enableMargin: boolean;
  enableFutures: boolean;
  permitsUniversalTransfer: boolean;
  enableVanillaOptions: boolean;
  enablePortfolioMarginTrading: boolean;
};

export type StubAccountInput = {
  apiKey: string;
  secret: string;
  balances?: Record<string, StubBalance>;
  trades?: StubTrade[];
  restrictions?: Partial<StubApiRestrictions>;
};

export type StubRequest = {
  method: string;
  path: string;
  /** Query and form body parameters, without `signature`. */
  params: Record<string, string>;
  status: number;
};

type StubOrder = {
  symbol: string;
  orderId: number;
  clientOrderId: string;
  price: string;
  origQty: string;
  executedQty: string;
  cummulativeQuoteQty: string;
  status: "NEW" | "FILLED" | "CANCELED";
  timeInForce: string;
  type: "LIMIT" | "MARKET";
  side: "BUY" | "SELL";
  time: number;
  updateTime: number;
};

type StubAccount = {
  apiKey: string;
  secret: string;
  balances: Map<string, { free: Decimal; locked: Decimal }>;
  trades: StubTrade[];
  restrictions: StubApiRestrictions;
  orders: StubOrder[];
};

type SymbolSpec = { symbol: string; base: string; quote: string; price: number; tickSize: string; stepSize: string; minQty: string; minNotional: string };

export const STUB_SYMBOLS: readonly SymbolSpec[] = [
  { symbol: "BTCUSDT", base: "BTC", quote: "USDT", price: 65_000, tickSize: "0.01000000", stepSize: "0.00001000", minQty: "0.00001000", minNotional: "5.00000000" },
  { symbol: "ETHUSDT", base: "ETH", quote: "USDT", price: 3_200, tickSize: "0.01000000", stepSize: "0.00010000", minQty: "0.00010000", minNotional: "5.00000000" },
  { symbol: "SOLUSDT", base: "SOL", quote: "USDT", price: 150, tickSize: "0.01000000", stepSize: "0.00100000", minQty: "0.00100000", minNotional: "5.00000000" },
];

const INTERVAL_MS: Record<string, number> = { "1m": 60_000, "5m": 300_000, "15m": 900_000, "1h": 3_600_000, "4h": 14_400_000, "1d": 86_400_000 };
const SIGNED_PATHS = new Set(["/api/v3/account", "/api/v3/myTrades", "/api/v3/order", "/api/v3/openOrders", "/sapi/v1/account/apiRestrictions"]);
const DEFAULT_RECV_WINDOW_MS = 5000;
const MAX_AHEAD_MS = 1000;
const FEE_RATE = new Decimal("0.001");

class BinanceError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const fixed8 = (value: Decimal.Value) => new Decimal(value).toFixed(8);

/** Starts the stub on a random port of 127.0.0.1. `now` is the server clock (ms). */
export async function startBinanceStub({ accounts = [], now = Date.now }: { accounts?: StubAccountInput[]; now?: () => number } = {}) {
  const keys = new Map<string, StubAccount>();
  const requests: StubRequest[] = [];
  const unknownRequests: string[] = [];
  let mode: StubMode = "ok";
  let latencyMs = 0;
  let nextOrderId = 1_000_000;
  let nextTradeId = 9_000_000;

  const addAccount = (input: StubAccountInput) => {
    const balances = new Map<string, { free: Decimal; locked: Decimal }>();
    for (const [asset, balance] of Object.entries(input.balances ?? {})) balances.set(asset, { free: new Decimal(balance.free), locked: new Decimal(balance.locked) });
    keys.set(input.apiKey, {
      apiKey: input.apiKey,
      secret: input.secret,
      balances,
      trades: [...(input.trades ?? [])],
      restrictions: {
        ipRestrict: false,
        enableReading: true,
        enableSpotAndMarginTrading: false,
        enableWithdrawals: false,
        enableInternalTransfer: false,
        enableMargin: false,
        enableFutures: false,
        permitsUniversalTransfer: false,
        enableVanillaOptions: false,
        enablePortfolioMarginTrading: false,
        ...input.restrictions,
      },
      orders: [],
    });
  };
  for (const account of accounts) addAccount(account);

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { code: -1000, msg: error instanceof Error ? error.message : "An unknown error occurred while processing the request." });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const body = await readBody(req);
    if (mode === "hang") return; // the socket stays open and unanswered until close()
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = url.search.startsWith("?") ? url.search.slice(1) : url.search;
    const params = Object.fromEntries([...new URLSearchParams(query), ...new URLSearchParams(body)].filter(([key]) => key !== "signature"));
    const entry: StubRequest = { method: req.method ?? "GET", path: url.pathname, params, status: 200 };
    requests.push(entry);
    if (mode === "down") {
      entry.status = 503;
      res.writeHead(503, { "content-type": "text/html" }).end("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
      return;
    }
    try {
      const account = SIGNED_PATHS.has(url.pathname) ? authenticate(req, query, body, params) : undefined;
      send(res, 200, route(entry.method, url.pathname, params, account));
    } catch (error) {
      if (!(error instanceof BinanceError)) throw error;
      entry.status = error.status;
      send(res, error.status, { code: error.code, msg: error.message });
    }
  }

  function authenticate(req: IncomingMessage, query: string, body: string, params: Record<string, string>): StubAccount {
    const header = req.headers["x-mbx-apikey"];
    const account = typeof header === "string" ? keys.get(header) : undefined;
    if (!account) throw new BinanceError(401, -2015, "Invalid API-key, IP, or permissions for action.");
    const [signedQuery, querySignature] = splitSignature(query);
    const [signedBody, bodySignature] = splitSignature(body);
    const signature = querySignature ?? bodySignature;
    if (signature === undefined || signature === "") throw new BinanceError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
    const expected = createHmac("sha256", account.secret).update(signedQuery + signedBody).digest("hex");
    const given = Buffer.from(signature.toLowerCase());
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected))) {
      throw new BinanceError(400, -1022, "Signature for this request is not valid.");
    }
    const timestamp = Number(params.timestamp);
    if (!Number.isInteger(timestamp)) throw new BinanceError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
    const recvWindow = params.recvWindow === undefined ? DEFAULT_RECV_WINDOW_MS : Number(params.recvWindow);
    if (!(recvWindow > 0 && recvWindow <= 60_000)) throw new BinanceError(400, -1131, "recvWindow must be less than 60000");
    const serverTime = now();
    if (timestamp >= serverTime + MAX_AHEAD_MS) throw new BinanceError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
    if (serverTime - timestamp > recvWindow) throw new BinanceError(400, -1021, "Timestamp for this request is outside of the recvWindow.");
    return account;
  }

  function route(method: string, path: string, params: Record<string, string>, account: StubAccount | undefined): unknown {
    const key = `${method} ${path}`;
    switch (key) {
      case "GET /api/v3/ping":
        return {};
      case "GET /api/v3/time":
        return { serverTime: now() };
      case "GET /api/v3/exchangeInfo":
        return exchangeInfo();
      case "GET /api/v3/ticker/24hr":
        return tickers(params);
      case "GET /api/v3/depth":
        return depth(params);
      case "GET /api/v3/klines":
        return klines(params);
      case "GET /api/v3/aggTrades":
        return aggTrades(params);
      case "GET /api/v3/account":
        return accountInfo(account!, params);
      case "GET /api/v3/myTrades":
        return myTrades(account!, params);
      case "GET /sapi/v1/account/apiRestrictions":
        return { ...account!.restrictions, createTime: 1_700_000_000_000 };
      case "POST /api/v3/order":
        return placeOrder(account!, params);
      case "DELETE /api/v3/order":
        return cancelOrder(account!, params);
      case "GET /api/v3/openOrders":
        return account!.orders.filter((order) => order.status === "NEW" && (params.symbol === undefined || order.symbol === params.symbol)).map(orderView);
      default:
        unknownRequests.push(key);
        throw new BinanceError(404, -1000, `The stub does not implement ${key}.`);
    }
  }

  function exchangeInfo() {
    return {
      timezone: "UTC",
      serverTime: now(),
      rateLimits: [
        { rateLimitType: "REQUEST_WEIGHT", interval: "MINUTE", intervalNum: 1, limit: 6000 },
        { rateLimitType: "ORDERS", interval: "SECOND", intervalNum: 10, limit: 100 },
        { rateLimitType: "RAW_REQUESTS", interval: "MINUTE", intervalNum: 5, limit: 61000 },
      ],
      exchangeFilters: [],
      symbols: STUB_SYMBOLS.map((spec) => ({
        symbol: spec.symbol,
        status: "TRADING",
        baseAsset: spec.base,
        baseAssetPrecision: 8,
        quoteAsset: spec.quote,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        baseCommissionPrecision: 8,
        quoteCommissionPrecision: 8,
        orderTypes: ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"],
        icebergAllowed: true,
        ocoAllowed: true,
        otoAllowed: true,
        quoteOrderQtyMarketAllowed: true,
        allowTrailingStop: true,
        cancelReplaceAllowed: true,
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        filters: [
          { filterType: "PRICE_FILTER", minPrice: spec.tickSize, maxPrice: "1000000.00000000", tickSize: spec.tickSize },
          { filterType: "LOT_SIZE", minQty: spec.minQty, maxQty: "9000.00000000", stepSize: spec.stepSize },
          { filterType: "MIN_NOTIONAL", minNotional: spec.minNotional, applyToMarket: true, avgPriceMins: 5 },
          { filterType: "NOTIONAL", minNotional: spec.minNotional, applyMinToMarket: true, maxNotional: "9000000.00000000", applyMaxToMarket: false, avgPriceMins: 5 },
          { filterType: "MARKET_LOT_SIZE", minQty: "0.00000000", maxQty: "100.00000000", stepSize: "0.00000000" },
          { filterType: "MAX_NUM_ORDERS", maxNumOrders: 200 },
        ],
        permissions: [],
        permissionSets: [["SPOT"]],
        defaultSelfTradePreventionMode: "EXPIRE_MAKER",
        allowedSelfTradePreventionModes: ["EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"],
      })),
    };
  }

  // Deterministic prices: a slow sine around each symbol's reference price, in whole ticks.
  function priceAt(spec: SymbolSpec, timeMs: number): Decimal {
    const wave = Math.sin(timeMs / 3_600_000 + spec.price);
    return new Decimal(spec.price * (1 + 0.01 * wave)).toDecimalPlaces(2);
  }

  function specOf(symbol: string | undefined): SymbolSpec {
    if (symbol === undefined) throw new BinanceError(400, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
    const spec = STUB_SYMBOLS.find((candidate) => candidate.symbol === symbol);
    if (!spec) throw new BinanceError(400, -1121, "Invalid symbol.");
    return spec;
  }

  function ticker(spec: SymbolSpec) {
    const closeTime = now();
    const openTime = closeTime - 86_400_000;
    const last = priceAt(spec, closeTime);
    const open = priceAt(spec, openTime);
    const change = last.minus(open);
    const high = Decimal.max(last, open).times(1.01).toDecimalPlaces(2);
    const low = Decimal.min(last, open).times(0.99).toDecimalPlaces(2);
    const volume = new Decimal(1_000_000).dividedBy(spec.price).toDecimalPlaces(5);
    return {
      symbol: spec.symbol,
      priceChange: fixed8(change),
      priceChangePercent: change.dividedBy(open).times(100).toFixed(3),
      weightedAvgPrice: fixed8(last.plus(open).dividedBy(2)),
      prevClosePrice: fixed8(open),
      lastPrice: fixed8(last),
      lastQty: fixed8(spec.minQty),
      bidPrice: fixed8(last.minus(spec.tickSize)),
      bidQty: "1.50000000",
      askPrice: fixed8(last.plus(spec.tickSize)),
      askQty: "2.25000000",
      openPrice: fixed8(open),
      highPrice: fixed8(high),
      lowPrice: fixed8(low),
      volume: fixed8(volume),
      quoteVolume: fixed8(volume.times(last)),
      openTime,
      closeTime,
      firstId: 100,
      lastId: 1099,
      count: 1000,
    };
  }

  function tickers(params: Record<string, string>) {
    if (params.symbol !== undefined) return ticker(specOf(params.symbol));
    if (params.symbols !== undefined) {
      const ids = JSON.parse(params.symbols) as string[];
      return ids.map((id) => ticker(specOf(id)));
    }
    return STUB_SYMBOLS.map(ticker);
  }

  function depth(params: Record<string, string>) {
    const spec = specOf(params.symbol);
    const limit = Math.min(Number(params.limit ?? 100), 5000);
    const mid = priceAt(spec, now());
    const levels = (sign: 1 | -1) =>
      Array.from({ length: Math.min(limit, 20) }, (_, i) => [fixed8(mid.plus(new Decimal(spec.tickSize).times(sign * (i + 1)))), fixed8(new Decimal(i + 1).times(0.5))]);
    return { lastUpdateId: Math.floor(now() / 1000), bids: levels(-1), asks: levels(1) };
  }

  function klines(params: Record<string, string>) {
    const spec = specOf(params.symbol);
    const step = INTERVAL_MS[params.interval ?? ""];
    if (step === undefined) throw new BinanceError(400, -1120, "Invalid interval.");
    const limit = Math.min(Number(params.limit ?? 500), 1000);
    const current = Math.floor(now() / step) * step;
    const first = params.startTime !== undefined ? Math.ceil(Number(params.startTime) / step) * step : current - (limit - 1) * step;
    const last = Math.min(current, params.endTime !== undefined ? Number(params.endTime) : current);
    const bars: unknown[] = [];
    for (let openTime = first; openTime <= last && bars.length < limit; openTime += step) {
      const open = priceAt(spec, openTime);
      const close = priceAt(spec, openTime + step - 1);
      const volume = new Decimal(10_000).dividedBy(spec.price).toDecimalPlaces(5);
      bars.push([
        openTime,
        fixed8(open),
        fixed8(Decimal.max(open, close).plus(spec.tickSize)),
        fixed8(Decimal.min(open, close).minus(spec.tickSize)),
        fixed8(close),
        fixed8(volume),
        openTime + step - 1,
        fixed8(volume.times(close)),
        42,
        fixed8(volume.dividedBy(2)),
        fixed8(volume.times(close).dividedBy(2)),
        "0",
      ]);
    }
    return bars;
  }

  function aggTrades(params: Record<string, string>) {
    const spec = specOf(params.symbol);
    const limit = Math.min(Number(params.limit ?? 500), 1000);
    const end = now();
    const count = Math.min(limit, 10);
    return Array.from({ length: count }, (_, i) => {
      const time = end - (count - i) * 1000;
      return { a: 500_000 + i, p: fixed8(priceAt(spec, time)), q: fixed8(spec.minQty), f: 700_000 + i, l: 700_000 + i, T: time, m: i % 2 === 0, M: true };
    });
  }

  function accountInfo(account: StubAccount, params: Record<string, string>) {
    const omitZero = params.omitZeroBalances === "true";
    const balances = [...account.balances.entries()]
      .filter(([, balance]) => !omitZero || !balance.free.plus(balance.locked).isZero())
      .map(([asset, balance]) => ({ asset, free: fixed8(balance.free), locked: fixed8(balance.locked) }));
    return {
      makerCommission: 10,
      takerCommission: 10,
      buyerCommission: 0,
      sellerCommission: 0,
      commissionRates: { maker: "0.00100000", taker: "0.00100000", buyer: "0.00000000", seller: "0.00000000" },
      canTrade: true,
      canWithdraw: account.restrictions.enableWithdrawals,
      canDeposit: true,
      brokered: false,
      requireSelfTradePrevention: false,
      preventSor: false,
      updateTime: now(),
      accountType: "SPOT",
      balances,
      permissions: ["SPOT"],
      uid: 354_937_868,
    };
  }

  function myTrades(account: StubAccount, params: Record<string, string>) {
    const spec = specOf(params.symbol);
    const limit = Math.min(Number(params.limit ?? 500), 1000);
    const startTime = params.startTime === undefined ? undefined : Number(params.startTime);
    const endTime = params.endTime === undefined ? undefined : Number(params.endTime);
    if (startTime !== undefined && endTime !== undefined && endTime - startTime > 86_400_000) throw new BinanceError(400, -1127, "Lookup interval is too big.");
    let trades = account.trades.filter((trade) => trade.symbol === spec.symbol).sort((a, b) => a.id - b.id);
    if (params.orderId !== undefined) trades = trades.filter((trade) => trade.orderId === Number(params.orderId));
    if (params.fromId !== undefined) trades = trades.filter((trade) => trade.id >= Number(params.fromId));
    if (startTime !== undefined) trades = trades.filter((trade) => trade.time >= startTime);
    if (endTime !== undefined) trades = trades.filter((trade) => trade.time <= endTime);
    // fromId or startTime reads forward from there; otherwise the newest `limit` trades.
    trades = params.fromId !== undefined || startTime !== undefined ? trades.slice(0, limit) : trades.slice(-limit);
    return trades.map((trade) => ({
      symbol: trade.symbol,
      id: trade.id,
      orderId: trade.orderId,
      orderListId: -1,
      price: fixed8(trade.price),
      qty: fixed8(trade.qty),
      quoteQty: fixed8(trade.quoteQty ?? new Decimal(trade.price).times(trade.qty)),
      commission: fixed8(trade.commission),
      commissionAsset: trade.commissionAsset,
      time: trade.time,
      isBuyer: trade.isBuyer,
      isMaker: trade.isMaker,
      isBestMatch: true,
    }));
  }

  function holding(account: StubAccount, asset: string) {
    let balance = account.balances.get(asset);
    if (!balance) {
      balance = { free: new Decimal(0), locked: new Decimal(0) };
      account.balances.set(asset, balance);
    }
    return balance;
  }

  function placeOrder(account: StubAccount, params: Record<string, string>) {
    const spec = specOf(params.symbol);
    const side = params.side;
    const type = params.type;
    if (side !== "BUY" && side !== "SELL") throw new BinanceError(400, -1102, "Mandatory parameter 'side' was not sent, was empty/null, or malformed.");
    if (type !== "LIMIT" && type !== "MARKET") throw new BinanceError(400, -1116, "Invalid orderType.");
    if (params.quantity === undefined) throw new BinanceError(400, -1102, "Mandatory parameter 'quantity' was not sent, was empty/null, or malformed.");
    const quantity = new Decimal(params.quantity);
    if (quantity.lessThan(spec.minQty) || !quantity.modulo(spec.stepSize).isZero()) throw new BinanceError(400, -1013, "Filter failure: LOT_SIZE");
    const time = now();
    const market = priceAt(spec, time);
    let price: Decimal;
    if (type === "LIMIT") {
      if (params.price === undefined) throw new BinanceError(400, -1102, "Mandatory parameter 'price' was not sent, was empty/null, or malformed.");
      price = new Decimal(params.price);
      if (!price.modulo(spec.tickSize).isZero() || price.lessThanOrEqualTo(0)) throw new BinanceError(400, -1013, "Filter failure: PRICE_FILTER");
    } else {
      price = side === "BUY" ? market.plus(spec.tickSize) : market.minus(spec.tickSize);
    }
    const cost = price.times(quantity);
    if (cost.lessThan(spec.minNotional)) throw new BinanceError(400, -1013, "Filter failure: NOTIONAL");
    const spend = side === "BUY" ? holding(account, spec.quote) : holding(account, spec.base);
    const needed = side === "BUY" ? cost : quantity;
    if (spend.free.lessThan(needed)) throw new BinanceError(400, -2010, "Account has insufficient balance for requested action.");

    const orderId = nextOrderId++;
    const order: StubOrder = {
      symbol: spec.symbol,
      orderId,
      clientOrderId: params.newClientOrderId ?? `stub${orderId}`,
      price: type === "LIMIT" ? fixed8(price) : "0.00000000",
      origQty: fixed8(quantity),
      executedQty: "0.00000000",
      cummulativeQuoteQty: "0.00000000",
      status: "NEW",
      timeInForce: type === "LIMIT" ? (params.timeInForce ?? "GTC") : "GTC",
      type,
      side,
      time,
      updateTime: time,
    };
    account.orders.push(order);
    const fills: { price: string; qty: string; commission: string; commissionAsset: string; tradeId: number }[] = [];
    if (type === "LIMIT") {
      spend.free = spend.free.minus(needed);
      spend.locked = spend.locked.plus(needed);
    } else {
      const receiveAsset = side === "BUY" ? spec.base : spec.quote;
      const received = side === "BUY" ? quantity : cost;
      const commission = received.times(FEE_RATE);
      spend.free = spend.free.minus(needed);
      const receive = holding(account, receiveAsset);
      receive.free = receive.free.plus(received.minus(commission));
      const tradeId = nextTradeId++;
      account.trades.push({ symbol: spec.symbol, id: tradeId, orderId, price: fixed8(price), qty: fixed8(quantity), commission: fixed8(commission), commissionAsset: receiveAsset, time, isBuyer: side === "BUY", isMaker: false });
      fills.push({ price: fixed8(price), qty: fixed8(quantity), commission: fixed8(commission), commissionAsset: receiveAsset, tradeId });
      Object.assign(order, { status: "FILLED", executedQty: fixed8(quantity), cummulativeQuoteQty: fixed8(cost) });
    }
    return { ...orderView(order), transactTime: time, fills };
  }

  function cancelOrder(account: StubAccount, params: Record<string, string>) {
    const spec = specOf(params.symbol);
    const order = account.orders.find(
      (candidate) => candidate.symbol === spec.symbol && (String(candidate.orderId) === params.orderId || candidate.clientOrderId === params.origClientOrderId),
    );
    if (!order || order.status !== "NEW") throw new BinanceError(400, -2011, "Unknown order sent.");
    const locked = order.side === "BUY" ? new Decimal(order.price).times(order.origQty) : new Decimal(order.origQty);
    const balance = holding(account, order.side === "BUY" ? spec.quote : spec.base);
    balance.locked = balance.locked.minus(locked);
    balance.free = balance.free.plus(locked);
    order.status = "CANCELED";
    order.updateTime = now();
    return { ...orderView(order), origClientOrderId: order.clientOrderId, transactTime: order.updateTime };
  }

  function orderView(order: StubOrder) {
    return {
      symbol: order.symbol,
      orderId: order.orderId,
      orderListId: -1,
      clientOrderId: order.clientOrderId,
      price: order.price,
      origQty: order.origQty,
      executedQty: order.executedQty,
      cummulativeQuoteQty: order.cummulativeQuoteQty,
      status: order.status,
      timeInForce: order.timeInForce,
      type: order.type,
      side: order.side,
      stopPrice: "0.00000000",
      icebergQty: "0.00000000",
      time: order.time,
      updateTime: order.updateTime,
      isWorking: true,
      workingTime: order.time,
      origQuoteOrderQty: "0.00000000",
      selfTradePreventionMode: "EXPIRE_MAKER",
    };
  }

  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    port,
    baseUrl,
    /** Replacement for ccxt's binance `urls.api`: every REST family ccxt's spot calls use, and nothing else. */
    urls: {
      public: `${baseUrl}/api/v3`,
      private: `${baseUrl}/api/v3`,
      v1: `${baseUrl}/api/v1`,
      sapi: `${baseUrl}/sapi/v1`,
      sapiV2: `${baseUrl}/sapi/v2`,
      sapiV3: `${baseUrl}/sapi/v3`,
      sapiV4: `${baseUrl}/sapi/v4`,
    },
    requests,
    /** "METHOD /path" of every request the stub does not implement (answered 404). */
    unknownRequests,
    setMode(next: StubMode) {
      mode = next;
    },
    /** Delays every answer, to exercise a whole-operation deadline. */
    setLatency(ms: number) {
      latencyMs = ms;
    },
    addAccount,
    balanceOf(apiKey: string, asset: string): StubBalance | undefined {
      const balance = keys.get(apiKey)?.balances.get(asset);
      return balance && { free: fixed8(balance.free), locked: fixed8(balance.locked) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type BinanceStub = Awaited<ReturnType<typeof startBinanceStub>>;

function splitSignature(text: string): [signed: string, signature: string | undefined] {
  const match = /(^|&)signature=([^&]*)/.exec(text);
  if (!match) return [text, undefined];
  const rest = [text.slice(0, match.index), text.slice(match.index + match[0].length).replace(/^&/, "")].filter((part) => part !== "");
  return [rest.join("&"), match[2]];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" }).end(JSON.stringify(body));
}
