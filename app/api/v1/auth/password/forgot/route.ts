// POST /api/v1/auth/password/forgot – 202 with the same answer whether or not the account exists
import { withApi } from "@/lib/api/handler";
import { accepted } from "@/lib/api/respond";
import { guardAuthRequest, requestPasswordReset } from "@/lib/auth/accounts";
import { forgotPasswordSchema } from "@/lib/auth/schemas";

export const POST = withApi({ body: forgotPasswordSchema }, async ({ body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  await requestPasswordReset(body, { ip, userAgent });
  return accepted({ message: "If an account exists for this email, a link to reset the password is on its way." });
});
