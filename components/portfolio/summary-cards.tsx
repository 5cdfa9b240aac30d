import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { DashboardTotals } from "@/lib/portfolio/dashboard";
import { cn } from "@/lib/utils";

import { formatAmount, formatSignedAmount, formatSignedPct, TREND_ARROW, TREND_TEXT_CLASS, trendOf, type DisplayCurrency } from "./format";

type SummaryCardsProps = {
  totals: DashboardTotals;
  portfolioCount: number;
  unpricedSymbols: readonly string[];
  /** The currency of the totals (default USD). */
  currency?: DisplayCurrency;
};

export function SummaryCards({ totals, portfolioCount, unpricedSymbols, currency = "USD" }: SummaryCardsProps) {
  const changeTrend = trendOf(totals.change24hPct);
  const pnlTrend = trendOf(totals.pnlUsd);
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Card className="gap-2">
        <CardHeader>
          <CardDescription>Total value</CardDescription>
          <CardTitle as="h2" className="text-2xl tabular-nums" data-testid="dashboard-total-value" data-value={totals.valueUsd}>
            {formatAmount(totals.valueUsd, currency)}
          </CardTitle>
        </CardHeader>
        <CardContent className="text-xs text-muted-foreground">
          Across {portfolioCount} portfolio{portfolioCount === 1 ? "" : "s"}
          {unpricedSymbols.length ? ` · no price for ${unpricedSymbols.join(", ")}` : ""}
        </CardContent>
      </Card>
      <Card className="gap-2">
        <CardHeader>
          <CardDescription>24 h change</CardDescription>
          <CardTitle as="h2" className={cn("text-2xl tabular-nums", TREND_TEXT_CLASS[changeTrend])} data-testid="dashboard-change-24h">
            {totals.change24hPct === null ? (
              "—"
            ) : (
              <>
                <span aria-hidden="true" className="mr-1 text-base">
                  {TREND_ARROW[changeTrend]}
                </span>
                {formatSignedPct(totals.change24hPct)}
              </>
            )}
          </CardTitle>
        </CardHeader>
        <CardContent className="text-xs text-muted-foreground">
          {totals.change24hUsd === null ? "No 24 h prices for the holdings yet" : `${formatSignedAmount(totals.change24hUsd, currency)} since this time yesterday`}
        </CardContent>
      </Card>
      <Card className="gap-2">
        <CardHeader>
          <CardDescription>Total profit and loss</CardDescription>
          <CardTitle as="h2" className={cn("text-2xl tabular-nums", TREND_TEXT_CLASS[pnlTrend])} data-testid="dashboard-pnl">
            {formatSignedAmount(totals.pnlUsd, currency)}
            {totals.pnlPct === null ? null : <span className="ml-2 text-base">({formatSignedPct(totals.pnlPct)})</span>}
          </CardTitle>
        </CardHeader>
        <CardContent className="text-xs text-muted-foreground">
          Unrealized {formatSignedAmount(totals.unrealizedPnlUsd, currency)} · realized {formatSignedAmount(totals.realizedPnlUsd, currency)}. The % is of what the current holdings cost.
        </CardContent>
      </Card>
    </div>
  );
}
