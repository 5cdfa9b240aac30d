// POST /api/v1/auth/2fa/setup – a new authenticator secret (unconfirmed until /2fa/enable)
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { guardAuthRequest, setupTwoFactor } from "@/lib/auth/accounts";

export const POST = withApi({ auth: "user" }, async ({ auth, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  return ok(await setupTwoFactor({ userId: auth.userId }));
});
