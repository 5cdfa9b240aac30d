import { describe, expect, test } from "vitest";
import { BadSymbolError, ExchangeUnavailableError } from "../errors";
import { TIMEFRAME_MS, type Candle, type Timeframe } from "../types";
import { DemoMarket, MAX_BOOK_DEPTH } from "./market-data";

const NOW = Date.UTC(2026, 10, 22, 17, 34, 50, 123);
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function logReturns(values: readonly number[]): number[] {
  return values.slice(1).map((value, i) => Math.log(value / values[i]!));
}

function autocorrelation(values: readonly number[], lag: number): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < values.length; i++) {
    denominator += (values[i]! - mean) ** 2;
    if (i >= lag) numerator += (values[i]! - mean) * (values[i - lag]! - mean);
  }
  return numerator / denominator;
}

/** Aggregates consecutive finer candles into one bar, the way an exchange builds coarser candles. */
function combine(candles: readonly Candle[]): Omit<Candle, "timestamp"> {
  return {
    open: candles[0]!.open,
    high: Math.max(...candles.map((candle) => candle.high)),
    low: Math.min(...candles.map((candle) => candle.low)),
    close: candles.at(-1)!.close,
    volume: candles.reduce((sum, candle) => sum + candle.volume, 0),
  };
}

function expectSameBar(actual: Candle, expected: Omit<Candle, "timestamp">): void {
  expect({ open: actual.open, high: actual.high, low: actual.low, close: actual.close }).toEqual({
    open: expected.open,
    high: expected.high,
    low: expected.low,
    close: expected.close,
  });
  expect(actual.volume).toBeCloseTo(expected.volume, 6);
}

describe("markets", () => {
  const market = new DemoMarket(42);

  test("lists the USDT spot markets (25 coins and EUR) with sane precision and limits", () => {
    const markets = market.markets();
    expect(markets.length).toBe(26);
    expect(new Set(markets.map((m) => m.symbol)).size).toBe(markets.length);
    for (const m of markets) {
      expect(m.symbol).toBe(`${m.base}/USDT`);
      expect(m.id).toBe(`${m.base}USDT`);
      expect(m.quote).toBe("USDT");
      expect(m.precision.price).toBeGreaterThan(0);
      expect(m.precision.amount).toBeGreaterThan(0);
      expect(m.limits.amount.min).toBeGreaterThanOrEqual(m.precision.amount);
      expect(m.taker).toBe(0.001);
    }
    for (const base of ["BTC", "ETH", "SOL", "BNB", "XRP", "DOGE", "PEPE", "SHIB", "TON", "POL", "SUI", "EUR"]) {
      expect(markets.map((m) => m.base)).toContain(base);
    }
  });

  test("unknown symbols throw BadSymbolError", () => {
    expect(() => market.ticker("NOPE/USDT", NOW)).toThrow(BadSymbolError);
    expect(() => market.ohlcv("BTC-USDT", "1h", NOW)).toThrow(BadSymbolError);
  });

  test.each([Date.UTC(2014, 0, 1), Date.UTC(2061, 0, 1), Number.NaN])("a clock outside the simulated years (%d) is refused", (at) => {
    expect(() => market.ticker("BTC/USDT", at)).toThrow(ExchangeUnavailableError);
  });
});

describe("determinism", () => {
  test("the same seed and time give the same data, whatever was computed before", () => {
    const first = new DemoMarket(42);
    const second = new DemoMarket(42);
    // Warm the second simulator with unrelated work in a different order.
    second.ohlcv("ETH/USDT", "1d", NOW - 400 * DAY, undefined, 1000);
    second.ticker("SOL/USDT", NOW + 5 * DAY);
    for (const symbol of ["BTC/USDT", "ETH/USDT", "PEPE/USDT"]) {
      expect(second.ticker(symbol, NOW)).toEqual(first.ticker(symbol, NOW));
      expect(second.ohlcv(symbol, "1m", NOW, undefined, 120)).toEqual(first.ohlcv(symbol, "1m", NOW, undefined, 120));
      expect(second.orderBook(symbol, NOW)).toEqual(first.orderBook(symbol, NOW));
      expect(second.trades(symbol, NOW)).toEqual(first.trades(symbol, NOW));
    }
  });

  test("prices before the anchor are deterministic too", () => {
    const at = Date.UTC(2019, 5, 1, 12);
    expect(new DemoMarket(42).ticker("BTC/USDT", at)).toEqual(new DemoMarket(42).ticker("BTC/USDT", at));
  });

  test("different seeds give different prices", () => {
    const a = new DemoMarket(1);
    const b = new DemoMarket(2);
    const symbols = a.symbols();
    const differing = symbols.filter((symbol) => a.lastPrice(symbol, NOW) !== b.lastPrice(symbol, NOW));
    expect(differing.length).toBe(symbols.length);
  });

});

