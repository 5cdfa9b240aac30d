import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Download, Users } from "lucide-react";
import { z } from "zod";

import { CorrelationHeatmap } from "@/components/charts/correlation-heatmap";
import { DrawdownChart } from "@/components/charts/drawdown-chart";
import { PageHeader } from "@/components/layout/page-header";
import { ActivityList } from "@/components/portfolio/activity-list";
import { AllocationCard } from "@/components/portfolio/allocation-card";
import { AnalyticsCards } from "@/components/portfolio/analytics-cards";
import { computeDrawdownSeries } from "@/components/portfolio/drawdown";
import { HoldingsTable } from "@/components/portfolio/holdings-table";
import { ImportDialog } from "@/components/portfolio/import-dialog";
import { MonteCarloPanel } from "@/components/portfolio/monte-carlo-panel";
import { PortfolioActionsMenu } from "@/components/portfolio/portfolio-actions-menu";
import { describeSharedBy } from "@/components/portfolio/portfolio-card";
import { PortfolioTabs } from "@/components/portfolio/portfolio-tabs";
import { RebalanceTool } from "@/components/portfolio/rebalance-tool";
import { ShareDialog } from "@/components/portfolio/share-dialog";
import { AddTransactionButton, TransactionsPanel } from "@/components/portfolio/transactions-panel";
import { formatAmount } from "@/components/portfolio/format";
import { ValueHistoryCard } from "@/components/portfolio/value-history-card";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getMe } from "@/lib/auth/accounts";
import { requireUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getPortfolio, listActivity, listShares, listTransactions, type PortfolioView } from "@/lib/portfolio/queries";
import { getAnalytics, getHistory, getHoldings } from "@/lib/portfolio/valuation";

export const metadata: Metadata = { title: "Portfolio" };

const TRANSACTIONS_PER_PAGE = 50;
const MIN_SIMULATION_DAYS = 31;

