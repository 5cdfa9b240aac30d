"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { Bell, CheckCheck } from "lucide-react";
import { toast } from "sonner";

import { getStreamConnection } from "@/components/realtime/stream-connection";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { markNotificationsReadAction } from "@/lib/notifications/actions";
import type { NotificationView } from "@/lib/notifications/schemas";
import { formatRelativeTime, toNotificationView } from "./format";

const LATEST = 8;

type ListAnswer = { success: boolean; data?: NotificationView[]; pagination?: { total: number } };

async function fetchList(query: string): Promise<ListAnswer | null> {
  try {
    const res = await fetch(`/api/v1/notifications?${query}`, { cache: "no-store" });
    if (!res.ok) return null;
    return (await res.json()) as ListAnswer;
  } catch {
    return null;
  }
}

/**
 * The top bar's bell: unread count, live from the notifications stream (SSE), with the latest
 * notifications in a dropdown. A new notification also shows as a toast.
 */
export function NotificationBell() {
  const [unread, setUnread] = useState<number | null>(null);
  const [items, setItems] = useState<NotificationView[]>([]);
  const [isPending, startTransition] = useTransition();
  const seen = useRef(new Set<string>());

  const refreshCount = useCallback(() => {
    void fetchList("unread=true&limit=1").then((answer) => {
      if (answer?.pagination) setUnread(answer.pagination.total);
    });
  }, []);

  const refreshLatest = useCallback(() => {
    void fetchList(`limit=${LATEST}`).then((answer) => {
      if (!answer?.data) return;
      for (const item of answer.data) seen.current.add(item.id);
      setItems(answer.data);
    });
  }, []);

  useEffect(() => {
    let wasLive = false;
    return getStreamConnection().subscribe({
      channels: ["notifications"],
      onStatus: (status) => {
        // Counted from the server at every (re)connect: covers whatever arrived while disconnected.
        if (status === "live" && !wasLive) refreshCount();
        wasLive = status === "live" || status === "stale";
      },
      onEvent: (event, data) => {
        if (event !== "notification") return;
        const item = toNotificationView(data);
        if (!item || seen.current.has(item.id)) return;
        seen.current.add(item.id);
        setItems((current) => [item, ...current].slice(0, LATEST));
        if (!item.readAt) setUnread((count) => (count ?? 0) + 1);
        toast(item.title, { description: item.body, id: item.id });
      },
    });
  }, [refreshCount]);

  const markRead = (input: { ids: string[] } | { all: true }) => {
    startTransition(async () => {
      const result = await markNotificationsReadAction(input);
      if (!result.ok) {
        toast.error(result.error.message);
        return;
      }
      setUnread(result.data.unreadCount);
      const now = new Date().toISOString();
      setItems((current) => current.map((item) => ("all" in input || input.ids.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item)));
    });
  };

  const count = unread ?? 0;
  const label = count > 99 ? "99+" : String(count);

  return (
    <DropdownMenu onOpenChange={(isOpen) => (isOpen ? refreshLatest() : undefined)}>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" className="relative" data-testid="notification-bell" data-count={count}>
          <Bell aria-hidden="true" />
          {count > 0 ? (
            <span
              data-testid="notification-count"
              className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-destructive px-1 text-[10px] font-semibold leading-none text-white tabular-nums"
            >
              {label}
            </span>
          ) : null}
          <span className="sr-only">{count > 0 ? `Notifications, ${count} unread` : "Notifications"}</span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-[min(22rem,calc(100vw-2rem))] p-0" data-testid="notification-menu">
        <div className="flex items-center justify-between gap-2 px-3 py-2">
          <DropdownMenuLabel className="p-0">Notifications</DropdownMenuLabel>
          <Button
            variant="ghost"
            size="sm"
            className="h-7 px-2 text-xs"
            disabled={count === 0 || isPending}
            onClick={(event) => {
              event.preventDefault();
              markRead({ all: true });
            }}
            data-testid="notification-mark-all-read"
          >
            <CheckCheck aria-hidden="true" />
            Mark all read
          </Button>
        </div>
        <DropdownMenuSeparator className="my-0" />
        <div className="max-h-[60vh] overflow-y-auto py-1">
          {items.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground" data-testid="notification-empty">
              No notifications yet.
            </p>
          ) : (
            items.map((item) => (
              <DropdownMenuItem
                key={item.id}
                className="flex items-start gap-2 px-3 py-2"
                data-testid="notification-item"
                data-read={item.readAt ? "true" : "false"}
                onSelect={(event) => {
                  event.preventDefault();
                  if (!item.readAt) markRead({ ids: [item.id] });
                }}
              >
                <span
                  aria-hidden="true"
                  className={`mt-1.5 size-2 shrink-0 rounded-full ${item.readAt ? "bg-transparent" : "bg-primary"}`}
                />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-sm font-medium">{item.title}</span>
                  <span className="line-clamp-2 text-xs text-muted-foreground">{item.body}</span>
                  <span className="text-[11px] text-muted-foreground">{formatRelativeTime(item.createdAt)}</span>
                </span>
                {item.readAt ? null : <span className="sr-only">unread; select to mark read</span>}
              </DropdownMenuItem>
            ))
          )}
        </div>
        <DropdownMenuSeparator className="my-0" />
        <DropdownMenuItem asChild className="justify-center px-3 py-2 text-sm">
          <Link href="/notifications" data-testid="notification-see-all">
            All notifications and settings
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
