import type { Metadata } from "next";
import Link from "next/link";
import { ArrowRight, Bell, ChartCandlestick, KeyRound, Wallet, type LucideIcon } from "lucide-react";

import { isPathAvailable } from "@/components/layout/nav-items";
import { PageHeader } from "@/components/layout/page-header";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

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

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { welcome } = await searchParams;
  return (
    <div className="flex flex-col gap-8">
      {welcome === "1" ? (
        <p role="status" className="rounded-lg border bg-accent px-4 py-3 text-sm" data-testid="welcome-notice">
          Your account is ready. We sent a link to your email address: open it to verify the address.
        </p>
      ) : null}
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
    </div>
  );
}
