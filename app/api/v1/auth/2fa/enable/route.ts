// POST /api/v1/auth/2fa/enable – confirm the secret with a code; answers the 10 backup codes once
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { enableTwoFactor, guardAuthRequest } from "@/lib/auth/accounts";
import { twoFactorEnableSchema } from "@/lib/auth/schemas";

export const POST = withApi({ auth: "user", body: twoFactorEnableSchema }, async ({ auth, body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  return ok(await enableTwoFactor({ userId: auth.userId, code: body.code }, { ip, userAgent }));
});
