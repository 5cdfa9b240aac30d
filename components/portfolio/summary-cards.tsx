import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { DashboardTotals } from "@/lib/portfolio/dashboard";
import { cn } from "@/lib/utils";

import { formatSignedPct, formatSignedUsd, formatUsd, TREND_ARROW, TREND_TEXT_CLASS, trendOf } from "./format";

type SummaryCardsProps = {
  totals: DashboardTotals;
  portfolioCount: number;
  unpricedSymbols: readonly string[];
};

export function SummaryCards({ totals, portfolioCount, unpricedSymbols }: SummaryCardsProps) {
  const changeTrend = trendOf(totals.change24hPct);
  const pnlTrend = trendOf(totals.pnlUsd);
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Card className="gap-2">
        <CardHeader>
          <CardDescription>Total value</CardDescription>
          <CardTitle as="h2" className="text-2xl tabular-nums" data-testid="dashboard-total-value" data-value={totals.valueUsd}>
            {formatUsd(totals.valueUsd)}
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
          {totals.change24hUsd === null ? "No 24 h prices for the holdings yet" : `${formatSignedUsd(totals.change24hUsd)} since this time yesterday`}
        </CardContent>
      </Card>
      <Card className="gap-2">
        <CardHeader>
          <CardDescription>Total profit and loss</CardDescription>
          <CardTitle as="h2" className={cn("text-2xl tabular-nums", TREND_TEXT_CLASS[pnlTrend])} data-testid="dashboard-pnl">
            {formatSignedUsd(totals.pnlUsd)}
            {totals.pnlPct === null ? null : <span className="ml-2 text-base">({formatSignedPct(totals.pnlPct)})</span>}
          </CardTitle>
        </CardHeader>
        <CardContent className="text-xs text-muted-foreground">
          Unrealized {formatSignedUsd(totals.unrealizedPnlUsd)} · realized {formatSignedUsd(totals.realizedPnlUsd)}. The % is of what the current holdings cost.
        </CardContent>
      </Card>
    </div>
  );
}
