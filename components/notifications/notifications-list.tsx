"use client";

import Link from "next/link";
import { useTransition } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { markNotificationsReadAction } from "@/lib/notifications/actions";
import type { NotificationView } from "@/lib/notifications/schemas";
import { formatRelativeTime } from "./format";

export function NotificationsList({ items, unreadCount }: { items: readonly NotificationView[]; unreadCount: number }) {
  const [isPending, startTransition] = useTransition();
  const markRead = (input: { ids: string[] } | { all: true }) =>
    startTransition(async () => {
      const result = await markNotificationsReadAction(input);
      if (!result.ok) toast.error(result.error.message);
    });

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm text-muted-foreground" data-testid="notifications-unread">
          {unreadCount} unread
        </span>
        <Button variant="outline" size="sm" disabled={unreadCount === 0 || isPending} onClick={() => markRead({ all: true })} data-testid="notifications-mark-all-read">
          Mark all read
        </Button>
      </div>
      {items.length === 0 ? (
        <p className="py-6 text-center text-sm text-muted-foreground" data-testid="notifications-empty">
          Nothing here yet.
        </p>
      ) : (
        <ul className="divide-y" data-testid="notifications-list">
          {items.map((item) => {
            const path = typeof item.data.path === "string" && item.data.path.startsWith("/") ? item.data.path : null;
            return (
              <li key={item.id} className="flex items-start gap-3 py-3" data-testid="notifications-row" data-read={item.readAt ? "true" : "false"}>
                <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-primary"}`} />
                <div className="min-w-0 flex-1">
                  <p className="font-medium">{path ? <Link href={path} className="hover:underline">{item.title}</Link> : item.title}</p>
                  <p className="text-sm text-muted-foreground">{item.body}</p>
                  <p className="text-xs text-muted-foreground">
                    <time dateTime={item.createdAt} title={new Date(item.createdAt).toLocaleString()}>
                      {formatRelativeTime(item.createdAt)}
                    </time>
                  </p>
                </div>
                {item.readAt ? null : (
                  <Button variant="ghost" size="sm" disabled={isPending} onClick={() => markRead({ ids: [item.id] })} data-testid="notifications-mark-read">
                    Mark read
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
