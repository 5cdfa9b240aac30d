import Link from "next/link";

import { describeAuditAction } from "@/components/settings/audit-log";
import { formatUtc, toIso } from "@/components/settings/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditEntryView } from "@/lib/admin/queries";

const ADMIN_LABELS: Record<string, string> = {
  "admin.user.tier_changed": "Plan changed by an administrator",
  "admin.user.role_changed": "Role changed",
  "admin.user.blocked": "Account blocked",
  "admin.user.unblocked": "Account unblocked",
  "admin.ip.blocked": "Address blocked by an administrator",
  "admin.ip.unblocked": "Address unblocked",
};

export function describeAdminAction(action: string): string {
  return ADMIN_LABELS[action] ?? describeAuditAction(action);
}

type Snapshot = Record<string, unknown> | null | undefined;

const day = (value: unknown) => (typeof value === "string" ? formatUtc(value) : "never");
const text = (value: unknown) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "—");

/** One line saying what changed, from the row's before/after snapshot. */
export function describeChange(action: string, metadata: Record<string, unknown>): string {
  const before = metadata.before as Snapshot;
  const after = metadata.after as Snapshot;
  switch (action) {
    case "admin.user.tier_changed":
      return `${text(before?.tier)} (ends ${day(before?.tierExpiresAt)}) → ${text(after?.tier)} (ends ${day(after?.tierExpiresAt)})`;
    case "admin.user.role_changed":
      return `${text(before?.role)} → ${text(after?.role)}${metadata.via ? ` · via ${text(metadata.via)}` : ""}`;
    case "admin.user.blocked":
      return `Reason: ${text(after?.blockedReason)}${typeof metadata.sessionsRevoked === "number" ? ` · ${metadata.sessionsRevoked} session(s) ended` : ""}`;
    case "admin.user.unblocked":
      return `Was blocked for: ${text(before?.blockedReason)}`;
    case "admin.ip.blocked":
      return `${text(metadata.ip)} · ${text(after?.reason)} · until ${day(after?.expiresAt)}${before ? ` (was: ${text(before.reason)}, until ${day(before.expiresAt)})` : ""}`;
    case "admin.ip.unblocked":
      return `${text(metadata.ip)} · was: ${text(before?.reason)}`;
    default: {
      const interesting = Object.entries(metadata).filter(([key, value]) => key !== "actor" && (typeof value === "string" || typeof value === "number" || typeof value === "boolean"));
      return interesting.map(([key, value]) => `${key}: ${String(value)}`).join(" · ");
    }
  }
}

export function AuditTable({ items }: { items: AuditEntryView[] }) {
  if (items.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="admin-audit-empty">
        No events match.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto">
      <Table data-testid="admin-audit-table">
        <TableHeader>
          <TableRow>
            <TableHead>Time</TableHead>
            <TableHead>Event</TableHead>
            <TableHead>Account</TableHead>
            <TableHead>By</TableHead>
            <TableHead>Address</TableHead>
            <TableHead>Details</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => {
            const actorMeta = (item.metadata.actor ?? null) as { ip?: string | null } | null;
            const address = item.ipAddress ?? actorMeta?.ip ?? null;
            const isSelfActor = item.actor && item.user && item.actor.id === item.user.id;
            return (
              <TableRow key={item.id} data-testid="admin-audit-row" data-action={item.action}>
                <TableCell className="whitespace-nowrap">
                  <time dateTime={toIso(item.createdAt)}>{formatUtc(item.createdAt)}</time>
                </TableCell>
                <TableCell className="min-w-40">{describeAdminAction(item.action)}</TableCell>
                <TableCell className="max-w-56 truncate">
                  {item.user ? (
                    <Link href={`/admin/users?q=${encodeURIComponent(item.user.email)}`} className="underline-offset-2 hover:underline">
                      {item.user.email}
                    </Link>
                  ) : (
                    "—"
                  )}
                </TableCell>
                <TableCell className="max-w-56 truncate">{item.actor ? (isSelfActor ? "themself" : item.actor.email) : "system"}</TableCell>
                <TableCell className="font-mono text-xs whitespace-nowrap">{address ?? "—"}</TableCell>
                <TableCell className="min-w-64 text-xs text-muted-foreground" data-testid="admin-audit-details">
                  {describeChange(item.action, item.metadata)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
