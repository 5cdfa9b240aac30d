// POST /api/v1/auth/password/reset – set a new password from a reset token; every session ends
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { guardAuthRequest, resetPassword } from "@/lib/auth/accounts";
import { resetPasswordSchema } from "@/lib/auth/schemas";

export const POST = withApi({ body: resetPasswordSchema }, async ({ body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  await resetPassword(body, { ip, userAgent });
  return ok({ passwordReset: true });
});
