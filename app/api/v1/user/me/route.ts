// GET, PATCH, DELETE /api/v1/user/me – the caller's profile; DELETE removes the account and all its data
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { deleteAccount, getMe, updateMe } from "@/lib/auth/accounts";
import { deleteAccountSchema, updateMeSchema } from "@/lib/auth/schemas";

export const GET = withApi({ auth: "user" }, async ({ auth }) => ok(await getMe({ userId: auth.userId })));

export const PATCH = withApi({ auth: "user", body: updateMeSchema }, async ({ auth, body }) =>
  ok(await updateMe({ userId: auth.userId, ...body })),
);

export const DELETE = withApi({ auth: "user", body: deleteAccountSchema }, async ({ auth, body, ip, userAgent }) => {
  await deleteAccount({ userId: auth.userId, password: body.password }, { ip, userAgent });
  return ok({ deleted: true });
});
