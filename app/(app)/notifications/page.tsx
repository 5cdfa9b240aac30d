import type { Metadata } from "next";
import Link from "next/link";

import { PageHeader } from "@/components/layout/page-header";
import { NotificationPreferencesForm } from "@/components/notifications/notification-preferences-form";
import { NotificationsList } from "@/components/notifications/notifications-list";
import { PushToggle } from "@/components/notifications/push-toggle";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/guards";
import { getVapidPublicKey } from "@/lib/notifications/push";
import { countUnreadNotifications, getNotificationPreferences, listNotifications } from "@/lib/notifications/queries";
import { listNotificationsQuerySchema } from "@/lib/notifications/schemas";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const auth = await requireUser();
  const raw = await searchParams;
  const parsed = listNotificationsQuerySchema.safeParse({ page: raw.page, unread: raw.unread, limit: "25" });
  const query = parsed.success ? parsed.data : { page: 1, limit: 25, unread: false };
  const [{ items, pagination }, unreadCount, preferences] = await Promise.all([
    listNotifications({ userId: auth.userId, query }),
    countUnreadNotifications({ userId: auth.userId }),
    getNotificationPreferences({ userId: auth.userId }),
  ]);
  const vapidPublicKey = getVapidPublicKey();
  const href = (patch: { page?: number; unread?: boolean }) => {
    const params = new URLSearchParams();
    const page = patch.page ?? 1;
    const unread = patch.unread ?? query.unread;
    if (page > 1) params.set("page", String(page));
    if (unread) params.set("unread", "true");
    const text = params.toString();
    return text ? `/notifications?${text}` : "/notifications";
  };

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Notifications" description="Alerts and other events, newest first, and where each kind reaches you." />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_26rem]">
        <Card>
          <CardHeader className="flex flex-row items-center justify-between gap-2">
            <CardTitle as="h2">{query.unread ? "Unread" : "All"}</CardTitle>
            <div className="flex gap-1">
              <Button asChild variant={query.unread ? "ghost" : "secondary"} size="sm">
                <Link href={href({ unread: false })} data-testid="notifications-filter-all">All</Link>
              </Button>
              <Button asChild variant={query.unread ? "secondary" : "ghost"} size="sm">
                <Link href={href({ unread: true })} data-testid="notifications-filter-unread">Unread</Link>
              </Button>
            </div>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <NotificationsList items={items} unreadCount={unreadCount} />
            {pagination.totalPages > 1 ? (
              <nav className="flex items-center justify-between text-sm" aria-label="Pages">
                {pagination.page > 1 ? <Link href={href({ page: pagination.page - 1 })} className="hover:underline">← Newer</Link> : <span />}
                <span className="text-muted-foreground">
                  Page {pagination.page} of {pagination.totalPages}
                </span>
                {pagination.hasMore ? <Link href={href({ page: pagination.page + 1 })} className="hover:underline">Older →</Link> : <span />}
              </nav>
            ) : null}
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle as="h2">Delivery</CardTitle>
              <CardDescription>Choose where each kind of notification reaches you.</CardDescription>
            </CardHeader>
            <CardContent>
              <NotificationPreferencesForm preferences={preferences} canPush={vapidPublicKey !== null} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle as="h2">Push on this device</CardTitle>
              <CardDescription>Browser notifications even when TradePulse is not open.</CardDescription>
            </CardHeader>
            <CardContent>
              <PushToggle vapidPublicKey={vapidPublicKey} />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
