// POST /api/v1/auth/register – create an account (a verification email follows)
import { withApi } from "@/lib/api/handler";
import { created } from "@/lib/api/respond";
import { guardAuthRequest, registerUser } from "@/lib/auth/accounts";
import { registerSchema } from "@/lib/auth/schemas";

export const POST = withApi({ body: registerSchema }, async ({ body, ip, userAgent }) => {
  await guardAuthRequest({ ip, userAgent });
  return created({ user: await registerUser(body, { ip, userAgent }) });
});
