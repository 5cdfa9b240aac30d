"use client";

import { useState, useTransition } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { updateNotificationPreferencesAction } from "@/lib/notifications/actions";
import type { NotificationPreferenceView } from "@/lib/notifications/schemas";

const CHANNELS = [
  { key: "inApp", label: "In app" },
  { key: "email", label: "Email" },
  { key: "push", label: "Push" },
] as const;

export function NotificationPreferencesForm({ preferences, canPush }: { preferences: readonly NotificationPreferenceView[]; canPush: boolean }) {
  const [rows, setRows] = useState(preferences);
  const [isPending, startTransition] = useTransition();
  const isDirty = rows.some((row, i) => CHANNELS.some(({ key }) => row[key] !== preferences[i]?.[key]));

  const save = () =>
    startTransition(async () => {
      const result = await updateNotificationPreferencesAction({ preferences: rows.map(({ type, inApp, email, push }) => ({ type, inApp, email, push })) });
      if (result.ok) {
        setRows(result.data);
        toast.success("Notification settings saved");
      } else toast.error(result.error.message);
    });

  return (
    <div className="flex flex-col gap-4" data-testid="notification-preferences">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-muted-foreground">
              <th className="py-2 pr-2 font-medium">Type</th>
              {CHANNELS.map(({ key, label }) => (
                <th key={key} className="px-2 py-2 text-center font-medium">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y">
            {rows.map((row, index) => (
              <tr key={row.type} data-testid="preference-row" data-type={row.type}>
                <td className="py-2 pr-2">
                  <span className="font-medium">{row.label}</span>
                  <span className="block text-xs text-muted-foreground">{row.description}</span>
                </td>
                {CHANNELS.map(({ key, label }) => (
                  <td key={key} className="px-2 py-2 text-center">
                    <Switch
                      checked={row[key]}
                      disabled={key === "push" && !canPush}
                      onCheckedChange={(checked) => setRows((current) => current.map((item, i) => (i === index ? { ...item, [key]: checked } : item)))}
                      aria-label={`${row.label}: ${label}`}
                      data-testid={`preference-${row.type}-${key}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-muted-foreground">Emails go only to a verified address. An alert&apos;s own email and push switches apply on top of these.</p>
      <div>
        <Button onClick={save} disabled={!isDirty || isPending} data-testid="preferences-save">
          {isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </div>
  );
}
