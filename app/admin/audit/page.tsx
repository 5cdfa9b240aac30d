import type { Metadata } from "next";
import Link from "next/link";
import { Filter } from "lucide-react";

import { AuditTable } from "@/components/admin/audit-table";
import { Pager } from "@/components/admin/pager";
import { flattenSearchParams, type RawSearchParams } from "@/components/admin/search-params";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { listAuditLog } from "@/lib/admin/queries";
import { auditQuerySchema } from "@/lib/admin/schemas";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

const ACTION_SUGGESTIONS = [
  "admin.",
  "admin.user.tier_changed",
  "admin.user.role_changed",
  "admin.user.blocked",
  "admin.user.unblocked",
  "admin.ip.",
  "login.",
  "login.failed",
  "account.locked",
  "ip.blocked",
  "password.",
  "2fa.",
  "session",
  "token.reused",
  "account.deleted",
];

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireAdmin();
  const raw = flattenSearchParams(await searchParams);
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const { items, pagination } = await listAuditLog(query);
  const kept = { user: raw.user, action: raw.action, ip: raw.ip, from: raw.from, to: raw.to };

  return (
    <>
      <Card>
        <CardContent>
          <form method="get" action="/admin/audit" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_repeat(2,minmax(0,10rem))_auto] lg:items-end" data-testid="audit-filters">
            <div className="flex flex-col gap-2">
              <Label htmlFor="audit-user">Account</Label>
              <Input id="audit-user" name="user" type="search" defaultValue={raw.user ?? ""} placeholder="Email or user id" data-testid="audit-filter-user" />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="audit-action">Event</Label>
              <Input id="audit-action" name="action" list="audit-actions" defaultValue={raw.action ?? ""} placeholder="e.g. admin. or login.failed" data-testid="audit-filter-action" />
              <datalist id="audit-actions">
                {ACTION_SUGGESTIONS.map((action) => (
                  <option key={action} value={action} />
                ))}
              </datalist>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="audit-ip">Address</Label>
              <Input id="audit-ip" name="ip" defaultValue={raw.ip ?? ""} placeholder="203.0.113.7" spellCheck={false} data-testid="audit-filter-ip" />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="audit-from">From (UTC)</Label>
              <Input id="audit-from" name="from" type="date" defaultValue={raw.from?.slice(0, 10) ?? ""} data-testid="audit-filter-from" />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="audit-to">To (UTC)</Label>
              <Input id="audit-to" name="to" type="date" defaultValue={raw.to?.slice(0, 10) ?? ""} data-testid="audit-filter-to" />
            </div>
            <Button type="submit" data-testid="audit-filter-submit">
              <Filter aria-hidden="true" />
              Filter
            </Button>
          </form>
          {parsed.success ? null : (
            <p className="mt-3 text-sm text-destructive" role="alert">
              {parsed.error.issues[0]?.message ?? "Some filters were not understood"} The filters were ignored.{" "}
              <Link href="/admin/audit" className="underline underline-offset-2">
                Clear them
              </Link>
            </p>
          )}
          <p className="mt-3 text-xs text-muted-foreground">An event filter matches by prefix: “login.” finds successful and failed sign-ins. Account matches the account acted on or the one acting.</p>
        </CardContent>
      </Card>
      <AuditTable items={items} />
      <Pager basePath="/admin/audit" params={kept} pagination={pagination} label="Audit log pages" />
    </>
  );
}