describe("price path", () => {
  const market = new DemoMarket(7);

  test("is continuous: 1m candles chain and no minute, hour or second jumps implausibly", () => {
    for (const symbol of ["BTC/USDT", "PEPE/USDT"]) {
      const minutes = market.ohlcv(symbol, "1m", NOW, undefined, 3 * 1440);
      for (let i = 1; i < minutes.length; i++) expect(minutes[i]!.open).toBe(minutes[i - 1]!.close);
      for (const candle of minutes) expect(Math.abs(Math.log(candle.high / candle.low))).toBeLessThan(0.03);

      const hours = market.ohlcv(symbol, "1h", NOW, undefined, 24 * 365);
      for (const r of logReturns(hours.map((candle) => candle.close))) expect(Math.abs(r)).toBeLessThan(0.3);

      const seconds = Array.from({ length: 600 }, (_, i) => market.lastPrice(symbol, NOW - i * 1000));
      for (const r of logReturns(seconds)) expect(Math.abs(r)).toBeLessThan(0.01);
    }
  });

  test("shows volatility clustering: squared hourly returns are autocorrelated", () => {
    for (const symbol of ["BTC/USDT", "ETH/USDT", "DOGE/USDT"]) {
      const closes = market.ohlcv(symbol, "1h", NOW, undefined, 2 * 8760).map((candle) => candle.close);
      const squared = logReturns(closes).map((r) => r * r);
      expect(autocorrelation(squared, 1)).toBeGreaterThan(0.05);
      expect(autocorrelation(squared, 24)).toBeGreaterThan(0.02);
    }
  });

  test("realised volatility and correlation to BTC are close to the asset table", () => {
    const daily = (symbol: string) => logReturns(market.ohlcv(symbol, "1d", NOW, undefined, 3 * 365).map((c) => c.close));
    const btc = daily("BTC/USDT");
    const eth = daily("ETH/USDT");
    const vol = (r: number[]) => Math.sqrt((r.reduce((sum, x) => sum + x * x, 0) / r.length) * 365);
    expect(vol(btc)).toBeGreaterThan(0.3);
    expect(vol(btc)).toBeLessThan(0.8);
    const mean = (r: number[]) => r.reduce((sum, x) => sum + x, 0) / r.length;
    const [mb, me] = [mean(btc), mean(eth)];
    let cov = 0;
    let vb = 0;
    let ve = 0;
    btc.forEach((x, i) => {
      cov += (x - mb) * (eth[i]! - me);
      vb += (x - mb) ** 2;
      ve += (eth[i]! - me) ** 2;
    });
    const correlation = cov / Math.sqrt(vb * ve);
    expect(correlation).toBeGreaterThan(0.5);
    expect(correlation).toBeLessThan(0.95);
  });
});

