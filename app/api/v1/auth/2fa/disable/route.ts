// POST /api/v1/auth/2fa/disable – turn 2FA off with the password and a current code
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { disableTwoFactor, guardAuthRequest } from "@/lib/auth/accounts";
import { twoFactorDisableSchema } from "@/lib/auth/schemas";

export const POST = withApi({ auth: "user", body: twoFactorDisableSchema }, async ({ auth, body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  await disableTwoFactor({ userId: auth.userId, ...body }, { ip, userAgent });
  return ok({ totpEnabled: false });
});
