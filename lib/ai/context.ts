import "server-only";
import Decimal from "decimal.js";
import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { signals, trades } from "@/db/schema";
import type { UserTier } from "@/lib/auth/tokens";
import { fromPathSymbol } from "@/lib/exchanges/types";
import { logger } from "@/lib/logger";
import { getCandles } from "@/lib/market/candles";
import { getTicker, getTickers } from "@/lib/market/quotes";
import { listPortfolios } from "@/lib/portfolio/queries";
import { getHoldings } from "@/lib/portfolio/valuation";
import { signalVisibleAt } from "@/lib/tiers";
import type { ChatContext, HoldingContext, MarketQuote, OpenTradeContext, PortfolioContext, SignalContext, SymbolContext } from "./types";

// Gathers what the analyst may see for one request. User-owned data comes only through functions
// scoped to the acting user: the portfolios they OWN (not ones shared with them; another person's
// holdings never enter a prompt) and their own open trades. Signals are filtered to the user's tier.

export const HOURLY_CANDLES = 200;
// 200 days for the 200-day EMA plus a margin; the prompt carries only the last 90.
export const DAILY_CANDLES = 230;
const MAX_OPEN_TRADES = 20;

function toTradeContext(row: typeof trades.$inferSelect): OpenTradeContext {
  return {
    symbol: row.symbol.includes("/") ? row.symbol.replace("/", "-") : row.symbol,
    side: row.side,
    mode: row.mode,
    source: row.source,
    quantity: row.quantity,
    entryPrice: row.entryPrice,
    leverage: row.leverage,
    stopLoss: row.stopLoss,
    takeProfit: row.takeProfit,
    openedAt: row.openedAt.toISOString(),
  };
}

/** The user's own open trades, optionally of one pair (stored as "BTC/USDT" or "BTC-USDT"). */
export async function listOpenTradesForUser({ userId, symbol }: { userId: string; symbol?: string }): Promise<OpenTradeContext[]> {
  const symbolFilter = symbol ? inArray(trades.symbol, [symbol, fromPathSymbol(symbol)]) : undefined;
  const rows = await db
    .select()
    .from(trades)
    .where(and(eq(trades.userId, userId), eq(trades.status, "open"), symbolFilter))
    .orderBy(desc(trades.openedAt))
    .limit(MAX_OPEN_TRADES);
  return rows.map(toTradeContext);
}

/** Active signals of a pair that this tier may see now. */
export async function listVisibleSignals({ symbol, tier, now }: { symbol: string; tier: UserTier; now: Date }): Promise<SignalContext[]> {
  const rows = await db
    .select({
      timeframe: signals.timeframe,
      direction: signals.direction,
      entry: signals.entry,
      stopLoss: signals.stopLoss,
      tp1: signals.tp1,
      tp2: signals.tp2,
      tp3: signals.tp3,
      confidence: signals.confidence,
      minTier: signals.minTier,
      createdAt: signals.createdAt,
    })
    .from(signals)
    .where(and(eq(signals.status, "active"), inArray(signals.symbol, [symbol, fromPathSymbol(symbol)]), gt(signals.expiresAt, now)))
    .orderBy(desc(signals.createdAt))
    .limit(20);
  return rows
    .filter((row) => {
      const visibleAt = signalVisibleAt(tier, row.minTier, row.createdAt);
      return visibleAt !== null && visibleAt.getTime() <= now.getTime();
    })
    .map((row) => ({
      timeframe: row.timeframe,
      direction: row.direction,
      entry: row.entry,
      stopLoss: row.stopLoss,
      takeProfits: [row.tp1, row.tp2, row.tp3],
      confidence: row.confidence,
      createdAt: row.createdAt.toISOString(),
    }));
}

/** Holdings and totals of the portfolios the user owns. */
export async function getOwnPortfolioContext(userId: string): Promise<PortfolioContext> {
  const owned = (await listPortfolios({ userId })).filter((portfolio) => portfolio.role === "owner");
  const views = await Promise.all(owned.map((portfolio) => getHoldings({ userId, portfolioId: portfolio.id })));
  const holdings: HoldingContext[] = [];
  views.forEach((view, index) => {
    const name = owned[index]!.name;
    for (const h of view.holdings) {
      if (Number(h.quantity) === 0) continue;
      holdings.push({
        portfolioName: name,
        symbol: h.symbol,
        quantity: h.quantity,
        avgCost: h.avgCost,
        costBasis: h.costBasis,
        value: h.value,
        unrealizedPnl: h.unrealizedPnl,
        unrealizedPnlPct: h.unrealizedPnlPct,
        realizedPnl: h.realizedPnl,
      });
    }
  });
  return {
    portfolios: owned.map((portfolio, index) => ({
      name: portfolio.name,
      baseCurrency: views[index]!.baseCurrency,
      value: views[index]!.totals.value,
      costBasis: views[index]!.totals.costBasis,
      unrealizedPnl: views[index]!.totals.unrealizedPnl,
      realizedPnl: views[index]!.totals.realizedPnl,
    })),
    holdings,
    openTrades: await listOpenTradesForUser({ userId }),
  };
}

function sumQuantities(values: readonly string[]): string {
  return values.reduce((sum, value) => sum.plus(value), new Decimal(0)).toFixed();
}

/** Everything about one pair for the analyst: market data, visible signals, the user's position. */
export async function getSymbolContext({
  userId,
  tier,
  symbol,
  now = new Date(),
  portfolio,
}: {
  userId: string;
  tier: UserTier;
  symbol: string;
  now?: Date;
  portfolio?: PortfolioContext;
}): Promise<SymbolContext> {
  const ticker = await getTicker(symbol);
  const [base, quote] = ticker.symbol.split("-") as [string, string];
  const [hourly, daily, visibleSignals, own] = await Promise.all([
    getCandles({ symbol: ticker.symbol, timeframe: "1h", limit: HOURLY_CANDLES, now: now.getTime() }),
    getCandles({ symbol: ticker.symbol, timeframe: "1d", limit: DAILY_CANDLES, now: now.getTime() }),
    listVisibleSignals({ symbol: ticker.symbol, tier, now }),
    portfolio ?? getOwnPortfolioContext(userId),
  ]);
  const holdings = own.holdings.filter((h) => h.symbol === base);
  return {
    symbol: ticker.symbol,
    base,
    quote,
    price: ticker.last,
    change24hPct: ticker.change24hPct,
    high24h: ticker.high24h,
    low24h: ticker.low24h,
    quoteVolume24h: ticker.quoteVolume24h,
    hourly,
    daily,
    signals: visibleSignals,
    position: {
      base,
      holdings,
      totalQuantity: sumQuantities(holdings.map((h) => h.quantity)),
      openTrades: own.openTrades.filter((t) => t.symbol === ticker.symbol),
    },
  };
}

/** The chat's context: the focus pair (if any), every tracked quote, the user's own portfolio. */
export async function getChatContext({ userId, tier, symbol, now = new Date() }: { userId: string; tier: UserTier; symbol?: string; now?: Date }): Promise<ChatContext> {
  const portfolio = await getOwnPortfolioContext(userId);
  const [focus, tickers] = await Promise.all([
    symbol ? getSymbolContext({ userId, tier, symbol, now, portfolio }) : Promise.resolve(null),
    getTickers().catch((error: unknown) => {
      logger.warn({ err: error }, "ai chat: market quotes unavailable");
      return [];
    }),
  ]);
  const market: MarketQuote[] = tickers.map((t) => ({ symbol: t.symbol, price: t.last, change24hPct: t.change24hPct }));
  return { now: now.toISOString(), symbol: focus, market, portfolio };
}
