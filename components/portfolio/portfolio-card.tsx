import Link from "next/link";
import { Users } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { PortfolioSummary } from "@/lib/portfolio/dashboard";
import { cn } from "@/lib/utils";

import { formatAmount, formatSignedAmount, formatSignedPct, TREND_ARROW, TREND_TEXT_CLASS, trendOf } from "./format";

export function describeSharedBy(portfolio: Pick<PortfolioSummary, "owner" | "role">): string | null {
  if (portfolio.role === "owner" || !portfolio.owner) return null;
  return `Shared by ${portfolio.owner.name ?? portfolio.owner.email} · ${portfolio.role}`;
}

export function PortfolioCard({ portfolio }: { portfolio: PortfolioSummary }) {
  const sharedBy = describeSharedBy(portfolio);
  const changeTrend = trendOf(portfolio.change24hPct);
  return (
    <Card className="h-full gap-4" data-testid="portfolio-card" data-portfolio-id={portfolio.id} data-role={portfolio.role}>
      <CardHeader>
        <CardTitle as="h2" className="text-lg">
          <Link href={`/portfolios/${portfolio.id}`} className="underline-offset-4 hover:underline" data-testid="portfolio-link">
            {portfolio.name}
          </Link>
        </CardTitle>
        <CardDescription className="flex flex-wrap items-center gap-2">
          <Badge variant="secondary">{portfolio.kind === "exchange" ? "Exchange" : "Manual"}</Badge>
          {sharedBy ? (
            <Badge variant="outline" data-testid="portfolio-shared-badge">
              <Users aria-hidden="true" />
              {sharedBy}
            </Badge>
          ) : null}
          {portfolio.isArchived ? <Badge variant="warning">Archived</Badge> : null}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-1">
        <p className="text-2xl font-semibold tabular-nums" data-testid="portfolio-card-value">
          {formatAmount(portfolio.valueUsd, portfolio.currency)}
        </p>
        <p className="text-sm text-muted-foreground">
          <span className={cn("font-medium", TREND_TEXT_CLASS[changeTrend])}>
            {portfolio.change24hPct === null ? "—" : `${TREND_ARROW[changeTrend]} ${formatSignedPct(portfolio.change24hPct)}`}
          </span>{" "}
          24 h · P&amp;L <span className={TREND_TEXT_CLASS[trendOf(portfolio.pnlUsd)]}>{formatSignedAmount(portfolio.pnlUsd, portfolio.currency)}</span> ·{" "}
          {portfolio.holdingCount} asset{portfolio.holdingCount === 1 ? "" : "s"}
        </p>
        {portfolio.description ? <p className="line-clamp-2 text-sm text-muted-foreground">{portfolio.description}</p> : null}
      </CardContent>
    </Card>
  );
}
