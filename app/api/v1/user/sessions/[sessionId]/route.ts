// DELETE /api/v1/user/sessions/:id – revoke one of the caller's sessions (404 for anyone else's)
import { z } from "zod";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { revokeSession } from "@/lib/auth/sessions";

export const DELETE = withApi(
  { auth: "user", params: z.object({ sessionId: z.uuid({ error: "Not a session id." }) }) },
  async ({ auth, params, ip, userAgent }) => {
    await revokeSession({ userId: auth.userId, sessionId: params.sessionId, reason: "revoked by the user", ip, userAgent });
    return ok({ revoked: true, current: params.sessionId === auth.sessionId });
  },
);
