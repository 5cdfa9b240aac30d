"use client";

import { useTransition } from "react";
import { Mail, Pause, Play, Repeat, Smartphone, Trash2 } from "lucide-react";
import { toast } from "sonner";

import { formatRelativeTime } from "@/components/notifications/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { deleteAlertAction, updateAlertAction } from "@/lib/alerts/actions";
import type { AlertView } from "@/lib/alerts/schemas";
import { describeAlertCondition } from "./describe";

const STATUS_VARIANT = { active: "default", paused: "secondary", triggered: "outline" } as const;

function AlertRow({ alert }: { alert: AlertView }) {
  const [isPending, startTransition] = useTransition();
  const run = (action: () => Promise<{ ok: boolean; error?: { message: string } }>, done: string) =>
    startTransition(async () => {
      const result = await action();
      if (result.ok) toast.success(done);
      else toast.error(result.error?.message ?? "Something went wrong");
    });
  const canResume = alert.status !== "active";

  return (
    <li className="flex flex-col gap-3 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="alert-row" data-alert-id={alert.id} data-status={alert.status} data-symbol={alert.symbol}>
      <div className="flex min-w-0 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{alert.symbol}</span>
          <Badge variant={STATUS_VARIANT[alert.status]} data-testid="alert-status">
            {alert.status}
          </Badge>
          {alert.isRepeating ? (
            <span className="inline-flex items-center gap-1 text-xs text-muted-foreground" title={`Repeats, ${alert.cooldownMinutes} min cooldown`}>
              <Repeat className="size-3" aria-hidden="true" /> every ≥ {alert.cooldownMinutes} min
            </span>
          ) : null}
          {alert.notifyEmail ? <Mail className="size-3.5 text-muted-foreground" aria-label="Email" /> : null}
          {alert.notifyPush ? <Smartphone className="size-3.5 text-muted-foreground" aria-label="Push" /> : null}
        </div>
        <p className="text-sm" data-testid="alert-condition">
          {describeAlertCondition(alert)}
        </p>
        {alert.note ? <p className="text-xs text-muted-foreground">{alert.note}</p> : null}
        <p className="text-xs text-muted-foreground" data-testid="alert-last-triggered">
          {alert.lastTriggeredAt
            ? `Last triggered ${formatRelativeTime(alert.lastTriggeredAt)} · ${alert.triggerCount} time${alert.triggerCount === 1 ? "" : "s"}`
            : "Not triggered yet"}
        </p>
      </div>
      <div className="flex shrink-0 gap-2">
        {canResume ? (
          <Button variant="outline" size="sm" disabled={isPending} onClick={() => run(() => updateAlertAction(alert.id, { status: "active" }), alert.status === "triggered" ? "Alert re-armed" : "Alert resumed")} data-testid="alert-resume">
            <Play aria-hidden="true" /> {alert.status === "triggered" ? "Re-arm" : "Resume"}
          </Button>
        ) : (
          <Button variant="outline" size="sm" disabled={isPending} onClick={() => run(() => updateAlertAction(alert.id, { status: "paused" }), "Alert paused")} data-testid="alert-pause">
            <Pause aria-hidden="true" /> Pause
          </Button>
        )}
        <Button variant="ghost" size="sm" disabled={isPending} onClick={() => run(() => deleteAlertAction(alert.id), "Alert deleted")} data-testid="alert-delete" aria-label={`Delete the ${alert.symbol} alert`}>
          <Trash2 aria-hidden="true" />
        </Button>
      </div>
    </li>
  );
}

export function AlertsList({ alerts }: { alerts: readonly AlertView[] }) {
  if (alerts.length === 0) {
    return (
      <p className="py-6 text-center text-sm text-muted-foreground" data-testid="alerts-empty">
        No alerts yet. Create one to be told when a price crosses a level, moves fast, or gets a signal.
      </p>
    );
  }
  return (
    <ul className="divide-y" data-testid="alerts-list">
      {alerts.map((alert) => (
        <AlertRow key={alert.id} alert={alert} />
      ))}
    </ul>
  );
}
