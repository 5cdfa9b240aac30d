// POST, DELETE /api/v1/push/subscriptions – store (PushSubscription.toJSON()) or remove this browser's Web Push subscription
import { withApi } from "@/lib/api/handler";
import { created, ok } from "@/lib/api/respond";
import { deletePushSubscription, savePushSubscription } from "@/lib/notifications/push";
import { deletePushSubscriptionSchema, pushSubscriptionSchema } from "@/lib/notifications/schemas";

export const POST = withApi({ auth: "user", body: pushSubscriptionSchema }, async ({ auth, body, userAgent }) =>
  created(await savePushSubscription({ userId: auth.userId, input: body, userAgent })),
);

export const DELETE = withApi({ auth: "user", body: deletePushSubscriptionSchema }, async ({ auth, body }) =>
  ok(await deletePushSubscription({ userId: auth.userId, endpoint: body.endpoint })),
);
