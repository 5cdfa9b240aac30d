import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";

import { PageHeader } from "@/components/layout/page-header";
import { NewPortfolioDialog } from "@/components/portfolio/new-portfolio-dialog";
import { PortfolioCard } from "@/components/portfolio/portfolio-card";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { listPortfolioSummaries } from "@/lib/portfolio/dashboard";

export const metadata: Metadata = { title: "Portfolios" };

export default async function PortfoliosPage() {
  const auth = await requireUser();
  const portfolios = await listPortfolioSummaries({ userId: auth.userId, includeArchived: true });
  const active = portfolios.filter((portfolio) => !portfolio.isArchived);
  const archived = portfolios.filter((portfolio) => portfolio.isArchived);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Portfolios"
        description="Your portfolios and those shared with you. Values are in US dollars at current market prices."
        actions={active.length > 0 ? <NewPortfolioDialog /> : undefined}
      />
      {active.length === 0 ? (
        <Card data-testid="portfolios-empty">
          <CardHeader>
            <CardTitle as="h2">No portfolios yet</CardTitle>
            <CardDescription>
              Create a manual portfolio and add your buys and sells (or import a CSV from Binance or Coinbase), or connect an exchange key and
              TradePulse builds a portfolio from your trades.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-3">
            <NewPortfolioDialog />
            <Button asChild variant="outline">
              <Link href="/settings/exchange-keys">
                <KeyRound aria-hidden="true" />
                Connect an exchange key
              </Link>
            </Button>
          </CardContent>
        </Card>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="portfolio-list">
          {active.map((portfolio) => (
            <li key={portfolio.id}>
              <PortfolioCard portfolio={portfolio} />
            </li>
          ))}
        </ul>
      )}
      {archived.length > 0 ? (
        <section aria-labelledby="archived-heading" className="flex flex-col gap-3">
          <h2 id="archived-heading" className="text-lg font-semibold">
            Archived
          </h2>
          <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="archived-portfolio-list">
            {archived.map((portfolio) => (
              <li key={portfolio.id}>
                <PortfolioCard portfolio={portfolio} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
