"use client";

import { useState, useTransition } from "react";
import { Monitor, Smartphone } from "lucide-react";
import { toast } from "sonner";

import { formatUtc } from "@/components/settings/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/lib/auth/actions";

export type SessionRow = {
  id: string;
  kind: "web" | "api";
  device: string;
  userAgent: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastSeenAt: string;
  isCurrent: boolean;
};

export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const [isPending, startTransition] = useTransition();
  const [busyId, setBusyId] = useState<string | null>(null);
  const others = sessions.filter((session) => !session.isCurrent);

  const revoke = (session: SessionRow) => {
    setBusyId(session.id);
    startTransition(async () => {
      const result = await revokeSessionAction({ sessionId: session.id });
      setBusyId(null);
      if (result.ok) toast.success(`Signed out ${session.device}.`);
      else toast.error(result.error.message);
    });
  };

  const revokeOthers = () => {
    setBusyId("others");
    startTransition(async () => {
      const result = await revokeOtherSessionsAction();
      setBusyId(null);
      if (result.ok) {
        const count = result.data.revoked;
        toast.success(count === 0 ? "No other sessions were signed in." : `Signed out ${count} other ${count === 1 ? "session" : "sessions"}.`);
      } else {
        toast.error(result.error.message);
      }
    });
  };

  return (
    <div className="flex flex-col gap-4">
      <Table data-testid="sessions-table">
        <TableHeader>
          <TableRow>
            <TableHead>Device</TableHead>
            <TableHead>Address</TableHead>
            <TableHead>Last seen</TableHead>
            <TableHead>Signed in</TableHead>
            <TableHead>
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sessions.map((session) => {
            const Icon = session.kind === "api" ? Smartphone : Monitor;
            return (
              <TableRow
                key={session.id}
                data-testid="session-row"
                data-session-id={session.id}
                data-current={session.isCurrent ? "true" : undefined}
              >
                <TableCell>
                  <div className="flex items-center gap-2">
                    <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
                    <span className="max-w-56 truncate" title={session.userAgent ?? undefined}>
                      {session.device}
                    </span>
                    <Badge variant="outline">{session.kind === "api" ? "API" : "Web"}</Badge>
                    {session.isCurrent ? (
                      <Badge variant="secondary" data-testid="session-current">
                        This device
                      </Badge>
                    ) : null}
                  </div>
                </TableCell>
                <TableCell className="font-mono text-xs">{session.ipAddress ?? "—"}</TableCell>
                <TableCell>
                  <time dateTime={session.lastSeenAt}>{formatUtc(session.lastSeenAt)}</time>
                </TableCell>
                <TableCell>
                  <time dateTime={session.createdAt}>{formatUtc(session.createdAt)}</time>
                </TableCell>
                <TableCell className="text-right">
                  {session.isCurrent ? null : (
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={isPending}
                      onClick={() => revoke(session)}
                      data-testid="session-revoke"
                    >
                      {busyId === session.id ? "Revoking…" : "Revoke"}
                      <span className="sr-only"> {session.device}</span>
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-muted-foreground">Times are in UTC.</p>
        <Button
          variant="outline"
          disabled={isPending || others.length === 0}
          onClick={revokeOthers}
          data-testid="revoke-others"
        >
          {busyId === "others" ? "Signing out…" : "Sign out everywhere else"}
        </Button>
      </div>
    </div>
  );
}
