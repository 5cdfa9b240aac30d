"use client";

import { cn } from "@/lib/utils";

import { formatAmount, formatPrice, priceDecimals } from "./format";
import { fetchApiData, usePolling } from "./use-polling";

export type OrderBookLevel = [price: number, amount: number];
export type OrderBookSnapshot = { symbol: string; bids: OrderBookLevel[]; asks: OrderBookLevel[]; timestamp: number };

const LEVELS = 15;
// Every 5 s: an open market page then costs 24 of the user's 100 API requests a minute (with the trades).
const REFRESH_MS = 5_000;

function isLevel(value: unknown): value is OrderBookLevel {
  return Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "number";
}

function parseOrderBook(value: unknown): OrderBookSnapshot {
  const book = value as Partial<OrderBookSnapshot> | null;
  if (!book || !Array.isArray(book.bids) || !Array.isArray(book.asks)) throw new Error("Malformed order book");
  return {
    symbol: String(book.symbol ?? ""),
    bids: book.bids.filter(isLevel),
    asks: book.asks.filter(isLevel),
    timestamp: typeof book.timestamp === "number" ? book.timestamp : Date.now(),
  };
}

type DepthRow = { price: number; amount: number; total: number };

// Cumulative amount from the best price outwards; the bar shows each level's share of the deepest side.
function withTotals(levels: readonly OrderBookLevel[]): DepthRow[] {
  let total = 0;
  return levels.slice(0, LEVELS).map(([price, amount]) => {
    total += amount;
    return { price, amount, total };
  });
}

function BookSide({
  side,
  rows,
  maxTotal,
  decimals,
}: {
  side: "ask" | "bid";
  rows: readonly DepthRow[];
  maxTotal: number;
  decimals: number;
}) {
  const isAsk = side === "ask";
  // Asks are listed best (lowest) last so both sides meet at the spread.
  const ordered = isAsk ? [...rows].reverse() : rows;
  return (
    <table className="w-full text-xs tabular-nums" data-testid={`orderbook-${side}s`}>
      <caption className="sr-only">{isAsk ? "Asks: offers to sell, lowest price nearest the spread" : "Bids: offers to buy, highest price first"}</caption>
      <thead className={cn(!isAsk && "sr-only")}>
        <tr className="text-muted-foreground">
          <th scope="col" className="px-2 py-1 text-left font-medium">
            Price
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            Amount
          </th>
          <th scope="col" className="px-2 py-1 text-right font-medium">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {ordered.length === 0 ? (
          <tr>
            <td colSpan={3} className="px-2 py-2 text-center text-muted-foreground">
              No {isAsk ? "asks" : "bids"}
            </td>
          </tr>
        ) : (
          ordered.map((row) => {
            const depthPct = ((row.total / maxTotal) * 100).toFixed(1);
            const tint = `color-mix(in srgb, var(${isAsk ? "--down" : "--up"}) 12%, transparent)`;
            return (
              <tr
                key={row.price}
                data-testid="orderbook-level"
                style={{ background: `linear-gradient(to left, ${tint} ${depthPct}%, transparent ${depthPct}%)` }}
              >
                <td className={cn("px-2 py-0.5 font-medium", isAsk ? "text-down" : "text-up")}>{formatPrice(row.price, decimals)}</td>
                <td className="px-2 py-0.5 text-right">{formatAmount(row.amount)}</td>
                <td className="px-2 py-0.5 text-right text-muted-foreground">{formatAmount(row.total)}</td>
              </tr>
            );
          })
        )}
      </tbody>
    </table>
  );
}

/** Top 15 bids and asks with cumulative depth bars, refreshed every 2 s. */
export function OrderBook({ symbol, initial }: { symbol: string; initial: OrderBookSnapshot }) {
  const { data: book, error } = usePolling(
    async (signal) => parseOrderBook(await fetchApiData(`/api/v1/market/orderbook/${symbol}?depth=${LEVELS}`, signal)),
    REFRESH_MS,
    initial,
  );
  const asks = withTotals(book.asks);
  const bids = withTotals(book.bids);
  const maxTotal = Math.max(asks.at(-1)?.total ?? 0, bids.at(-1)?.total ?? 0) || 1;
  const bestAsk = book.asks[0]?.[0];
  const bestBid = book.bids[0]?.[0];
  const decimals = priceDecimals(bestBid ?? bestAsk ?? 0);
  const spread = bestAsk !== undefined && bestBid !== undefined ? bestAsk - bestBid : null;
  const spreadPct = spread !== null && bestBid ? (spread / bestBid) * 100 : null;

  return (
    <section aria-labelledby="orderbook-heading" className="flex flex-col gap-2 rounded-lg border p-3" data-testid="orderbook">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="orderbook-heading" className="text-sm font-semibold">
          Order book
        </h2>
        {error ? (
          <span role="status" className="text-xs text-warning">
            Not updating
          </span>
        ) : null}
      </div>
      <div className="overflow-hidden">
        <BookSide side="ask" rows={asks} maxTotal={maxTotal} decimals={decimals} />
      </div>
      <p className="border-y py-1.5 text-center text-xs text-muted-foreground tabular-nums" data-testid="orderbook-spread">
        Spread {spread === null ? "—" : `${formatPrice(spread, decimals)} (${spreadPct?.toFixed(3)}%)`}
      </p>
      <div className="overflow-hidden">
        <BookSide side="bid" rows={bids} maxTotal={maxTotal} decimals={decimals} />
      </div>
    </section>
  );
}
