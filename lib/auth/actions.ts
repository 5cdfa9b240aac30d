"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import {
  changePassword,
  deleteAccount,
  disableTwoFactor,
  enableTwoFactor,
  guardAuthRequest,
  loginWithMfaToken,
  loginWithPassword,
  registerUser,
  requestPasswordReset,
  resendVerificationEmail,
  resetPassword,
  setupTwoFactor,
  updateMe,
  type LoginSuccess,
} from "./accounts";
import { getRequestMeta, requireUser } from "./guards";
import { signLoginGrant } from "./login-grant";
import { signIn, signOut } from "./next-auth";
import {
  changePasswordSchema,
  deleteAccountSchema,
  forgotPasswordSchema,
  loginSchema,
  mfaLoginSchema,
  registerSchema,
  resetPasswordSchema,
  twoFactorDisableSchema,
  twoFactorEnableSchema,
  updateMeSchema,
} from "./schemas";
import { revokeAllSessions, revokeSession } from "./sessions";
import { z } from "zod";

// Only same-site paths are followed after sign-in.
function safeRedirect(target: unknown): string {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") ? target : "/dashboard";
}

async function startBrowserSession(result: LoginSuccess, redirectTo: unknown): Promise<never> {
  const grant = await signLoginGrant({ userId: result.user.id, sessionId: result.sessionId });
  await signIn("credentials", { grant, redirectTo: safeRedirect(redirectTo) });
  // signIn redirects (throws NEXT_REDIRECT); reaching here would be a bug in Auth.js.
  throw new Error("sign-in did not redirect");
}

export type LoginActionData = { mfaRequired: true; mfaToken: string } | undefined;

/** Step 1 of sign-in: email and password. With 2FA on, answers with a pending token for step 2. */
export async function loginAction(input: unknown): Promise<ActionResult<LoginActionData>> {
  const parsed = loginSchema.extend({ redirectTo: z.string().optional() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let success: LoginSuccess;
  try {
    const meta = await getRequestMeta();
    await guardAuthRequest(meta);
    const outcome = await loginWithPassword({ ...parsed.data, kind: "web" }, meta);
    if (outcome.status === "mfa_required") return { ok: true, data: { mfaRequired: true, mfaToken: outcome.mfaToken } };
    success = outcome.result;
  } catch (error) {
    return toActionError(error);
  }
  return startBrowserSession(success, parsed.data.redirectTo);
}

/** Step 2 of sign-in: the code from the authenticator app, or a backup code. */
export async function loginMfaAction(input: unknown): Promise<ActionResult<undefined>> {
  const parsed = mfaLoginSchema.extend({ redirectTo: z.string().optional() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let success: LoginSuccess;
  try {
    const meta = await getRequestMeta();
    await guardAuthRequest(meta);
    success = await loginWithMfaToken({ ...parsed.data, kind: "web" }, meta);
  } catch (error) {
    return toActionError(error);
  }
  return startBrowserSession(success, parsed.data.redirectTo);
}

/** Creates the account, sends the verification email and signs the new user in. */
export async function registerAction(input: unknown): Promise<ActionResult<undefined>> {
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let success: LoginSuccess;
  try {
    const meta = await getRequestMeta();
    await guardAuthRequest(meta);
    await registerUser(parsed.data, meta);
    const outcome = await loginWithPassword({ email: parsed.data.email, password: parsed.data.password, kind: "web" }, meta);
    if (outcome.status !== "ok") throw new Error("a new account cannot need 2FA");
    success = outcome.result;
  } catch (error) {
    return toActionError(error);
  }
  return startBrowserSession(success, "/dashboard?welcome=1");
}

export async function logoutAction(): Promise<void> {
  const auth = await requireUser().catch(() => null);
  if (auth) {
    const meta = await getRequestMeta();
    await revokeSession({ userId: auth.userId, sessionId: auth.sessionId, reason: "signed out", ip: meta.ip, userAgent: meta.userAgent });
  }
  await signOut({ redirectTo: "/login" });
}

export async function forgotPasswordAction(input: unknown): Promise<ActionResult<undefined>> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const meta = await getRequestMeta();
    await guardAuthRequest(meta);
    await requestPasswordReset(parsed.data, meta);
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function resetPasswordAction(input: unknown): Promise<ActionResult<undefined>> {
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const meta = await getRequestMeta();
    await guardAuthRequest(meta);
    await resetPassword(parsed.data, meta);
  } catch (error) {
    return toActionError(error);
  }
  redirect("/login?reset=1");
}

export async function resendVerificationAction(): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  try {
    await resendVerificationEmail({ userId: auth.userId });
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function changePasswordAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await changePassword({ userId: auth.userId, sessionId: auth.sessionId, ...parsed.data }, await getRequestMeta());
    revalidatePath("/settings/sessions");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setupTwoFactorAction(): Promise<ActionResult<{ secret: string; otpauthUrl: string; qrDataUrl: string }>> {
  const auth = await requireUser();
  try {
    return { ok: true, data: await setupTwoFactor({ userId: auth.userId }) };
  } catch (error) {
    return toActionError(error);
  }
}

export async function enableTwoFactorAction(input: unknown): Promise<ActionResult<{ backupCodes: string[] }>> {
  const auth = await requireUser();
  const parsed = twoFactorEnableSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const data = await enableTwoFactor({ userId: auth.userId, code: parsed.data.code }, await getRequestMeta());
    revalidatePath("/settings/security");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function disableTwoFactorAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = twoFactorDisableSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await disableTwoFactor({ userId: auth.userId, ...parsed.data }, await getRequestMeta());
    revalidatePath("/settings/security");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function revokeSessionAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = z.object({ sessionId: z.uuid() }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    const meta = await getRequestMeta();
    await revokeSession({ userId: auth.userId, sessionId: parsed.data.sessionId, reason: "revoked by the user", ip: meta.ip, userAgent: meta.userAgent });
    revalidatePath("/settings/sessions");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function revokeOtherSessionsAction(): Promise<ActionResult<{ revoked: number }>> {
  const auth = await requireUser();
  const revoked = await revokeAllSessions({ userId: auth.userId, exceptSessionId: auth.sessionId, reason: "signed out everywhere else" });
  revalidatePath("/settings/sessions");
  return { ok: true, data: { revoked: revoked.length } };
}

export async function updateProfileAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = updateMeSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await updateMe({ userId: auth.userId, ...parsed.data });
    revalidatePath("/settings/profile");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function deleteAccountAction(input: unknown): Promise<ActionResult<undefined>> {
  const auth = await requireUser();
  const parsed = deleteAccountSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await deleteAccount({ userId: auth.userId, password: parsed.data.password }, await getRequestMeta());
  } catch (error) {
    return toActionError(error);
  }
  await signOut({ redirectTo: "/?deleted=1" });
  return { ok: true, data: undefined };
}
