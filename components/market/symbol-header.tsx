"use client";

import { formatCompact, formatPrice, splitSymbol } from "./format";
import { LivePrice, PriceChange } from "./live-price";
import { StreamStatus } from "./stream-status";
import { useTicker } from "./use-market-stream";

/** The pair's live price and 24 h statistics. */
export function SymbolHeader({ symbol }: { symbol: string }) {
  const ticker = useTicker(symbol);
  const { base, quote } = splitSymbol(symbol);
  const stats: { label: string; value: string }[] = [
    { label: "24h high", value: formatPrice(ticker?.high24h) },
    { label: "24h low", value: formatPrice(ticker?.low24h) },
    { label: "24h open", value: formatPrice(ticker?.open24h) },
    { label: `24h volume (${base})`, value: formatCompact(ticker?.volume24h) },
    { label: `24h volume (${quote})`, value: formatCompact(ticker?.quoteVolume24h) },
  ];
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {base}
            <span className="text-muted-foreground">/{quote}</span>
          </h1>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <LivePrice ticker={ticker} className="-ml-1 text-3xl font-semibold" data-testid="symbol-price" data-symbol={symbol} />
            <PriceChange pct={ticker?.change24hPct} className="text-base font-medium" />
            <span className="sr-only">in the last 24 hours</span>
          </div>
        </div>
        <StreamStatus />
      </div>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-5" data-testid="symbol-stats">
        {stats.map((stat) => (
          <div key={stat.label} className="flex flex-col">
            <dt className="text-xs text-muted-foreground">{stat.label}</dt>
            <dd className="font-medium tabular-nums">{stat.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
