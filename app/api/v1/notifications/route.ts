// GET /api/v1/notifications – the caller's notifications, newest first (paginated, ?unread=true)
import { withApi } from "@/lib/api/handler";
import { paginated } from "@/lib/api/respond";
import { listNotifications } from "@/lib/notifications/queries";
import { listNotificationsQuerySchema } from "@/lib/notifications/schemas";

export const GET = withApi({ auth: "user", query: listNotificationsQuerySchema }, async ({ auth, query }) => {
  const { items, pagination } = await listNotifications({ userId: auth.userId, query });
  return paginated(items, pagination);
});
