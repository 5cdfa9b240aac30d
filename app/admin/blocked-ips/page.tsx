import type { Metadata } from "next";

import { BlockIpForm } from "@/components/admin/block-ip-form";
import { NativeSelect } from "@/components/admin/native-select";
import { Pager } from "@/components/admin/pager";
import { flattenSearchParams, type RawSearchParams } from "@/components/admin/search-params";
import { UnblockIpButton } from "@/components/admin/unblock-ip-button";
import { formatUtc } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { listBlockedIps } from "@/lib/admin/queries";
import { listBlockedIpsQuerySchema } from "@/lib/admin/schemas";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Blocked addresses" };

export default async function BlockedIpsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requireAdmin();
  const raw = flattenSearchParams(await searchParams);
  const parsed = listBlockedIpsQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : listBlockedIpsQuerySchema.parse({});
  const { items, pagination } = await listBlockedIps(query);

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Block an address</CardTitle>
          <CardDescription>Blocking an address that is already listed replaces its reason and end time.</CardDescription>
        </CardHeader>
        <CardContent>
          <BlockIpForm />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Blocked addresses</CardTitle>
          <CardDescription>Manual blocks and the automatic ones after repeated failed sign-ins.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <form method="get" action="/admin/blocked-ips" className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end" data-testid="blocked-ip-filters">
            <div className="flex flex-col gap-2">
              <Label htmlFor="blocked-q">Search</Label>
              <Input id="blocked-q" name="q" type="search" defaultValue={query.q ?? ""} placeholder="Address or reason" />
            </div>
            <div className="flex flex-col gap-2">
              <Label htmlFor="blocked-status">Show</Label>
              <NativeSelect id="blocked-status" name="status" defaultValue={query.status}>
                <option value="active">In force</option>
                <option value="expired">Expired</option>
                <option value="all">All</option>
              </NativeSelect>
            </div>
            <Button type="submit" variant="outline">
              Apply
            </Button>
          </form>
          {items.length === 0 ? (
            <p className="text-sm text-muted-foreground" data-testid="blocked-ips-empty">
              No blocked addresses{query.status === "active" ? " in force" : ""}.
            </p>
          ) : (
            <div className="overflow-x-auto">
              <Table data-testid="blocked-ips-table">
                <TableHeader>
                  <TableRow>
                    <TableHead>Address</TableHead>
                    <TableHead>Reason</TableHead>
                    <TableHead>Until</TableHead>
                    <TableHead>By</TableHead>
                    <TableHead>Since</TableHead>
                    <TableHead>
                      <span className="sr-only">Actions</span>
                    </TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {items.map((entry) => (
                    <TableRow key={entry.ip} data-testid="blocked-ip-row" data-ip={entry.ip}>
                      <TableCell className="font-mono text-xs">{entry.ip}</TableCell>
                      <TableCell className="min-w-48">{entry.reason}</TableCell>
                      <TableCell className="whitespace-nowrap">
                        {entry.expiresAt ? formatUtc(entry.expiresAt) : "until removed"}
                        {entry.isActive ? null : (
                          <Badge variant="secondary" className="ml-2">
                            expired
                          </Badge>
                        )}
                      </TableCell>
                      <TableCell className="max-w-48 truncate text-sm">{entry.createdBy?.email ?? "automatic"}</TableCell>
                      <TableCell className="text-sm whitespace-nowrap">{formatUtc(entry.createdAt)}</TableCell>
                      <TableCell className="text-right">
                        <UnblockIpButton ip={entry.ip} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Pager basePath="/admin/blocked-ips" params={{ q: raw.q, status: raw.status }} pagination={pagination} label="Blocked address pages" />
        </CardContent>
      </Card>
    </>
  );
}
