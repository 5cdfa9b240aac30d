import { BadSymbolError, ExchangeUnavailableError } from "../errors";
import { TIMEFRAME_MS, decimalsOf, type Candle, type Market, type OrderBook, type OrderBookLevel, type PublicTrade, type Ticker, type Timeframe } from "../types";
import { DEMO_ASSETS, DEMO_FEE_RATE, MIN_ORDER_COST, QUOTE_CURRENCY, symbolOf, type DemoAsset } from "./assets";
import { AssetPath, DOMAIN_END_MS, DOMAIN_START_MS, emptyAggregate, msOfSecond, secondOf } from "./price-path";
import { hashAt, mix32, streamKey, uniformOf } from "./random";

// Public market data of the demo exchange for one seed: tickers, candles, order books and public trades,
// all read off the same simulated path (price-path.ts), so they agree with each other at every instant.
// Every method takes the current time explicitly; nothing here reads a clock.

export const DEFAULT_OHLCV_LIMIT = 500;
export const MAX_OHLCV_LIMIT = 10_000;
export const DEFAULT_BOOK_DEPTH = 20;
export const MAX_BOOK_DEPTH = 100;
export const DEFAULT_TRADES_LIMIT = 50;
export const MAX_TRADES_LIMIT = 1000;
// Public trades are generated second by second; a request never scans more than this.
const MAX_TRADE_SCAN_SECONDS = 6 * 3600;

const BOOK_PURPOSE = 101;
const TRADES_PURPOSE = 102;

type Listing = {
  asset: DemoAsset;
  market: Market;
  path: AssetPath;
  priceScale: number;
  amountScale: number;
  bookStream: number;
  tradeStream: number;
};

export type BookSide = { price: number; amount: number }[];

export class DemoMarket {
  readonly seed: number;
  private readonly listings = new Map<string, Listing>();
  private readonly scratch = emptyAggregate();

  constructor(seed: number) {
    this.seed = seed;
    DEMO_ASSETS.forEach((asset, index) => {
      const symbol = symbolOf(asset);
      this.listings.set(symbol, {
        asset,
        market: toMarket(asset),
        path: new AssetPath(seed, index, asset),
        priceScale: 10 ** decimalsOf(asset.priceTick),
        amountScale: 10 ** decimalsOf(asset.amountStep),
        bookStream: streamKey(seed, index, BOOK_PURPOSE),
        tradeStream: streamKey(seed, index, TRADES_PURPOSE),
      });
    });
  }

  markets(): Market[] {
    return [...this.listings.values()].map((listing) => structuredClone(listing.market));
  }

  symbols(): string[] {
    return [...this.listings.keys()];
  }

  market(symbol: string): Market {
    return this.listing(symbol).market;
  }

  asset(symbol: string): DemoAsset {
    return this.listing(symbol).asset;
  }

  private listing(symbol: string): Listing {
    const listing = this.listings.get(symbol);
    if (!listing) throw new BadSymbolError(symbol, { exchange: "demo" });
    return listing;
  }

  /** The traded price at `nowMs`: the close so far of the current 1m candle. */
  lastPrice(symbol: string, nowMs: number): number {
    assertInDomain(nowMs);
    const listing = this.listing(symbol);
    return roundTo(Math.exp(listing.path.tickAt(secondOf(nowMs))), listing.priceScale);
  }

  ticker(symbol: string, nowMs: number): Ticker {
    assertInDomain(nowMs);
    const listing = this.listing(symbol);
    const { path, priceScale, amountScale } = listing;
    const nowSec = secondOf(nowMs);
    const currentMinute = Math.floor(nowSec / 60);
    const day = path.aggregate((currentMinute - 1439) * 60, nowSec, this.scratch);
    const open = roundTo(Math.exp(day.open), priceScale);
    const last = roundTo(Math.exp(day.close), priceScale);
    const baseVolume = day.volume / amountScale;
    const { bids, asks } = this.bookAt(listing, nowSec, 1);
    const bid = bids[0]!;
    const ask = asks[0]!;
    return {
      symbol,
      timestamp: nowMs,
      datetime: new Date(nowMs).toISOString(),
      last,
      open,
      high: roundTo(Math.exp(day.high), priceScale),
      low: roundTo(Math.exp(day.low), priceScale),
      close: last,
      change: roundTo(last - open, priceScale),
      percentage: roundTo(((last - open) / open) * 100, 10_000),
      vwap: baseVolume > 0 ? roundTo(day.quoteVolume / baseVolume, priceScale) : last,
      baseVolume,
      quoteVolume: roundTo(day.quoteVolume, 100),
      bid: bid[0],
      bidVolume: bid[1],
      ask: ask[0],
      askVolume: ask[1],
    };
  }

