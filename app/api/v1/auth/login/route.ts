// POST /api/v1/auth/login – email + password (+ code when 2FA is on) → access and refresh tokens
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { guardAuthRequest, issueAccessToken, loginWithPassword, toPublicUser } from "@/lib/auth/accounts";
import { loginSchema } from "@/lib/auth/schemas";
import { AppError } from "@/lib/errors";

export const POST = withApi({ body: loginSchema }, async ({ body, ip, userAgent }) => {
  const meta = { ip, userAgent };
  await guardAuthRequest(meta);
  const outcome = await loginWithPassword({ ...body, kind: "api" }, meta);
  if (outcome.status === "mfa_required") {
    throw new AppError("MFA_REQUIRED", "Two-factor authentication is on: send the code from your authenticator app (or a backup code) as `code`.");
  }
  const { user, sessionId, refreshToken } = outcome.result;
  return ok({ ...(await issueAccessToken(user, sessionId)), refreshToken, user: toPublicUser(user) });
});
