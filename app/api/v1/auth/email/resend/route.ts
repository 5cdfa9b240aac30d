// POST /api/v1/auth/email/resend – send the verification email again
import { withApi } from "@/lib/api/handler";
import { accepted } from "@/lib/api/respond";
import { guardAuthRequest, resendVerificationEmail } from "@/lib/auth/accounts";

export const POST = withApi({ auth: "user" }, async ({ auth, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  await resendVerificationEmail({ userId: auth.userId });
  return accepted({ message: "A new verification email is on its way." });
});