  /**
   * Candles opening in [since, now] (or the latest `limit` up to now). Bars are aligned to UTC; the last
   * one may still be forming and then aggregates the ticks up to `nowMs`.
   */
  ohlcv(symbol: string, timeframe: Timeframe, nowMs: number, since?: number, limit = DEFAULT_OHLCV_LIMIT): Candle[] {
    assertInDomain(nowMs);
    const listing = this.listing(symbol);
    const { path, priceScale, amountScale } = listing;
    const count = clampInt(limit, 1, MAX_OHLCV_LIMIT);
    const barSec = TIMEFRAME_MS[timeframe] / 1000;
    const nowSec = secondOf(nowMs);
    const lastStart = Math.floor(nowSec / barSec) * barSec;
    const earliest = Math.ceil(secondOf(DOMAIN_START_MS) / barSec) * barSec;
    let first = since === undefined ? lastStart - (count - 1) * barSec : Math.ceil(secondOf(since + 999) / barSec) * barSec;
    if (first < earliest) first = earliest;

    const candles: Candle[] = [];
    const bar = this.scratch;
    for (let start = first; start <= lastStart && candles.length < count; start += barSec) {
      path.aggregate(start, Math.min(start + barSec - 1, nowSec), bar);
      candles.push({
        timestamp: msOfSecond(start),
        open: roundTo(Math.exp(bar.open), priceScale),
        high: roundTo(Math.exp(bar.high), priceScale),
        low: roundTo(Math.exp(bar.low), priceScale),
        close: roundTo(Math.exp(bar.close), priceScale),
        volume: bar.volume / amountScale,
      });
    }
    return candles;
  }

  orderBook(symbol: string, nowMs: number, depth = DEFAULT_BOOK_DEPTH): OrderBook {
    assertInDomain(nowMs);
    const listing = this.listing(symbol);
    const { bids, asks } = this.bookAt(listing, secondOf(nowMs), clampInt(depth, 1, MAX_BOOK_DEPTH));
    return { symbol, timestamp: nowMs, datetime: new Date(nowMs).toISOString(), bids, asks };
  }

  /**
   * The book at second `sec`: best bid/ask straddle the last price by the asset's spread, levels step
   * away by about half a spread, and sizes shrink geometrically (with noise) away from the touch.
   * Deterministic per second, so repeated reads within a second agree.
   */
  private bookAt(listing: Listing, sec: number, depth: number): { bids: OrderBookLevel[]; asks: OrderBookLevel[] } {
    const { asset, path, priceScale, amountScale } = listing;
    const tick = 1 / priceScale;
    const midTicks = Math.exp(path.tickAt(sec)) * priceScale;
    const halfSpreadTicks = (midTicks * asset.spreadBps) / 20_000;
    const bestBid = Math.max(1, Math.floor(midTicks - halfSpreadTicks));
    let bestAsk = Math.ceil(midTicks + halfSpreadTicks);
    if (bestAsk <= bestBid) bestAsk = bestBid + 1;
    const stepTicks = Math.max(1, Math.round((midTicks * Math.max(asset.spreadBps / 2, 0.5)) / 10_000));
    const key = mix32(listing.bookStream ^ mix32(sec));
    const topLots = (asset.dailyVolume / 1440) * 0.04 * amountScale;
    const minLots = Math.max(1, Math.round(asset.minAmount * amountScale));

    const side = (best: number, direction: 1 | -1, salt: number): OrderBookLevel[] => {
      const levels: OrderBookLevel[] = [];
      let lots = topLots * (0.7 + 0.6 * uniformOf(hashAt(key, salt)));
      for (let i = 0; i < depth; i++) {
        const priceTicks = best + direction * i * stepTicks;
        if (priceTicks < 1) break;
        const amountLots = Math.max(minLots, Math.floor(lots));
        levels.push([roundTo(priceTicks * tick, priceScale), amountLots / amountScale]);
        lots *= 0.86 + 0.12 * uniformOf(hashAt(key, salt + 2 * (i + 1)));
      }
      return levels;
    };
    return { bids: side(bestBid, -1, 0), asks: side(bestAsk, 1, 1) };
  }

  /** Book levels with numeric price/amount, for order matching. */
  bookSide(symbol: string, nowMs: number, side: "bids" | "asks", depth = MAX_BOOK_DEPTH): BookSide {
    const listing = this.listing(symbol);
    return this.bookAt(listing, secondOf(nowMs), depth)[side].map(([price, amount]) => ({ price, amount }));
  }

  /** Public trades, oldest first: `limit` from `since`, or the latest `limit` up to `nowMs`. */
  trades(symbol: string, nowMs: number, since?: number, limit = DEFAULT_TRADES_LIMIT): PublicTrade[] {
    assertInDomain(nowMs);
    const listing = this.listing(symbol);
    const count = clampInt(limit, 1, MAX_TRADES_LIMIT);
    const nowSec = secondOf(nowMs);
    const result: PublicTrade[] = [];
    if (since === undefined) {
      for (let sec = nowSec; sec > nowSec - MAX_TRADE_SCAN_SECONDS && result.length < count; sec--) {
        const batch = this.tradesAt(listing, symbol, sec).filter((trade) => trade.timestamp <= nowMs);
        for (let i = batch.length - 1; i >= 0 && result.length < count; i--) result.push(batch[i]!);
      }
      return result.reverse();
    }
    const fromSec = Math.max(secondOf(since), secondOf(DOMAIN_START_MS));
    const toSec = Math.min(nowSec, fromSec + MAX_TRADE_SCAN_SECONDS);
    for (let sec = fromSec; sec <= toSec && result.length < count; sec++) {
      for (const trade of this.tradesAt(listing, symbol, sec)) {
        if (trade.timestamp < since || trade.timestamp > nowMs) continue;
        result.push(trade);
        if (result.length === count) break;
      }
    }
    return result;
  }