type PageProps = {
  params: Promise<{ portfolioId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

async function loadPortfolio(userId: string, portfolioId: string): Promise<PortfolioView> {
  if (!z.uuid().safeParse(portfolioId).success) notFound();
  try {
    return await getPortfolio({ userId, portfolioId });
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export default async function PortfolioPage({ params, searchParams }: PageProps) {
  const auth = await requireUser();
  const { portfolioId } = await params;
  const portfolio = await loadPortfolio(auth.userId, portfolioId);
  const pageParam = (await searchParams).page;
  const page = Math.max(1, Math.floor(Number(typeof pageParam === "string" ? pageParam : "1")) || 1);
  const canEdit = portfolio.role !== "view";
  const canAdmin = portfolio.role === "owner" || portfolio.role === "admin";
  const isOwner = portfolio.role === "owner";

  const me = await getMe({ userId: auth.userId });
  const riskFreeRate = typeof me.settings.riskFreeRate === "number" ? me.settings.riskFreeRate : 0;
  const [holdings, transactions, history, analytics, shares, activity] = await Promise.all([
    getHoldings({ userId: auth.userId, portfolioId }),
    listTransactions({ userId: auth.userId, portfolioId, page, limit: TRANSACTIONS_PER_PAGE }),
    getHistory({ userId: auth.userId, portfolioId, range: "all" }),
    // The analytics are one section of the page: if they fail, the rest still shows.
    getAnalytics({ userId: auth.userId, portfolioId, riskFreeRate }).catch((error: unknown) => {
      logger.error({ err: error, portfolioId }, "portfolio page: analytics unavailable");
      return null;
    }),
    canAdmin ? listShares({ userId: auth.userId, portfolioId }) : Promise.resolve([]),
    listActivity({ userId: auth.userId, portfolioId, page: 1, limit: 30 }),
  ]);

  const sharedBy = describeSharedBy(portfolio);
  const historyPoints = history.points.map((point) => ({ date: point.date, valueUsd: Number(point.value), costBasisUsd: Number(point.costBasis) }));
  const drawdown = computeDrawdownSeries(history.points.map((point) => ({ ...point, valueUsd: point.value })));
  const valuedHoldings = holdings.holdings.filter((holding) => holding.value !== null && Number(holding.value) > 0);
  const allocation = valuedHoldings.map((holding) => ({ key: holding.symbol, valueUsd: Number(holding.value), weight: holding.weight ?? 0 }));
  const exportBase = `/api/v1/portfolios/${portfolio.id}/export`;
  const isEmpty = transactions.pagination.total === 0;

  const overview = (
    <div className="flex flex-col gap-6">
      {isEmpty ? (
        <Card data-testid="portfolio-getting-started">
          <CardHeader>
            <CardTitle as="h2">Start with your first transaction</CardTitle>
            <CardDescription>
              {canEdit
                ? "Add a buy or a deposit by hand, or import the CSV your exchange exports. Holdings, profit and loss, and the value chart fill in from there; the analytics need a few weeks of daily values."
                : "The owner has not added any transactions yet."}
            </CardDescription>
          </CardHeader>
        </Card>
      ) : (
        <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <ValueHistoryCard points={historyPoints} title="Value" testId="portfolio-value-chart" defaultRange="3m" showCostBasis currency={history.currency} />
          <AllocationCard slices={allocation} testId="portfolio-allocation" currency={holdings.currency} />
        </div>
      )}

      <Card>
        <CardHeader>
          <CardTitle as="h2">Holdings</CardTitle>
          <CardDescription>
            Cost basis is matched first in, first out. Valued {holdings.unpricedSymbols.length ? `without a price for ${holdings.unpricedSymbols.join(", ")}` : "at current market prices"}.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {holdings.holdings.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="holdings-empty">
              Nothing is held right now. {canEdit ? "Add a buy or deposit under Transactions." : ""}
            </p>
          ) : (
            <HoldingsTable holdings={holdings.holdings} totals={holdings.totals} currency={holdings.currency} />
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex flex-wrap items-start justify-between gap-3">
          <div className="flex min-w-0 flex-col gap-1.5">
            <CardTitle as="h2">Transactions</CardTitle>
            <CardDescription>
              {transactions.pagination.total} in total.{" "}
              <a href={`${exportBase}?format=csv`} download className="font-medium text-primary underline underline-offset-4 hover:decoration-2" data-testid="export-csv">
                <Download className="mr-1 inline size-3.5" aria-hidden="true" />
                Export CSV
              </a>{" "}
              ·{" "}
              <a href={`${exportBase}?format=json`} download className="font-medium text-primary underline underline-offset-4 hover:decoration-2" data-testid="export-json">
                Export JSON
              </a>
            </CardDescription>
          </div>
          {canEdit ? (
            <div className="flex flex-wrap gap-2">
              <ImportDialog portfolioId={portfolio.id} />
              <AddTransactionButton portfolioId={portfolio.id} />
            </div>
          ) : null}
        </CardHeader>
        <CardContent>
          <TransactionsPanel
            portfolioId={portfolio.id}
            transactions={transactions.items}
            pagination={{ page: transactions.pagination.page, totalPages: transactions.pagination.totalPages, total: transactions.pagination.total }}
            canEdit={canEdit}
          />
        </CardContent>
      </Card>
    </div>
  );

  const analyticsSection = (
    <div className="flex flex-col gap-6">
      {analytics ? (
        <>
          <Card>
            <CardHeader>
              <CardTitle as="h2">Risk and return</CardTitle>
              <CardDescription>
                {analytics.points > 1
                  ? `From ${analytics.points} daily values, ${analytics.from} to ${analytics.to}. Returns leave out deposits and withdrawals; risk figures are for one day.`
                  : "These fill in once the portfolio has a few days of values."}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <AnalyticsCards analytics={analytics} />
            </CardContent>
          </Card>
          <div className="grid gap-6 xl:grid-cols-2">
            <Card data-testid="drawdown">
              <CardHeader>
                <CardTitle as="h2">Drawdown</CardTitle>
                <CardDescription>How far below its previous peak the portfolio was each day, deposits and withdrawals left out.</CardDescription>
              </CardHeader>
              <CardContent>
                {drawdown.length > 1 ? (
                  <DrawdownChart points={drawdown} label={`Drawdown; the deepest was ${analytics.maxDrawdown === null ? "unknown" : `${(analytics.maxDrawdown * 100).toFixed(1)}%`}`} />
                ) : (
                  <p className="text-sm text-muted-foreground">Not enough history yet.</p>
                )}
              </CardContent>
            </Card>
            <Card data-testid="correlation">
              <CardHeader>
                <CardTitle as="h2">Correlation between holdings</CardTitle>
                <CardDescription>How similarly the current holdings&apos; prices moved day to day: 1 together, 0 unrelated, −1 opposite.</CardDescription>
              </CardHeader>
              <CardContent>
                {analytics.correlation.symbols.length > 1 ? (
                  <CorrelationHeatmap symbols={analytics.correlation.symbols} matrix={analytics.correlation.matrix} />
                ) : (
                  <p className="text-sm text-muted-foreground">Needs at least two holdings with a price history.</p>
                )}
              </CardContent>
            </Card>
          </div>
        </>
      ) : (
        <p role="alert" className="rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm" data-testid="analytics-unavailable">
          The analytics cannot be computed right now. Try again in a minute.
        </p>
      )}
      <Card>
        <CardHeader>
          <CardTitle as="h2">Monte Carlo: the next year</CardTitle>
        </CardHeader>
        <CardContent>
          <MonteCarloPanel portfolioId={portfolio.id} hasEnoughHistory={history.points.filter((point) => Number(point.valueUsd) > 0).length >= MIN_SIMULATION_DAYS} />
        </CardContent>
      </Card>
    </div>
  );

  const rebalanceSection = (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Rebalance</CardTitle>
      </CardHeader>
      <CardContent>
        {valuedHoldings.length === 0 ? (
          <p className="text-sm text-muted-foreground">Rebalancing needs holdings with a price.</p>
        ) : (
          <RebalanceTool
            portfolioId={portfolio.id}
            holdings={valuedHoldings.map((holding) => ({ symbol: holding.symbol, weight: holding.weight }))}
            savedTargets={portfolio.targetWeights}
            canSave={canEdit}
          />
        )}
      </CardContent>
    </Card>
  );

  const activitySection = (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Activity</CardTitle>
        <CardDescription>Who changed what, newest first.</CardDescription>
      </CardHeader>
      <CardContent>
        <ActivityList
          items={activity.items.map((item) => ({ ...item, createdAt: item.createdAt.toISOString() }))}
          testId="portfolio-activity"
          emptyText="Nothing has happened yet."
        />
      </CardContent>
    </Card>
  );

  return (
    <div className="flex flex-col gap-6" data-testid="portfolio-page" data-role={portfolio.role}>
      <Link href="/portfolios" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden="true" />
        Portfolios
      </Link>
      <PageHeader
        title={<span data-testid="portfolio-name-heading">{portfolio.name}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="secondary">{portfolio.kind === "exchange" ? "Exchange" : "Manual"}</Badge>
            <Badge variant="outline">Base {portfolio.baseCurrency}</Badge>
            {sharedBy ? (
              <Badge variant="outline" data-testid="portfolio-role" data-role={portfolio.role}>
                <Users aria-hidden="true" />
                {sharedBy}
              </Badge>
            ) : (
              <Badge variant="outline" data-testid="portfolio-role" data-role="owner">
                Owner
              </Badge>
            )}
            {portfolio.isArchived ? <Badge variant="warning">Archived</Badge> : null}
            {portfolio.description ? <span className="basis-full">{portfolio.description}</span> : null}
          </span>
        }
        actions={
          canEdit ? (
            <>
              {canAdmin ? <ShareDialog portfolioId={portfolio.id} portfolioName={portfolio.name} shares={shares} /> : null}
              <PortfolioActionsMenu portfolio={portfolio} canEdit={canEdit} isOwner={isOwner} />
            </>
          ) : null
        }
      />
      {holdings.conversionNote ? (
        <p className="text-sm text-muted-foreground" data-testid="portfolio-conversion-note">
          {holdings.conversionNote}
        </p>
      ) : portfolio.baseCurrency !== "USD" ? (
        <p className="text-sm text-muted-foreground" data-testid="portfolio-conversion-note">
          Amounts in {portfolio.baseCurrency}: each purchase at the {holdings.fx.market} rate of its day, today&apos;s value at {formatAmount(holdings.fx.usdPerUnit, "USD")} per{" "}
          {portfolio.baseCurrency}. Transactions, the simulation and rebalancing stay in US dollars, as traded.
        </p>
      ) : null}
      <PortfolioTabs
        defaultSection="overview"
        sections={[
          { id: "overview", label: "Overview", content: overview },
          { id: "analytics", label: "Analytics", content: analyticsSection },
          { id: "rebalance", label: "Rebalance", content: rebalanceSection },
          { id: "activity", label: "Activity", content: activitySection },
        ]}
      />
    </div>
  );
}
