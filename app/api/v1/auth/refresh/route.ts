// POST /api/v1/auth/refresh – spend a refresh token for a new pair; a spent one revokes the session
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { guardAuthRequest, refreshTokens } from "@/lib/auth/accounts";
import { refreshSchema } from "@/lib/auth/schemas";

export const POST = withApi({ body: refreshSchema }, async ({ body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  return ok(await refreshTokens({ refreshToken: body.refreshToken }));
});