describe("candles", () => {
  const market = new DemoMarket(42);
  const symbol = "ETH/USDT";

  test.each([
    ["5m", "1m"],
    ["15m", "1m"],
    ["1h", "1m"],
    ["4h", "1h"],
    ["1d", "1h"],
  ] as const)("each finished %s candle aggregates its %s candles", (coarse: Timeframe, fine: Timeframe) => {
    const ratio = TIMEFRAME_MS[coarse] / TIMEFRAME_MS[fine];
    const since = (Math.floor(NOW / TIMEFRAME_MS[coarse]) - 7) * TIMEFRAME_MS[coarse];
    const coarseBars = market.ohlcv(symbol, coarse, NOW, since, 6);
    const fineBars = market.ohlcv(symbol, fine, NOW, since, 6 * ratio);
    expect(coarseBars).toHaveLength(6);
    coarseBars.forEach((bar, i) => {
      const part = fineBars.slice(i * ratio, (i + 1) * ratio);
      expect(part[0]!.timestamp).toBe(bar.timestamp);
      expectSameBar(bar, combine(part));
    });
  });

  test("the forming candle of every timeframe aggregates what has traded so far", () => {
    const minutes = market.ohlcv(symbol, "1m", NOW, undefined, 1440);
    const last = minutes.at(-1)!;
    expect(last.timestamp).toBe(Math.floor(NOW / MINUTE) * MINUTE);
    for (const timeframe of ["5m", "15m", "1h", "4h"] as const) {
      const bar = market.ohlcv(symbol, timeframe, NOW, undefined, 1)[0]!;
      expect(bar.timestamp).toBe(Math.floor(NOW / TIMEFRAME_MS[timeframe]) * TIMEFRAME_MS[timeframe]);
      expectSameBar(bar, combine(minutes.filter((candle) => candle.timestamp >= bar.timestamp)));
    }
  });

  test("a finished candle is the same when read later", () => {
    const earlier = market.ohlcv(symbol, "1h", NOW, undefined, 48).slice(0, -1);
    const later = market.ohlcv(symbol, "1h", NOW + 30 * DAY, earlier[0]!.timestamp, earlier.length);
    expect(later).toEqual(earlier);
  });

  test("the forming candle grows into the finished one", () => {
    const start = Math.floor(NOW / HOUR) * HOUR;
    const forming = market.ohlcv(symbol, "1h", start + 10 * MINUTE + 5_000, start, 1)[0]!;
    const finished = market.ohlcv(symbol, "1h", start + HOUR + 1, start, 1)[0]!;
    expect(forming.open).toBe(finished.open);
    expect(forming.high).toBeLessThanOrEqual(finished.high);
    expect(forming.low).toBeGreaterThanOrEqual(finished.low);
    expect(forming.volume).toBeLessThanOrEqual(finished.volume);
  });

  test.each(["1m", "5m", "15m", "1h", "4h", "1d"] as const)("%s: OHLC are consistent, aligned and on the tick grid", (timeframe) => {
    const candles = market.ohlcv(symbol, timeframe, NOW, undefined, 300);
    expect(candles).toHaveLength(300);
    for (let i = 0; i < candles.length; i++) {
      const c = candles[i]!;
      expect(c.timestamp % TIMEFRAME_MS[timeframe]).toBe(0);
      if (i > 0) expect(c.timestamp - candles[i - 1]!.timestamp).toBe(TIMEFRAME_MS[timeframe]);
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.volume).toBeGreaterThan(0);
      expect(Math.abs(c.close * 100 - Math.round(c.close * 100))).toBeLessThan(1e-6);
    }
    expect(candles.at(-1)!.timestamp).toBeLessThanOrEqual(NOW);
  });

  test("since and limit select bars like ccxt", () => {
    const since = Date.UTC(2026, 9, 1, 0, 30);
    const bars = market.ohlcv(symbol, "1h", NOW, since, 3);
    expect(bars.map((bar) => bar.timestamp)).toEqual([Date.UTC(2026, 9, 1, 1), Date.UTC(2026, 9, 1, 2), Date.UTC(2026, 9, 1, 3)]);
    expect(market.ohlcv(symbol, "1h", NOW, NOW + HOUR, 10)).toEqual([]);
    // 2.5 days back from 17:34 is 05:34 two days ago: the first whole day after that is yesterday.
    const tail = market.ohlcv(symbol, "1d", NOW, NOW - 2.5 * DAY, 100);
    expect(tail.map((bar) => bar.timestamp)).toEqual([Date.UTC(2026, 10, 21), Date.UTC(2026, 10, 22)]);
  });
});

describe("ticker", () => {
  const market = new DemoMarket(42);

  test.each(["BTC/USDT", "SOL/USDT", "SHIB/USDT"])("%s: last is the current candle's close in every timeframe", (symbol) => {
    const ticker = market.ticker(symbol, NOW);
    expect(ticker.last).toBe(ticker.close);
    for (const timeframe of ["1m", "5m", "15m", "1h", "4h", "1d"] as const) {
      expect(market.ohlcv(symbol, timeframe, NOW, undefined, 1)[0]!.close).toBe(ticker.last);
    }
  });

  test("24h statistics come from the last 1440 one-minute candles", () => {
    const symbol = "BTC/USDT";
    const ticker = market.ticker(symbol, NOW);
    const window = combine(market.ohlcv(symbol, "1m", NOW, undefined, 1440));
    expect(ticker.open).toBe(window.open);
    expect(ticker.high).toBe(window.high);
    expect(ticker.low).toBe(window.low);
    expect(ticker.baseVolume).toBeCloseTo(window.volume, 4);
    expect(ticker.change).toBeCloseTo(ticker.last - ticker.open, 6);
    expect(ticker.percentage).toBeCloseTo(((ticker.last - ticker.open) / ticker.open) * 100, 3);
    expect(ticker.vwap).toBeGreaterThanOrEqual(ticker.low);
    expect(ticker.vwap).toBeLessThanOrEqual(ticker.high);
    expect(ticker.quoteVolume / ticker.baseVolume).toBeCloseTo(ticker.vwap, -1);
  });

  test("bid and ask straddle the last price and match the order book top", () => {
    for (const symbol of market.symbols()) {
      const ticker = market.ticker(symbol, NOW);
      const book = market.orderBook(symbol, NOW, 1);
      expect(ticker.bid).toBe(book.bids[0]![0]);
      expect(ticker.ask).toBe(book.asks[0]![0]);
      expect(ticker.bidVolume).toBe(book.bids[0]![1]);
      expect(ticker.bid).toBeLessThanOrEqual(ticker.last);
      expect(ticker.ask).toBeGreaterThanOrEqual(ticker.last);
      expect(ticker.ask).toBeGreaterThan(ticker.bid);
    }
  });

  test("moves every second within the current minute's range", () => {
    const start = Math.floor(NOW / MINUTE) * MINUTE;
    const candle = market.ohlcv("ETH/USDT", "1m", start + 59_999, start, 1)[0]!;
    const prices = Array.from({ length: 60 }, (_, s) => market.ticker("ETH/USDT", start + s * 1000 + 500).last);
    expect(prices[0]).toBe(candle.open);
    expect(prices[59]).toBe(candle.close);
    expect(Math.max(...prices)).toBe(candle.high);
    expect(Math.min(...prices)).toBe(candle.low);
    expect(new Set(prices).size).toBeGreaterThan(5);
  });
});

