import Link from "next/link";

import { formatUtc, toIso } from "@/components/settings/format";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type AuditLogItem = {
  id: string;
  action: string;
  ipAddress: string | null;
  userAgent: string | null;
  metadata: unknown;
  createdAt: Date | string;
};

type AuditLogProps = {
  items: AuditLogItem[];
  pagination: { page: number; totalPages: number; total: number; hasMore: boolean };
  basePath: string;
};

const ACTION_LABELS: Record<string, string> = {
  "user.registered": "Account created",
  "login.succeeded": "Signed in",
  "login.failed": "Failed sign-in",
  "account.locked": "Account locked after failed sign-ins",
  "ip.blocked": "Address blocked after failed sign-ins",
  "2fa.enabled": "Two-factor authentication turned on",
  "2fa.disabled": "Two-factor authentication turned off",
  "2fa.backup_code_used": "Backup code used",
  "password.changed": "Password changed",
  "password.reset_requested": "Password reset requested",
  "password.reset": "Password reset",
  "session.revoked": "Session signed out",
  "sessions.revoked_all": "All other sessions signed out",
  "token.reused": "Reused refresh token: session ended",
  "email.verified": "Email address verified",
  "account.deleted": "Account deleted",
  "data.exported": "Data exported",
};

export function describeAuditAction(action: string): string {
  return ACTION_LABELS[action] ?? action.replace(/[._]/g, " ").replace(/^\w/, (first) => first.toUpperCase());
}

export function AuditLog({ items, pagination, basePath }: AuditLogProps) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="audit-log">
        No security events yet.
      </p>
    );
  }
  const previousHref = pagination.page > 2 ? `${basePath}?page=${pagination.page - 1}` : basePath;
  const nextHref = `${basePath}?page=${pagination.page + 1}`;

  return (
    <div className="flex flex-col gap-4" data-testid="audit-log">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Address</TableHead>
            <TableHead>Device</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id} data-testid="audit-row" data-action={item.action}>
              <TableCell className="whitespace-nowrap">
                <time dateTime={toIso(item.createdAt)} title={toIso(item.createdAt)}>
                  {formatUtc(item.createdAt)}
                </time>
              </TableCell>
              <TableCell>{describeAuditAction(item.action)}</TableCell>
              <TableCell className="font-mono text-xs">{item.ipAddress ?? "—"}</TableCell>
              <TableCell className="max-w-xs truncate text-xs text-muted-foreground" title={item.userAgent ?? undefined}>
                {item.userAgent ?? "—"}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {pagination.totalPages > 1 ? (
        <nav aria-label="Security log pages" className="flex items-center justify-between gap-2 text-sm">
          {pagination.page > 1 ? (
            <Button asChild variant="outline" size="sm">
              <Link href={previousHref} scroll={false} data-testid="audit-prev">
                Newer
              </Link>
            </Button>
          ) : (
            <span />
          )}
          <span className="text-muted-foreground">
            Page {pagination.page} of {pagination.totalPages}
          </span>
          {pagination.hasMore ? (
            <Button asChild variant="outline" size="sm">
              <Link href={nextHref} scroll={false} data-testid="audit-next">
                Older
              </Link>
            </Button>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </div>
  );
}
