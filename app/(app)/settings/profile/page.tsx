import type { Metadata } from "next";
import { Download } from "lucide-react";

import { PlanSummary } from "@/components/pricing/plan-summary";
import { DeleteAccountDialog } from "@/components/settings/delete-account-dialog";
import { ProfileForm } from "@/components/settings/profile-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getMe } from "@/lib/auth/accounts";
import { requireUser } from "@/lib/auth/guards";
import { countOwnedPortfolios } from "@/lib/portfolio/queries";

export const metadata: Metadata = { title: "Profile settings" };

export default async function ProfileSettingsPage() {
  const auth = await requireUser();
  const [me, ownedPortfolios] = await Promise.all([getMe({ userId: auth.userId }), countOwnedPortfolios({ userId: auth.userId })]);

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Profile</CardTitle>
          <CardDescription>How TradePulse addresses you in the app and in emails.</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm
            name={me.name}
            email={me.email}
            isEmailVerified={me.emailVerified}
            riskFreeRate={typeof me.settings.riskFreeRate === "number" ? me.settings.riskFreeRate : 0}
          />
        </CardContent>
      </Card>

      <Card data-testid="plan-card">
        <CardHeader>
          <CardTitle as="h2">Plan</CardTitle>
          <CardDescription>What your account may do on this server.</CardDescription>
        </CardHeader>
        <CardContent>
          <PlanSummary tier={me.tier} tierExpiresAt={me.tierExpiresAt} now={new Date()} usage={{ maxPortfolios: ownedPortfolios }} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Your data</CardTitle>
          <CardDescription>
            Download a copy of the data your account holds on this server, as a JSON file.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            {/* A plain link: the route answers with a file download, not a page. */}
            <a href="/api/v1/user/export?download=1" download data-testid="export-data">
              <Download aria-hidden="true" />
              Export my data
            </a>
          </Button>
        </CardContent>
      </Card>

      <Card className="border-destructive/50" data-testid="danger-zone">
        <CardHeader>
          <CardTitle as="h2" className="text-destructive">
            Danger zone
          </CardTitle>
          <CardDescription>
            Deleting your account removes your portfolios, alerts, exchange keys and history for good. This cannot be
            undone.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <DeleteAccountDialog />
        </CardContent>
      </Card>
    </>
  );
}
