import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ChevronLeft, Sparkles } from "lucide-react";

import { MarketChart } from "@/components/market/market-chart";
import { OrderBook } from "@/components/market/order-book";
import { RecentTrades } from "@/components/market/recent-trades";
import { SymbolHeader } from "@/components/market/symbol-header";
import { MarketStreamProvider } from "@/components/market/use-market-stream";
import { NewsPanel } from "@/components/news/news-panel";
import { requireUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { isTimeframe, type Timeframe } from "@/lib/exchanges/types";
import { logger } from "@/lib/logger";
import { getCandles } from "@/lib/market/candles";
import { getOrderBook, getRecentTrades } from "@/lib/market/orderbook";
import { getTicker } from "@/lib/market/quotes";
import { listNews } from "@/lib/news/queries";

import { listRecentTradesAction } from "./actions";

const DEFAULT_TIMEFRAME: Timeframe = "15m";
const CANDLE_LIMIT = 300;
const BOOK_DEPTH = 15;
const TRADES_SHOWN = 20;

type SymbolPageProps = {
  params: Promise<{ symbol: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Pick<SymbolPageProps, "params">): Promise<Metadata> {
  const { symbol } = await params;
  return { title: `${symbol.toUpperCase().slice(0, 41)} · Markets` };
}

async function getTickerOrNotFound(symbol: string) {
  try {
    return await getTicker(symbol);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

// The panels beside the header degrade to empty when the exchange cannot answer; the header still shows.
function orEmpty<T>(what: string, symbol: string, empty: T) {
  return (error: unknown): T => {
    logger.warn({ err: error, symbol }, `market page: ${what} unavailable`);
    return empty;
  };
}

export default async function SymbolPage({ params, searchParams }: SymbolPageProps) {
  await requireUser();
  const [{ symbol: requested }, { tf }] = await Promise.all([params, searchParams]);
  const timeframe = typeof tf === "string" && isTimeframe(tf) ? tf : DEFAULT_TIMEFRAME;
  const ticker = await getTickerOrNotFound(requested);
  const symbol = ticker.symbol;
  // One address per pair: "btc-usdt" and friends land on "BTC-USDT".
  if (requested !== symbol) redirect(`/markets/${symbol}${timeframe === DEFAULT_TIMEFRAME ? "" : `?tf=${timeframe}`}`);

  const [candles, book, trades, news] = await Promise.all([
    getCandles({ symbol, timeframe, limit: CANDLE_LIMIT }).catch(orEmpty("candles", symbol, [])),
    getOrderBook({ symbol, depth: BOOK_DEPTH }).catch(orEmpty("order book", symbol, { symbol, bids: [], asks: [], timestamp: ticker.timestamp })),
    getRecentTrades({ symbol, limit: TRADES_SHOWN }).catch(orEmpty("recent trades", symbol, [])),
    listNews({ page: 1, limit: 8, symbol }).catch(orEmpty("news", symbol, { items: [] })),
  ]);

  return (
    <MarketStreamProvider key={symbol} initialTickers={[ticker]}>
      <div className="flex flex-col gap-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Link
            href="/markets"
            className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
          >
            <ChevronLeft aria-hidden="true" className="size-4" />
            All markets
          </Link>
          <Link
            href={`/ai?symbol=${symbol}`}
            className="inline-flex w-fit items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
            data-testid="ask-ai-analyst"
          >
            <Sparkles aria-hidden="true" className="size-4" />
            Ask the AI analyst
          </Link>
        </div>
        <SymbolHeader symbol={symbol} />
        <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <MarketChart symbol={symbol} initialTimeframe={timeframe} initialCandles={candles} />
          <div className="flex flex-col gap-4">
            <OrderBook symbol={symbol} initial={book} />
            <RecentTrades initial={trades} load={listRecentTradesAction.bind(null, symbol)} />
          </div>
        </div>
        <NewsPanel items={news.items} title={`${symbol.split("-")[0]} news`} emptyText="No recent news mentions this pair." testId="symbol-news" />
      </div>
    </MarketStreamProvider>
  );
}
