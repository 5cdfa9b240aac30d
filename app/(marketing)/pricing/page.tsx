import type { Metadata } from "next";
import Link from "next/link";

import { TierTable } from "@/components/pricing/tier-table";
import { Button } from "@/components/ui/button";

export const metadata: Metadata = {
  title: "Plans",
  description: "What the Free, Pro, Premium and VIP plans of TradePulse include: signal delay, AI analyses, robots, live trading, alerts and portfolios.",
};

export default function PricingPage() {
  return (
    <main>
      <section aria-labelledby="pricing-heading" className="border-b">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-4 px-4 py-12 sm:px-6 sm:py-16">
          <h1 id="pricing-heading" className="text-4xl font-bold tracking-tight text-balance">
            Plans
          </h1>
          <p className="max-w-2xl text-lg text-pretty text-muted-foreground">
            Every account starts on Free. Paid plans see signals sooner, get the AI analyst, run more robots and may
            trade live. TradePulse has no built-in billing: the administrator of the server you use assigns plans.
          </p>
        </div>
      </section>
      <section aria-label="Plan comparison">
        <div className="mx-auto flex w-full max-w-6xl flex-col gap-6 px-4 py-12 sm:px-6">
          <TierTable />
          <p className="text-sm text-muted-foreground">
            A plan can have an end date; after it the account falls back to Free. Portfolios, alerts and robots you
            already have are kept when a plan ends, but you cannot add more than the plan allows.
          </p>
          <div className="flex flex-wrap gap-3">
            <Button asChild size="lg">
              <Link href="/register" data-testid="pricing-create-account">
                Create a free account
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/login">Sign in</Link>
            </Button>
          </div>
        </div>
      </section>
    </main>
  );
}
