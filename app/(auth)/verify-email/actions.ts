"use server";

import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { verifyEmail } from "@/lib/auth/accounts";
import { getRequestMeta } from "@/lib/auth/guards";
import { verifyEmailSchema } from "@/lib/auth/schemas";

export async function verifyEmailAction(input: unknown): Promise<ActionResult<{ email: string }>> {
  const parsed = verifyEmailSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const user = await verifyEmail(parsed.data, await getRequestMeta());
    return { ok: true, data: { email: user.email } };
  } catch (error) {
    return toActionError(error);
  }
}
