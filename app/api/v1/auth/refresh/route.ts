// POST /api/v1/auth/refresh – spend a refresh token for a new pair; a spent one revokes the session
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { getMe, guardAuthRequest, issueAccessToken } from "@/lib/auth/accounts";
import { refreshSchema } from "@/lib/auth/schemas";
import { rotateRefreshToken } from "@/lib/auth/sessions";

export const POST = withApi({ body: refreshSchema }, async ({ body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  const rotated = await rotateRefreshToken({ token: body.refreshToken });
  const user = await getMe({ userId: rotated.userId });
  const access = await issueAccessToken({ id: user.id, role: user.role, tier: user.tier, tierExpiresAt: null }, rotated.sessionId);
  return ok({ ...access, refreshToken: rotated.refreshToken, user });
});

