"use client";

import { cn } from "@/lib/utils";

import { formatAmount, formatPrice, formatUtcTime, priceDecimals } from "./format";
import { usePolling } from "./use-polling";

export type RecentTrade = { id: string; timestamp: number; side: "buy" | "sell"; price: number; amount: number };

const REFRESH_MS = 5_000;
const SHOWN = 20;

type RecentTradesProps = {
  initial: readonly RecentTrade[];
  /** Newest first or not: the list is sorted here. */
  load: () => Promise<readonly RecentTrade[]>;
};

/** The latest public trades, newest first, refreshed every 3 s. */
export function RecentTrades({ initial, load }: RecentTradesProps) {
  const { data, error } = usePolling(() => load(), REFRESH_MS, initial);
  const trades = [...data].sort((a, b) => b.timestamp - a.timestamp).slice(0, SHOWN);
  const decimals = priceDecimals(trades[0]?.price ?? 0);

  return (
    <section aria-labelledby="recent-trades-heading" className="flex flex-col gap-2 rounded-lg border p-3" data-testid="recent-trades">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="recent-trades-heading" className="text-sm font-semibold">
          Recent trades
        </h2>
        {error ? (
          <span role="status" className="text-xs text-warning">
            Not updating
          </span>
        ) : null}
      </div>
      <table className="w-full text-xs tabular-nums">
        <caption className="sr-only">Latest public trades, newest first; times in UTC</caption>
        <thead>
          <tr className="text-muted-foreground">
            <th scope="col" className="px-2 py-1 text-left font-medium">
              Price
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="px-2 py-1 text-right font-medium">
              Time (UTC)
            </th>
          </tr>
        </thead>
        <tbody>
          {trades.length === 0 ? (
            <tr>
              <td colSpan={3} className="px-2 py-4 text-center text-muted-foreground">
                No trades yet
              </td>
            </tr>
          ) : (
            trades.map((trade) => (
              <tr key={trade.id} data-testid="recent-trade" data-side={trade.side}>
                <td className={cn("px-2 py-0.5 font-medium", trade.side === "buy" ? "text-up" : "text-down")}>
                  <span aria-hidden="true" className="mr-1 text-[0.7em]">
                    {trade.side === "buy" ? "▲" : "▼"}
                  </span>
                  <span className="sr-only">{trade.side === "buy" ? "Buy at " : "Sell at "}</span>
                  {formatPrice(trade.price, decimals)}
                </td>
                <td className="px-2 py-0.5 text-right">{formatAmount(trade.amount)}</td>
                <td className="px-2 py-0.5 text-right text-muted-foreground">{formatUtcTime(trade.timestamp)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}