  /** The trades printed during second `sec`: a Poisson count, all at that second's price. */
  private tradesAt(listing: Listing, symbol: string, sec: number): PublicTrade[] {
    const { asset, path, priceScale, amountScale } = listing;
    const head = hashAt(listing.tradeStream, sec);
    const count = poisson(asset.tradesPerSecond, uniformOf(head));
    if (count === 0) return [];
    const price = roundTo(Math.exp(path.tickAt(sec)), priceScale);
    const previous = roundTo(Math.exp(path.tickAt(sec - 1)), priceScale);
    const buyProbability = price > previous ? 0.7 : price < previous ? 0.3 : 0.5;
    const meanLots = path.minuteVolume(Math.floor(sec / 60)) / (60 * asset.tradesPerSecond);
    const minLots = Math.max(1, Math.round(asset.minAmount * amountScale));
    const startMs = msOfSecond(sec);
    const offsets: number[] = [];
    const trades: PublicTrade[] = [];
    for (let i = 0; i < count; i++) offsets.push(Math.floor(uniformOf(mix32(head ^ (0x632be5ab * (i + 1)))) * 1000));
    offsets.sort((a, b) => a - b);
    for (let i = 0; i < count; i++) {
      const h = mix32(head ^ (0x85ebca6b * (i + 1)));
      const lots = Math.max(minLots, Math.round(meanLots * -Math.log(uniformOf(h))));
      const amount = lots / amountScale;
      const timestamp = startMs + offsets[i]!;
      trades.push({
        // Epoch second × 10 + index: unique, increasing, and stable across processes.
        id: String((startMs / 1000) * 10 + i),
        symbol,
        timestamp,
        datetime: new Date(timestamp).toISOString(),
        side: uniformOf(mix32(h ^ 0x27d4eb2f)) < buyProbability ? "buy" : "sell",
        price,
        amount,
        cost: roundTo(price * amount, 1e8),
      });
    }
    return trades;
  }

  /** First time in (fromMs, toMs] the traded price reaches `price` from above (-1) or below (1). */
  firstCrossing(symbol: string, fromMs: number, toMs: number, price: number, direction: 1 | -1): number | null {
    const listing = this.listing(symbol);
    const halfTick = 0.5 / listing.priceScale;
    // A tick rounds to the limit price or better when the raw price is within half a tick of it.
    const bound = Math.log(direction === -1 ? price + halfTick : Math.max(price - halfTick, halfTick));
    const sec = listing.path.findCrossing(secondOf(fromMs), secondOf(toMs), bound, direction);
    return sec === null ? null : msOfSecond(sec);
  }
}

function toMarket(asset: DemoAsset): Market {
  return {
    id: `${asset.base}${QUOTE_CURRENCY}`,
    symbol: symbolOf(asset),
    base: asset.base,
    quote: QUOTE_CURRENCY,
    type: "spot",
    spot: true,
    active: true,
    precision: { price: asset.priceTick, amount: asset.amountStep },
    limits: { amount: { min: asset.minAmount }, cost: { min: MIN_ORDER_COST } },
    maker: DEMO_FEE_RATE,
    taker: DEMO_FEE_RATE,
  };
}

function assertInDomain(nowMs: number): void {
  if (!Number.isFinite(nowMs) || nowMs < DOMAIN_START_MS || nowMs >= DOMAIN_END_MS) {
    throw new ExchangeUnavailableError("The demo exchange only simulates the years 2015 to 2059.", { exchange: "demo" });
  }
}

/** Rounds to the nearest multiple of 1/scale; dividing by an exact power of ten gives the closest double. */
export function roundTo(value: number, scale: number): number {
  return Math.round(value * scale) / scale;
}

function clampInt(value: number, min: number, max: number): number {
  if (!Number.isFinite(value)) return max;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function poisson(mean: number, u: number): number {
  let probability = Math.exp(-mean);
  let cumulative = probability;
  let k = 0;
  while (u > cumulative && k < 12) {
    k++;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

const markets = new Map<number, DemoMarket>();
const MAX_CACHED_SEEDS = 8;

/** One simulator per seed per process; its caches are shared by every demo client with that seed. */
export function getDemoMarket(seed: number): DemoMarket {
  let market = markets.get(seed);
  if (!market) {
    market = new DemoMarket(seed);
    markets.set(seed, market);
    if (markets.size > MAX_CACHED_SEEDS) {
      const oldest = markets.keys().next();
      if (!oldest.done) markets.delete(oldest.value);
    }
  }
  return market;
}