describe("order book", () => {
  const market = new DemoMarket(42);

  test.each(["BTC/USDT", "ETH/USDT", "DOGE/USDT", "PEPE/USDT"])("%s: sorted, around the mid, sizes shrinking away from it", (symbol) => {
    const book = market.orderBook(symbol, NOW, 50);
    const last = market.lastPrice(symbol, NOW);
    expect(book.bids).toHaveLength(50);
    expect(book.asks).toHaveLength(50);
    expect(book.timestamp).toBe(NOW);
    for (let i = 1; i < 50; i++) {
      expect(book.bids[i]![0]).toBeLessThan(book.bids[i - 1]![0]);
      expect(book.asks[i]![0]).toBeGreaterThan(book.asks[i - 1]![0]);
      expect(book.bids[i]![1]).toBeLessThanOrEqual(book.bids[i - 1]![1]);
      expect(book.asks[i]![1]).toBeLessThanOrEqual(book.asks[i - 1]![1]);
    }
    const [bestBid] = book.bids[0]!;
    const [bestAsk] = book.asks[0]!;
    expect(bestBid).toBeLessThanOrEqual(last);
    expect(bestAsk).toBeGreaterThanOrEqual(last);
    const mid = (bestBid + bestAsk) / 2;
    expect((bestAsk - bestBid) / mid).toBeLessThan(0.002);
    expect(book.bids.at(-1)![0]).toBeGreaterThan(mid * 0.95);
    expect(book.asks.at(-1)![0]).toBeLessThan(mid * 1.05);
    for (const [, amount] of [...book.bids, ...book.asks]) expect(amount).toBeGreaterThan(0);
  });

  test("depth is clamped and the book is stable within a second", () => {
    expect(market.orderBook("BTC/USDT", NOW, 5).bids).toHaveLength(5);
    expect(market.orderBook("BTC/USDT", NOW, 10_000).asks).toHaveLength(MAX_BOOK_DEPTH);
    expect(market.orderBook("BTC/USDT", NOW, 0).asks).toHaveLength(1);
    const second = Math.floor(NOW / 1000) * 1000;
    expect(market.orderBook("BTC/USDT", second + 900).bids).toEqual(market.orderBook("BTC/USDT", second).bids);
  });
});

describe("public trades", () => {
  const market = new DemoMarket(42);

  test("latest trades are ordered, unique, not in the future, and priced inside their minute", () => {
    const trades = market.trades("BTC/USDT", NOW, undefined, 200);
    expect(trades).toHaveLength(200);
    expect(new Set(trades.map((trade) => trade.id)).size).toBe(200);
    const minutes = new Map(market.ohlcv("BTC/USDT", "1m", NOW, undefined, 30).map((candle) => [candle.timestamp, candle]));
    for (let i = 0; i < trades.length; i++) {
      const trade = trades[i]!;
      if (i > 0) expect(trade.timestamp).toBeGreaterThanOrEqual(trades[i - 1]!.timestamp);
      expect(trade.timestamp).toBeLessThanOrEqual(NOW);
      expect(trade.amount).toBeGreaterThan(0);
      expect(trade.cost).toBeCloseTo(trade.price * trade.amount, 4);
      const candle = minutes.get(Math.floor(trade.timestamp / MINUTE) * MINUTE)!;
      expect(trade.price).toBeGreaterThanOrEqual(candle.low);
      expect(trade.price).toBeLessThanOrEqual(candle.high);
    }
    expect(new Set(trades.map((trade) => trade.side))).toEqual(new Set(["buy", "sell"]));
  });

  test("trades since a time continue the same tape", () => {
    const latest = market.trades("ETH/USDT", NOW, undefined, 30);
    const since = latest[0]!.timestamp;
    const replay = market.trades("ETH/USDT", NOW, since, 1000);
    const replayIds = replay.map((trade) => trade.id);
    expect(replayIds.filter((id) => latest.some((trade) => trade.id === id))).toEqual(latest.map((trade) => trade.id));
    expect(replay.at(-1)!.timestamp).toBeLessThanOrEqual(NOW);
  });
});
