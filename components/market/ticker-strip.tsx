"use client";

import Link from "next/link";

import { cn } from "@/lib/utils";

import { splitSymbol } from "./format";
import { LivePrice, PriceChange } from "./live-price";
import { StreamStatus } from "./stream-status";
import { useTicker } from "./use-market-stream";

function StripItem({ symbol, isLinked }: { symbol: string; isLinked: boolean }) {
  const ticker = useTicker(symbol);
  const { base, quote } = splitSymbol(symbol);
  const body = (
    <>
      <span className="text-xs font-medium text-muted-foreground">
        {base}/{quote}
      </span>
      <LivePrice ticker={ticker} className="text-sm font-semibold" data-testid="ticker-strip-price" data-symbol={symbol} />
      <PriceChange pct={ticker?.change24hPct} className="text-xs" />
    </>
  );
  const itemClass = "flex min-w-36 flex-col gap-0.5 rounded-md border bg-card px-3 py-2";
  return (
    <li className="shrink-0" data-testid="ticker-strip-item" data-symbol={symbol}>
      {isLinked ? (
        <Link
          href={`/markets/${symbol}`}
          className={cn(itemClass, "hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden")}
        >
          {body}
        </Link>
      ) : (
        <div className={itemClass}>{body}</div>
      )}
    </li>
  );
}

/** Live prices of the main pairs in one horizontally scrolling row. */
export function TickerStrip({ symbols, isLinked }: { symbols: readonly string[]; isLinked: boolean }) {
  return (
    <section aria-label="Market prices" className="flex items-center gap-3" data-testid="ticker-strip">
      <StreamStatus className="hidden sm:inline-flex" />
      <ul
        className="flex min-w-0 flex-1 snap-x gap-2 overflow-x-auto pb-1 [scrollbar-width:thin]"
        // A scrolling region must be reachable by keyboard; links inside already are.
        tabIndex={isLinked ? undefined : 0}
        aria-label="Prices of the main trading pairs"
      >
        {symbols.map((symbol) => (
          <StripItem key={symbol} symbol={symbol} isLinked={isLinked} />
        ))}
      </ul>
    </section>
  );
}
