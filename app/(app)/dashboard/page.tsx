import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight, Bell, ChartCandlestick, KeyRound, Wallet, type LucideIcon } from "lucide-react";

import { isPathAvailable } from "@/components/layout/nav-items";
import { PageHeader } from "@/components/layout/page-header";
import { pickStripSymbols } from "@/components/market/strip-symbols";
import { TickerStrip } from "@/components/market/ticker-strip";
import { NewsPanel } from "@/components/news/news-panel";
import { MarketStreamProvider } from "@/components/market/use-market-stream";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { ActivityList } from "@/components/portfolio/activity-list";
import { AllocationCard } from "@/components/portfolio/allocation-card";
import { SummaryCards } from "@/components/portfolio/summary-cards";
import { TopMovers } from "@/components/portfolio/top-movers";
import { ValueHistoryCard } from "@/components/portfolio/value-history-card";
import { requireUser } from "@/lib/auth/guards";
import { logger } from "@/lib/logger";
import type { TickerEvent } from "@/lib/market/events";
import { getTickers, listTrackedSymbols } from "@/lib/market/quotes";
import { listNews } from "@/lib/news/queries";
import { getDashboard, type DashboardData } from "@/lib/portfolio/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

type NextStep = {
  id: string;
  title: string;
  description: string;
  href: string;
  cta: string;
  icon: LucideIcon;
};

const allNextSteps: readonly NextStep[] = [
  {
    id: "exchange-key",
    title: "Connect an exchange key",
    description:
      "Add an API key from your exchange so TradePulse can import balances and trades (read-only is enough for that). Keys are encrypted on this server and never shown again in full.",
    href: "/settings/exchange-keys",
    cta: "Add an exchange key",
    icon: KeyRound,
  },
  {
    id: "portfolio",
    title: "Create a portfolio",
    description:
      "Group holdings from one or more exchanges, or enter transactions by hand, to follow value, profit and loss, and risk over time.",
    href: "/portfolios",
    cta: "Set up a portfolio",
    icon: Wallet,
  },
  {
    id: "markets",
    title: "Browse markets",
    description: "Look up trading pairs, follow live prices and open candlestick charts and order books.",
    href: "/markets",
    cta: "Explore markets",
    icon: ChartCandlestick,
  },
  {
    id: "alert",
    title: "Set a price alert",
    description: "Choose a pair and a price level; you will be notified when the market crosses it.",
    href: "/alerts",
    cta: "Create an alert",
    icon: Bell,
  },
];

const nextSteps = allNextSteps.filter((step) => isPathAvailable(step.href));

// The strip starts from the latest quotes when they can be read; otherwise it fills in from the stream.
async function getStripTickers(symbols: readonly string[]): Promise<TickerEvent[]> {
  try {
    return await getTickers({ symbols });
  } catch (error) {
    logger.warn({ err: error }, "dashboard: ticker strip quotes unavailable");
    return [];
  }
}

