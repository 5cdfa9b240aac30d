import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Mover } from "@/lib/portfolio/dashboard";
import { cn } from "@/lib/utils";

import { formatAmount, formatSignedPct, TREND_ARROW, TREND_TEXT_CLASS, trendOf, type DisplayCurrency } from "./format";

export function TopMovers({ movers, currency = "USD" }: { movers: readonly Mover[]; currency?: DisplayCurrency }) {
  return (
    <Card data-testid="dashboard-movers">
      <CardHeader>
        <CardTitle as="h2">Top movers</CardTitle>
        <CardDescription>Your holdings with the largest price move in 24 h.</CardDescription>
      </CardHeader>
      <CardContent>
        {movers.length === 0 ? (
          <p className="text-sm text-muted-foreground">No 24 h prices for your holdings yet.</p>
        ) : (
          <ul className="flex flex-col divide-y">
            {movers.map((mover) => {
              const trend = trendOf(mover.change24hPct);
              return (
                <li key={mover.symbol} className="flex items-center gap-3 py-2 first:pt-0 last:pb-0 text-sm" data-testid="mover-row" data-symbol={mover.symbol}>
                  <span className="w-14 font-medium">{mover.symbol}</span>
                  <span className="text-muted-foreground tabular-nums">{formatAmount(mover.priceUsd, currency)}</span>
                  <span className={cn("ml-auto font-medium tabular-nums", TREND_TEXT_CLASS[trend])}>
                    <span aria-hidden="true" className="mr-1 text-xs">
                      {TREND_ARROW[trend]}
                    </span>
                    {formatSignedPct(mover.change24hPct)}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
