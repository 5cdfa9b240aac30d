// GET, PUT /api/v1/notifications/preferences – per notification type: in-app, email, push
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getNotificationPreferences, updateNotificationPreferences } from "@/lib/notifications/queries";
import { updatePreferencesSchema } from "@/lib/notifications/schemas";

export const GET = withApi({ auth: "user" }, async ({ auth }) => ok(await getNotificationPreferences({ userId: auth.userId })));

export const PUT = withApi({ auth: "user", body: updatePreferencesSchema }, async ({ auth, body }) =>
  ok(await updateNotificationPreferences({ userId: auth.userId, input: body })),
);