// Portfolio figures need live prices; when the market is unreachable the page still renders, with a notice.
async function loadDashboard(userId: string): Promise<DashboardData | "unavailable"> {
  try {
    return await getDashboard({ userId });
  } catch (error) {
    logger.error({ err: error }, "dashboard: portfolio figures unavailable");
    return "unavailable";
  }
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const auth = await requireUser();
  const { welcome } = await searchParams;
  const stripSymbols = pickStripSymbols(listTrackedSymbols());
  const [stripTickers, dashboard, news] = await Promise.all([
    getStripTickers(stripSymbols),
    loadDashboard(auth.userId),
    // News is a side panel: the dashboard renders without it when it cannot be read.
    listNews({ page: 1, limit: 6 }).catch((error: unknown) => {
      logger.warn({ err: error }, "dashboard: news unavailable");
      return { items: [] };
    }),
  ]);
  const hasPortfolios = dashboard === "unavailable" || dashboard.portfolios.length > 0;
  return (
    <div className="flex flex-col gap-8">
      <MarketStreamProvider initialTickers={stripTickers}>
        <TickerStrip symbols={stripSymbols} isLinked={isPathAvailable("/markets")} />
      </MarketStreamProvider>
      {welcome === "1" ? (
        <p role="status" className="rounded-lg border bg-accent px-4 py-3 text-sm" data-testid="welcome-notice">
          Your account is ready. We sent a link to your email address: open it to verify the address.
        </p>
      ) : null}
      {hasPortfolios ? (
        <PortfolioOverview dashboard={dashboard} />
      ) : (
        <>
          <PageHeader
            title="Welcome to TradePulse"
            description="Your dashboard fills in as you connect exchanges and build portfolios. Start with any of these steps."
          />
          <section aria-labelledby="next-steps-heading" className="flex flex-col gap-4" data-testid="dashboard-next-steps">
            <h2 id="next-steps-heading" className="text-lg font-semibold">
              Next steps
            </h2>
            <ol className="grid gap-4 sm:grid-cols-2">
              {nextSteps.map((step) => {
                const Icon = step.icon;
                return (
                  <li key={step.id} className="flex">
                    <Card className="w-full" data-testid={`next-step-${step.id}`}>
                      <CardHeader>
                        <div className="mb-2 flex size-10 items-center justify-center rounded-lg bg-accent text-primary">
                          <Icon className="size-5" aria-hidden="true" />
                        </div>
                        <CardTitle as="h3">{step.title}</CardTitle>
                        <CardDescription>{step.description}</CardDescription>
                      </CardHeader>
                      <CardFooter className="mt-auto">
                        <Button asChild variant="outline">
                          <Link href={step.href}>
                            {step.cta}
                            <ArrowRight aria-hidden="true" />
                          </Link>
                        </Button>
                      </CardFooter>
                    </Card>
                  </li>
                );
              })}
            </ol>
          </section>
        </>
      )}
      <NewsPanel items={news.items} title="Market news" testId="dashboard-news" />
    </div>
  );
}

function PortfolioOverview({ dashboard }: { dashboard: DashboardData | "unavailable" }) {
  const header = (
    <PageHeader
      title="Dashboard"
      description="All your portfolios together, including those shared with you."
      actions={
        <Button asChild variant="outline">
          <Link href="/portfolios">
            <Wallet aria-hidden="true" />
            Portfolios
          </Link>
        </Button>
      }
    />
  );
  if (dashboard === "unavailable") {
    return (
      <>
        {header}
        <p role="alert" className="rounded-lg border border-warning/40 bg-warning/10 px-4 py-3 text-sm" data-testid="dashboard-unavailable">
          Portfolio values need current market prices, which cannot be read right now. Try again in a minute.
        </p>
      </>
    );
  }
  return (
    <>
      {header}
      <SummaryCards totals={dashboard.totals} portfolioCount={dashboard.portfolios.length} unpricedSymbols={dashboard.unpricedSymbols} currency={dashboard.currency} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <ValueHistoryCard
          points={dashboard.history.map((point) => ({ date: point.date, valueUsd: point.valueUsd, costBasisUsd: point.costBasisUsd }))}
          title="Portfolio value"
          testId="dashboard-value-chart"
          defaultRange="3m"
          showCostBasis
          currency={dashboard.currency}
        />
        <AllocationCard slices={dashboard.allocation} testId="dashboard-allocation" currency={dashboard.currency} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <TopMovers movers={dashboard.movers} currency={dashboard.currency} />
        <Card data-testid="dashboard-activity">
          <CardHeader>
            <CardTitle as="h2">Recent activity</CardTitle>
            <CardDescription>The latest changes across your portfolios.</CardDescription>
          </CardHeader>
          <CardContent>
            <ActivityList
              items={dashboard.activity.map((item) => ({ ...item, portfolio: { id: item.portfolioId, name: item.portfolioName } }))}
              testId="dashboard-activity-list"
              emptyText="Nothing has happened yet."
            />
          </CardContent>
        </Card>
      </div>
    </>
  );
}
