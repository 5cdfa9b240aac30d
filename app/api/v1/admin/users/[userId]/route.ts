// GET, PATCH /api/v1/admin/users/:userId – one account with its counts and recent activity; change its plan, role or block
import { getUserDetailOrThrow, updateUserAsAdmin } from "@/lib/admin/queries";
import { updateUserSchema, userIdParamsSchema } from "@/lib/admin/schemas";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";

export const GET = withApi({ auth: "admin", params: userIdParamsSchema }, async ({ params }) => ok(await getUserDetailOrThrow(params.userId)));

export const PATCH = withApi({ auth: "admin", params: userIdParamsSchema, body: updateUserSchema }, async ({ auth, params, body, ip, userAgent }) =>
  ok(await updateUserAsAdmin({ actor: { userId: auth.userId, ip, userAgent }, userId: params.userId, input: body })),
);
