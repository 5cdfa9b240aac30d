// POST /api/v1/auth/logout – revoke the caller's current session
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { revokeSession } from "@/lib/auth/sessions";

export const POST = withApi({ auth: "user" }, async ({ auth, ip, userAgent }) => {
  await revokeSession({ userId: auth.userId, sessionId: auth.sessionId, reason: "signed out", ip, userAgent });
  return ok({ revoked: true });
});
