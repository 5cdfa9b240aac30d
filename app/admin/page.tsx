import type { Metadata } from "next";
import Link from "next/link";

import { AuditTable } from "@/components/admin/audit-table";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getAdminOverview } from "@/lib/admin/queries";
import { requireAdmin } from "@/lib/auth/guards";
import { TIER_LIMITS, TIERS } from "@/lib/tiers";

export const metadata: Metadata = { title: "Overview" };

function Stat({ label, value, href, testId }: { label: string; value: number; href?: string; testId: string }) {
  const body = (
    <Card className="h-full transition-colors hover:bg-accent/40">
      <CardHeader>
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-3xl tabular-nums" data-testid={testId} data-value={value}>
          {value.toLocaleString("en-US")}
        </CardTitle>
      </CardHeader>
    </Card>
  );
  return href ? (
    <Link href={href} className="rounded-xl outline-hidden focus-visible:ring-2 focus-visible:ring-ring">
      {body}
    </Link>
  ) : (
    body
  );
}

export default async function AdminOverviewPage() {
  await requireAdmin();
  const overview = await getAdminOverview();
  const { users } = overview;
  return (
    <>
      <section aria-label="Counts" className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat label="Accounts" value={users.total} href="/admin/users" testId="admin-stat-users" />
        <Stat label="New in the last 7 days" value={users.newLast7Days} href="/admin/users?sort=createdAt&order=desc" testId="admin-stat-new-users" />
        <Stat label="Signed-in sessions" value={overview.activeSessions} testId="admin-stat-sessions" />
        <Stat label="Blocked accounts" value={users.blocked} href="/admin/users?blocked=true" testId="admin-stat-blocked-users" />
        <Stat label="Administrators" value={users.admins} href="/admin/users?role=admin" testId="admin-stat-admins" />
        <Stat label="Blocked addresses" value={overview.blockedIps} href="/admin/blocked-ips" testId="admin-stat-blocked-ips" />
        <Stat label="Audit events, 24 h" value={overview.auditLast24h} href="/admin/audit" testId="admin-stat-audit" />
        <Stat label="Failed sign-ins, 24 h" value={overview.failedLoginsLast24h} href="/admin/audit?action=login.failed" testId="admin-stat-failed-logins" />
      </section>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Accounts by plan</CardTitle>
          <CardDescription>What each account gets now: a paid plan past its end date counts as Free.</CardDescription>
        </CardHeader>
        <CardContent>
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="admin-tier-counts">
            {TIERS.map((tier) => (
              <li key={tier}>
                <Link href={`/admin/users?tier=${tier}`} className="flex flex-col rounded-lg border p-3 hover:bg-accent/40" data-testid={`admin-tier-count-${tier}`}>
                  <span className="text-sm text-muted-foreground">{TIER_LIMITS[tier].label}</span>
                  <span className="text-2xl font-semibold tabular-nums">{users.byTier[tier].toLocaleString("en-US")}</span>
                </Link>
              </li>
            ))}
          </ul>
          {users.unverified > 0 ? <p className="mt-3 text-xs text-muted-foreground">{users.unverified} account(s) have not verified their email address.</p> : null}
        </CardContent>
      </Card>

      <Card>
        <CardHeader className="flex flex-row items-start justify-between gap-4">
          <div className="flex flex-col gap-1.5">
            <CardTitle as="h2">Recent administrator actions</CardTitle>
            <CardDescription>Plan, role and block changes, and blocked addresses.</CardDescription>
          </div>
          <Button asChild variant="outline" size="sm">
            <Link href="/admin/audit?action=admin.">All</Link>
          </Button>
        </CardHeader>
        <CardContent>
          <AuditTable items={overview.recentAdminActions} />
        </CardContent>
      </Card>
    </>
  );
}
