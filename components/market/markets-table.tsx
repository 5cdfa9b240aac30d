"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useState, type MouseEvent } from "react";
import { ArrowDown, ArrowUp, ArrowUpDown, Search, Star } from "lucide-react";

import { Sparkline } from "@/components/charts/sparkline";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { cn } from "@/lib/utils";

import { formatCompact, formatPct } from "./format";
import { LivePrice, PriceChange } from "./live-price";
import { StreamStatus } from "./stream-status";
import { useFavourites } from "./use-favourites";
import { useMarketStream, type LiveTicker } from "./use-market-stream";

export type MarketListing = { symbol: string; base: string; quote: string };

type SortKey = "symbol" | "price" | "change" | "volume";
type SortDirection = "asc" | "desc";
type Sort = { key: SortKey; direction: SortDirection } | null;
type Filter = "all" | "favourites";

type MarketsTableProps = {
  markets: readonly MarketListing[];
  /** 24 h of closes per symbol, oldest first. */
  sparklines: Readonly<Record<string, readonly number[]>>;
};

type Row = MarketListing & { ticker: LiveTicker | undefined };

function normalizeQuery(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, "");
}

function sortValue(row: Row, key: SortKey): number | string | null {
  switch (key) {
    case "symbol":
      return row.symbol;
    case "price":
      return row.ticker?.last ?? null;
    case "change":
      return row.ticker?.change24hPct ?? null;
    case "volume":
      return row.ticker?.quoteVolume24h ?? null;
  }
}

function compareRows(a: Row, b: Row, sort: NonNullable<Sort>): number {
  const left = sortValue(a, sort.key);
  const right = sortValue(b, sort.key);
  // Missing values sort last in either direction.
  if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
  const order = typeof left === "string" ? left.localeCompare(String(right)) : left - Number(right);
  return sort.direction === "asc" ? order : -order;
}

const DEFAULT_DIRECTION: Readonly<Record<SortKey, SortDirection>> = {
  symbol: "asc",
  price: "desc",
  change: "desc",
  volume: "desc",
};

function SortHeader({
  label,
  sortKey,
  sort,
  onSort,
  className,
}: {
  label: string;
  sortKey: SortKey;
  sort: Sort;
  onSort: (key: SortKey) => void;
  className?: string;
}) {
  const direction = sort?.key === sortKey ? sort.direction : null;
  const Icon = direction === "asc" ? ArrowUp : direction === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <TableHead
      aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
      className={className}
    >
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        data-testid={`market-sort-${sortKey}`}
        className={cn(
          "-mx-1 inline-flex items-center gap-1 rounded-sm px-1 py-0.5 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
          direction && "text-foreground",
        )}
      >
        {label}
        <Icon aria-hidden="true" className="size-3.5" />
        <span className="sr-only">
          {direction === "asc" ? ", sorted ascending" : direction === "desc" ? ", sorted descending" : ", sort"}
        </span>
      </button>
    </TableHead>
  );
}

