import type { Metadata } from "next";
import Link from "next/link";
import { Search } from "lucide-react";

import { NativeSelect } from "@/components/admin/native-select";
import { hrefWith, Pager } from "@/components/admin/pager";
import { flattenSearchParams, type RawSearchParams } from "@/components/admin/search-params";
import { TierBadge } from "@/components/admin/tier-badge";
import { UserEditDialog } from "@/components/admin/user-edit-dialog";
import { formatUtc } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listUsers } from "@/lib/admin/queries";
import { listUsersQuerySchema } from "@/lib/admin/schemas";
import { requireAdmin } from "@/lib/auth/guards";
import { TIER_LIMITS, TIERS } from "@/lib/tiers";

export const metadata: Metadata = { title: "Users" };

const SORTS = [
  { value: "createdAt", label: "Registered" },
  { value: "lastLoginAt", label: "Last sign-in" },
  { value: "email", label: "Email" },
  { value: "name", label: "Name" },
  { value: "tier", label: "Plan" },
] as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const auth = await requireAdmin();
  const raw = flattenSearchParams(await searchParams);
  const parsed = listUsersQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listUsersQuerySchema.parse({});
  const { items, pagination } = await listUsers(query);
  const kept = { q: raw.q, tier: raw.tier, role: raw.role, blocked: raw.blocked, sort: raw.sort, order: raw.order };

  return (
    <>
      <Card>
        <CardContent>
          <form method="get" action="/admin/users" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(5,minmax(0,1fr))_auto] lg:items-end" data-testid="user-filters">
            <div className="flex flex-col gap-2 sm:col-span-2 lg:col-span-1">
              <Label htmlFor="user-q">Search</Label>
              <Input id="user-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Email or name" data-testid="user-search" />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="user-tier">Plan</Label>
              <NativeSelect id="user-tier" name="tier" defaultValue={query.tier ?? ""} data-testid="user-filter-tier">
                <option value="">Any</option>
                {TIERS.map((tier) => (
                  <option key={tier} value={tier}>
                    {TIER_LIMITS[tier].label}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="user-role">Role</Label>
              <NativeSelect id="user-role" name="role" defaultValue={query.role ?? ""} data-testid="user-filter-role">
                <option value="">Any</option>
                <option value="user">User</option>
                <option value="admin">Administrator</option>
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="user-blocked">Status</Label>
              <NativeSelect id="user-blocked" name="blocked" defaultValue={query.blocked === undefined ? "" : String(query.blocked)} data-testid="user-filter-blocked">
                <option value="">Any</option>
                <option value="false">Active</option>
                <option value="true">Blocked</option>
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="user-sort">Sort by</Label>
              <NativeSelect id="user-sort" name="sort" defaultValue={query.sort} data-testid="user-sort">
                {SORTS.map((sort) => (
                  <option key={sort.value} value={sort.value}>
                    {sort.label}
                  </option>
                ))}
              </NativeSelect>
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="user-order">Order</Label>
              <NativeSelect id="user-order" name="order" defaultValue={query.order} data-testid="user-order">
                <option value="desc">Descending</option>
                <option value="asc">Ascending</option>
              </NativeSelect>
            </div>
            <Button type="submit" data-testid="user-search-submit">
              <Search aria-hidden="true" />
              Apply
            </Button>
          </form>
          {parsed.success ? null : <p className="mt-3 text-sm text-destructive">Some filters were not understood and were ignored.</p>}
        </CardContent>
      </Card>

      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="users-empty">
          No accounts match. <Link href="/admin/users" className="underline underline-offset-2">Clear the filters</Link>
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border">
          <Table data-testid="users-table">
            <TableHeader>
              <TableRow>
                <TableHead>Account</TableHead>
                <TableHead>Plan</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Last sign-in</TableHead>
                <TableHead>Registered</TableHead>
                <TableHead>
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((user) => (
                <TableRow key={user.id} data-testid="user-row" data-email={user.email} data-tier={user.effectiveTier} data-blocked={user.isBlocked}>
                  <TableCell className="max-w-64">
                    <div className="flex flex-col">
                      <span className="truncate font-medium">{user.name ?? user.email}</span>
                      {user.name ? <span className="truncate text-xs text-muted-foreground">{user.email}</span> : null}
                    </div>
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-col gap-1">
                      <TierBadge tier={user.tier} effectiveTier={user.effectiveTier} />
                      {user.tierExpiresAt ? <span className="text-xs text-muted-foreground">ends {formatUtc(user.tierExpiresAt)}</span> : null}
                    </div>
                  </TableCell>
                  <TableCell>{user.role === "admin" ? <Badge variant="outline">Admin</Badge> : <span className="text-sm text-muted-foreground">User</span>}</TableCell>
                  <TableCell>
                    {user.isBlocked ? (
                      <Badge variant="destructive" title={user.blockedReason ?? undefined} data-testid="user-blocked-badge">
                        Blocked
                      </Badge>
                    ) : (
                      <span className="text-sm text-muted-foreground">{user.emailVerified ? "Active" : "Unverified"}</span>
                    )}
                  </TableCell>
                  <TableCell className="text-sm whitespace-nowrap">{user.lastLoginAt ? formatUtc(user.lastLoginAt) : "never"}</TableCell>
                  <TableCell className="text-sm whitespace-nowrap">{formatUtc(user.createdAt)}</TableCell>
                  <TableCell className="text-right">
                    <UserEditDialog user={user} isSelf={user.id === auth.userId} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Pager basePath="/admin/users" params={kept} pagination={pagination} label="User pages" />
      <p className="text-xs text-muted-foreground">
        Changes apply from the user&apos;s next request on every server. <Link href={hrefWith("/admin/audit", { action: "admin.user" })} className="underline underline-offset-2">See the changes in the audit log</Link>.
      </p>
    </>
  );
}
