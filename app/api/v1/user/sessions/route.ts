// GET /api/v1/user/sessions – the caller's live sessions (browser and API), the current one marked
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { listSessions } from "@/lib/auth/sessions";

export const GET = withApi({ auth: "user" }, async ({ auth }) =>
  ok(await listSessions({ userId: auth.userId, currentSessionId: auth.sessionId })),
);