export function MarketsTable({ markets, sparklines }: MarketsTableProps) {
  const router = useRouter();
  const { tickers } = useMarketStream();
  const { favourites, toggleFavourite } = useFavourites();
  const [query, setQuery] = useState("");
  const [filter, setFilter] = useState<Filter>("all");
  const [sort, setSort] = useState<Sort>(null);
  const deferredQuery = useDeferredValue(query);

  const rows = useMemo(() => {
    const needle = normalizeQuery(deferredQuery);
    const visible: Row[] = markets
      .filter((market) => (filter === "favourites" ? favourites.has(market.symbol) : true))
      .filter((market) => !needle || normalizeQuery(market.symbol).includes(needle))
      .map((market) => ({ ...market, ticker: tickers.get(market.symbol) }));
    return sort ? visible.sort((a, b) => compareRows(a, b, sort)) : visible;
  }, [markets, tickers, favourites, filter, deferredQuery, sort]);

  const onSort = (key: SortKey) => {
    setSort((current) =>
      current?.key === key
        ? { key, direction: current.direction === "asc" ? "desc" : "asc" }
        : { key, direction: DEFAULT_DIRECTION[key] },
    );
  };

  const openRow = (event: MouseEvent<HTMLTableRowElement>, symbol: string) => {
    // Links and buttons inside the row handle their own clicks.
    if ((event.target as HTMLElement).closest("a, button")) return;
    router.push(`/markets/${symbol}`);
  };

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="relative w-full sm:max-w-xs">
          <Search aria-hidden="true" className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
          <Input
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Search pairs, e.g. BTC"
            aria-label="Search markets by symbol"
            className="pl-9"
            data-testid="market-search"
            autoComplete="off"
          />
        </div>
        <div className="flex items-center gap-3">
          <div role="group" aria-label="Show" className="inline-flex rounded-md border p-0.5">
            {(["all", "favourites"] as const).map((value) => (
              <button
                key={value}
                type="button"
                aria-pressed={filter === value}
                onClick={() => setFilter(value)}
                data-testid={`market-filter-${value}`}
                className={cn(
                  "rounded-sm px-3 py-1 text-sm font-medium transition-colors focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden",
                  filter === value ? "bg-secondary text-secondary-foreground" : "text-muted-foreground hover:text-foreground",
                )}
              >
                {value === "all" ? "All" : `Favourites (${favourites.size})`}
              </button>
            ))}
          </div>
          <StreamStatus />
        </div>
      </div>

      <div className="rounded-lg border">
        <Table data-testid="markets-table">
          <caption className="sr-only">
            Tracked trading pairs with live last price, 24 hour change, 24 hour volume and 24 hour trend
          </caption>
          <TableHeader>
            <TableRow className="hover:bg-transparent">
              <TableHead className="w-10">
                <span className="sr-only">Favourite</span>
              </TableHead>
              <SortHeader label="Pair" sortKey="symbol" sort={sort} onSort={onSort} />
              <SortHeader label="Price" sortKey="price" sort={sort} onSort={onSort} className="text-right" />
              <SortHeader label="24h change" sortKey="change" sort={sort} onSort={onSort} className="text-right" />
              <SortHeader label="24h volume" sortKey="volume" sort={sort} onSort={onSort} className="hidden text-right sm:table-cell" />
              <TableHead className="hidden text-right md:table-cell">24h trend</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow className="hover:bg-transparent">
                <TableCell colSpan={6} className="py-10 text-center text-muted-foreground" data-testid="markets-empty">
                  {filter === "favourites" && favourites.size === 0
                    ? "No favourites yet: star a pair to pin it here."
                    : "No pair matches your search."}
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => {
                const isFavourite = favourites.has(row.symbol);
                const spark = sparklines[row.symbol] ?? [];
                const trend = row.ticker ? [...spark, row.ticker.last] : spark;
                return (
                  <TableRow
                    key={row.symbol}
                    data-testid="market-row"
                    data-symbol={row.symbol}
                    className="cursor-pointer"
                    onClick={(event) => openRow(event, row.symbol)}
                  >
                    <TableCell className="w-10 pr-0">
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-pressed={isFavourite}
                        aria-label={isFavourite ? `Remove ${row.symbol} from favourites` : `Add ${row.symbol} to favourites`}
                        onClick={() => toggleFavourite(row.symbol)}
                        data-testid="market-favourite"
                        data-symbol={row.symbol}
                      >
                        <Star
                          aria-hidden="true"
                          className={cn(isFavourite ? "fill-warning text-warning" : "text-muted-foreground")}
                        />
                      </Button>
                    </TableCell>
                    <TableCell>
                      <Link
                        href={`/markets/${row.symbol}`}
                        className="rounded-sm font-medium hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-hidden"
                        data-testid="market-link"
                      >
                        {row.base}
                        <span className="sr-only text-muted-foreground sm:not-sr-only">/{row.quote}</span>
                      </Link>
                    </TableCell>
                    <TableCell className="text-right font-medium">
                      <LivePrice ticker={row.ticker} data-testid="market-price" data-symbol={row.symbol} />
                    </TableCell>
                    <TableCell className="text-right">
                      <PriceChange pct={row.ticker?.change24hPct} />
                    </TableCell>
                    <TableCell className="hidden text-right tabular-nums sm:table-cell">
                      {formatCompact(row.ticker?.quoteVolume24h)}
                      <span className="ml-1 text-xs text-muted-foreground">{row.quote}</span>
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      <Sparkline
                        values={trend}
                        className="ml-auto block"
                        label={`${row.symbol} over 24 hours: ${formatPct(row.ticker?.change24hPct)}`}
                      />
                    </TableCell>
                  </TableRow>
                );
              })
            )}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}
