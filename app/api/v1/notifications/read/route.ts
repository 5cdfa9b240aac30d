// POST /api/v1/notifications/read – mark {ids} or {all: true} of the caller's notifications as read
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { markNotificationsRead } from "@/lib/notifications/queries";
import { markReadSchema } from "@/lib/notifications/schemas";

export const POST = withApi({ auth: "user", body: markReadSchema }, async ({ auth, body }) =>
  ok(await markNotificationsRead({ userId: auth.userId, input: body })),
);
