import "server-only";
import { getCandles, MAX_CANDLES } from "@/lib/market/candles";
import { getTickers, listTrackedSymbols } from "@/lib/market/quotes";
import { Money } from "./decimal";
import { createRateLookup, dayOf, FX_MARKETS, type BaseCurrency, type RateLookup } from "./fx";

const DAY_MS = 86_400_000;

/** How a base currency is priced now: USD is 1; EUR and BTC come from their USDT market. */
export type FxNow = { currency: BaseCurrency; usdPerUnit: Money; market: string | null; change24hPct: number };

export function fxMarketOf(currency: BaseCurrency): string | null {
  return currency === "USD" ? null : FX_MARKETS[currency];
}

/** Whether amounts can be shown in `currency` (its market is tracked by the feed). */
export function isFxAvailable(currency: BaseCurrency): boolean {
  const market = fxMarketOf(currency);
  return market === null || listTrackedSymbols().some((tracked) => tracked.symbol === market);
}

/** Today's USD price of one unit of `currency`; null when its market is not tracked or has no price. */
export async function getFxNow(currency: BaseCurrency): Promise<FxNow | null> {
  const market = fxMarketOf(currency);
  if (market === null) return { currency, usdPerUnit: new Money(1), market: null, change24hPct: 0 };
  if (!isFxAvailable(currency)) return null;
  const [ticker] = await getTickers({ symbols: [market] }).catch(() => []);
  if (!ticker || !(ticker.last > 0)) return null;
  return { currency, usdPerUnit: new Money(ticker.last), market, change24hPct: ticker.change24hPct ?? 0 };
}

/**
 * Daily USD rates of `currency` (the day's close) from `fromMs` to now, paged through the candle API (at
 * most MAX_CANDLES days a call); today's entry is the current price. Null when the market is unavailable.
 */
export async function getFxDaily(currency: BaseCurrency, fromMs: number, now = Date.now()): Promise<RateLookup | null> {
  const market = fxMarketOf(currency);
  if (market === null) return () => new Money(1);
  const current = await getFxNow(currency);
  if (!current) return null;
  const rates = new Map<string, number | string>();
  let end = now;
  const start = Math.floor(fromMs / DAY_MS) * DAY_MS;
  while (end >= start) {
    const days = Math.min(MAX_CANDLES, Math.floor((end - start) / DAY_MS) + 1);
    const candles = await getCandles({ symbol: market, timeframe: "1d", limit: days, now: end }).catch(() => []);
    if (candles.length === 0) break;
    for (const candle of candles) if (candle.close > 0) rates.set(dayOf(new Date(candle.time)), candle.close);
    end = candles[0]!.time - DAY_MS;
    if (candles.length < days) break;
  }
  rates.set(dayOf(new Date(now)), current.usdPerUnit.toString());
  return createRateLookup(rates);
}
