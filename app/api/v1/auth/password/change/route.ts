// POST /api/v1/auth/password/change – change the password; the caller's other sessions end
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { changePassword, guardAuthRequest } from "@/lib/auth/accounts";
import { changePasswordSchema } from "@/lib/auth/schemas";

export const POST = withApi({ auth: "user", body: changePasswordSchema }, async ({ auth, body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  await changePassword({ userId: auth.userId, sessionId: auth.sessionId, ...body }, { ip, userAgent });
  return ok({ passwordChanged: true });
});
