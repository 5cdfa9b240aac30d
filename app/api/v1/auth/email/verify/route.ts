// POST /api/v1/auth/email/verify – confirm the email address with the token from the email
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { guardAuthRequest, verifyEmail } from "@/lib/auth/accounts";
import { verifyEmailSchema } from "@/lib/auth/schemas";

export const POST = withApi({ body: verifyEmailSchema }, async ({ body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  return ok({ user: await verifyEmail(body, { ip, userAgent }) });
});
