import type { Metadata } from "next";

import { AlertsList } from "@/components/alerts/alerts-list";
import { CreateAlertForm } from "@/components/alerts/create-alert-form";
import { PageHeader } from "@/components/layout/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listAlerts } from "@/lib/alerts/queries";
import { requireUser } from "@/lib/auth/guards";
import { listTrackedSymbols } from "@/lib/market/quotes";
import { getVapidPublicKey } from "@/lib/notifications/push";
import { TIER_LIMITS } from "@/lib/tiers";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsPage() {
  const auth = await requireUser();
  const { items, pagination } = await listAlerts({ userId: auth.userId, query: { page: 1, limit: 100 } });
  const limit = TIER_LIMITS[auth.tier].maxAlerts;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Alerts" description="Be told when a price crosses a level, moves fast, gets a signal or pumps — in the app, by email or by push." />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Your alerts</CardTitle>
            <CardDescription data-testid="alerts-usage">
              {pagination.total} of {limit} on the {TIER_LIMITS[auth.tier].label} plan.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <AlertsList alerts={items} />
          </CardContent>
        </Card>
        <Card className="lg:order-last">
          <CardHeader>
            <CardTitle as="h2">New alert</CardTitle>
            <CardDescription>Price alerts fire when the price crosses the level; one-shot alerts then stop, repeating ones wait their cooldown.</CardDescription>
          </CardHeader>
          <CardContent>
            <CreateAlertForm symbols={listTrackedSymbols().map((item) => item.symbol)} canPush={getVapidPublicKey() !== null} />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
