import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { jwtVerify, SignJWT } from "jose";
import { hkdfSync } from "node:crypto";
import { db } from "@/db/client";
import { backupCodes, emailVerificationTokens, passwordResetTokens, totpSecrets, users, type User } from "@/db/schema";
import { recordAudit } from "@/lib/audit/queries";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/mailer";
import {
  accountDeletedTemplate,
  accountLockedTemplate,
  passwordChangedTemplate,
  resetPasswordTemplate,
  twoFactorChangedTemplate,
  verifyEmailTemplate,
} from "@/lib/mail/templates";
import { consumeLimit, enforceLimit, peekLimit, rateLimitedError, resetLimit, type LimiterOptions } from "@/lib/ratelimit";
import { totpSecretContext } from "@/lib/vault/contexts";
import { secretBox } from "@/lib/vault/secret-box";
import { createBackupCodes, verifyBackupCode } from "./backup-codes";
import { blockIp, isIpBlocked } from "./blocked-ips";
import { hashPassword, verifyDummy, verifyPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import type { LoginInput, MfaLoginInput, RegisterInput } from "./schemas";
import { createSession, effectiveTier, invalidateUserSessions, revokeAllSessions, rotateRefreshToken } from "./sessions";
import { buildOtpauthUrl, generateTotpSecret, totpQrDataUrl, verifyTotp } from "./totp";
import {
  ACCESS_TOKEN_TTL_SECONDS,
  EMAIL_VERIFICATION_TTL_MS,
  generateOneTimeToken,
  hashToken,
  isWellFormedToken,
  PASSWORD_RESET_TTL_MS,
  signAccessToken,
} from "./tokens";

export type RequestMeta = { ip: string; userAgent?: string | null };

// Limits of the accounts issue: per address on every auth route, failures per account and per address.
export const AUTH_IP_LIMIT: LimiterOptions = { name: "auth-ip", points: 10, durationSeconds: 60 };
export const LOGIN_ACCOUNT_FAILURES: LimiterOptions = { name: "login-account-failures", points: 5, durationSeconds: 15 * 60 };
export const LOGIN_IP_FAILURES: LimiterOptions = { name: "login-ip-failures", points: 20, durationSeconds: 15 * 60 };
const FORGOT_PER_EMAIL: LimiterOptions = { name: "forgot-email", points: 3, durationSeconds: 60 * 60 };
const RESEND_PER_USER: LimiterOptions = { name: "verify-resend", points: 3, durationSeconds: 60 * 60 };
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_DURATION_MS = 15 * 60 * 1000;
export const IP_BLOCK_DURATION_MS = 60 * 60 * 1000;
const MFA_TOKEN_TTL_SECONDS = 5 * 60;

const INVALID_CREDENTIALS = "The email or password is incorrect.";

export type PublicUser = {
  id: string;
  email: string;
  name: string | null;
  role: User["role"];
  tier: User["tier"];
  tierExpiresAt: string | null;
  emailVerified: boolean;
  totpEnabled: boolean;
  settings: Record<string, unknown>;
  createdAt: string;
};

export function toPublicUser(user: User, now = new Date()): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    tier: effectiveTier(user.tier, user.tierExpiresAt, now),
    tierExpiresAt: user.tierExpiresAt?.toISOString() ?? null,
    emailVerified: user.emailVerifiedAt !== null,
    totpEnabled: user.totpEnabled,
    settings: user.settings,
    createdAt: user.createdAt.toISOString(),
  };
}

function link(pathname: string, token: string): string {
  return `${env.appUrl}${pathname}?token=${encodeURIComponent(token)}`;
}

// Email is a side effect: a failed delivery is logged and never undoes the change that caused it.
async function deliver(to: string, message: { subject: string; text: string; html: string }, tag: string): Promise<void> {
  try {
    await sendMail({ to, ...message, tag });
  } catch (error) {
    logger.error({ err: error, tag }, "email delivery failed");
  }
}

function passwordPolicyError(password: string, context: { email: string; name?: string | null }, field = "password"): AppError | null {
  const result = checkPasswordPolicy(password, context);
  if (result.ok) return null;
  return new AppError("VALIDATION_ERROR", result.reasons[0] ?? "Choose a stronger password.", {
    details: result.reasons.map((message) => ({ field, message })),
  });
}

async function findUserByEmail(email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user;
}

async function getUserOrThrow(userId: string): Promise<User> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("NOT_FOUND", "Account not found.");
  return user;
}

/** Every /auth route and form: 10 requests a minute per client address, and blocked addresses refused. */
export async function guardAuthRequest(meta: RequestMeta): Promise<void> {
  if (await isIpBlocked(meta.ip)) throw new AppError("FORBIDDEN", "Requests from your address are blocked for a while.");
  await enforceLimit(AUTH_IP_LIMIT, meta.ip, "Too many attempts from your address. Wait a minute and try again.");
}

async function issueVerificationEmail(user: Pick<User, "id" | "email" | "name">): Promise<void> {
  const { token, tokenHash } = generateOneTimeToken();
  await db.insert(emailVerificationTokens).values({
    userId: user.id,
    email: user.email,
    tokenHash,
    expiresAt: new Date(Date.now() + EMAIL_VERIFICATION_TTL_MS),
  });
  await deliver(
    user.email,
    verifyEmailTemplate({ name: user.name ?? user.email, url: link("/verify-email", token), expiresInHours: EMAIL_VERIFICATION_TTL_MS / 3_600_000 }),
    "verify-email",
  );
}

// ---------------------------------------------------------------- register

export async function registerUser(input: RegisterInput, meta: RequestMeta): Promise<PublicUser> {
  const weak = passwordPolicyError(input.password, { email: input.email, name: input.name });
  if (weak) throw weak;
  if (await findUserByEmail(input.email)) throw new AppError("EMAIL_TAKEN", "An account with this email already exists.");
  const passwordHash = await hashPassword(input.password);
  let user: User;
  try {
    [user] = (await db
      .insert(users)
      .values({ email: input.email, name: input.name ?? null, passwordHash, passwordChangedAt: new Date() })
      .returning()) as [User];
  } catch (error) {
    // Two registrations racing on one email: the unique index decides.
    if (String((error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code) === "23505") {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists.");
    }
    throw error;
  }
  await recordAudit({ userId: user.id, action: "user.registered", ip: meta.ip, userAgent: meta.userAgent });
  await issueVerificationEmail(user);
  return toPublicUser(user);
}

// ---------------------------------------------------------------- login

export type LoginSuccess = {
  user: User;
  sessionId: string;
  refreshToken: string | null;
  expiresAt: Date;
};

async function recordLoginFailure(user: User | undefined, email: string, meta: RequestMeta, reason: string): Promise<"locked" | "failed"> {
  const now = new Date();
  await consumeLimit(LOGIN_ACCOUNT_FAILURES, email);
  const perIp = await consumeLimit(LOGIN_IP_FAILURES, meta.ip);
  // The 20th failure spends the last point: block at once, not on the 21st.
  if ((!perIp.allowed || perIp.remaining === 0) && meta.ip !== "unknown") {
    await blockIp({ ip: meta.ip, reason: `${LOGIN_IP_FAILURES.points} failed sign-ins in 15 minutes`, expiresAt: new Date(now.getTime() + IP_BLOCK_DURATION_MS) });
  }
  await recordAudit({ userId: user?.id ?? null, action: "login.failed", ip: meta.ip, userAgent: meta.userAgent, metadata: { reason, ...(user ? {} : { email }) } });
  if (!user) return "failed";
  const [updated] = await db
    .update(users)
    .set({ failedLoginCount: sql`${users.failedLoginCount} + 1`, lastFailedLoginAt: now })
    .where(eq(users.id, user.id))
    .returning({ failedLoginCount: users.failedLoginCount });
  if ((updated?.failedLoginCount ?? 0) < LOCK_AFTER_FAILURES) return "failed";
  const lockedUntil = new Date(now.getTime() + LOCK_DURATION_MS);
  await db.update(users).set({ lockedUntil, failedLoginCount: 0 }).where(eq(users.id, user.id));
  await recordAudit({ userId: user.id, action: "account.locked", ip: meta.ip, userAgent: meta.userAgent, metadata: { until: lockedUntil.toISOString() } });
  await deliver(
    user.email,
    accountLockedTemplate({ name: user.name ?? user.email, lockedUntil, ip: meta.ip, resetUrl: `${env.appUrl}/forgot-password` }),
    "account-locked",
  );
  return "locked";
}

function lockedError(lockedUntil: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
  return new AppError("ACCOUNT_LOCKED", `This account is locked after too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minutes or reset your password.`, {
    headers: { "retry-after": String(seconds) },
  });
}

const totpContext = totpSecretContext;

/** Checks a TOTP code or a backup code; each works once. */
async function verifySecondFactor(user: User, code: string, meta: RequestMeta): Promise<boolean> {
  const now = new Date();
  const compact = code.replace(/[\s-]/g, "");
  if (/^\d{6}$/.test(compact)) {
    const [row] = await db
      .select()
      .from(totpSecrets)
      .where(and(eq(totpSecrets.userId, user.id), isNotNull(totpSecrets.confirmedAt)));
    if (!row) return false;
    const secret = secretBox.decrypt(row.secretCiphertext, totpContext(row.id, user.id));
    const result = verifyTotp({ secret, code: compact, now, lastUsedStep: row.lastUsedStep });
    if (!result.ok) return false;
    // Conditional update: of two requests racing with one code, only one moves the step forward.
    const claimed = await db
      .update(totpSecrets)
      .set({ lastUsedStep: result.step })
      .where(and(eq(totpSecrets.id, row.id), sql`(${totpSecrets.lastUsedStep} is null or ${totpSecrets.lastUsedStep} < ${result.step})`))
      .returning({ id: totpSecrets.id });
    return claimed.length === 1;
  }
  const unused = await db
    .select({ id: backupCodes.id, codeHash: backupCodes.codeHash })
    .from(backupCodes)
    .where(and(eq(backupCodes.userId, user.id), isNull(backupCodes.usedAt)));
  const match = verifyBackupCode(code, unused.map((row) => row.codeHash));
  if (!match.ok) return false;
  const claimed = await db
    .update(backupCodes)
    .set({ usedAt: now })
    .where(and(eq(backupCodes.id, unused[match.index]!.id), isNull(backupCodes.usedAt)))
    .returning({ id: backupCodes.id });
  if (claimed.length !== 1) return false;
  await recordAudit({ userId: user.id, action: "2fa.backup_code_used", ip: meta.ip, userAgent: meta.userAgent, metadata: { remaining: unused.length - 1 } });
  return true;
}

function mfaTokenKey(): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", env.authSecret, "tradepulse", "tradepulse/mfa-pending/v1", 32));
}

async function signMfaToken(userId: string, rememberMe: boolean): Promise<string> {
  return new SignJWT({ purpose: "mfa", rememberMe })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${MFA_TOKEN_TTL_SECONDS}s`)
    .sign(mfaTokenKey());
}

async function readMfaToken(token: string): Promise<{ userId: string; rememberMe: boolean }> {
  try {
    const { payload } = await jwtVerify(token, mfaTokenKey(), { algorithms: ["HS256"] });
    if (payload.purpose !== "mfa" || typeof payload.sub !== "string") throw new Error("wrong purpose");
    return { userId: payload.sub, rememberMe: payload.rememberMe === true };
  } catch {
    throw new AppError("UNAUTHENTICATED", "The sign-in step expired. Enter your email and password again.");
  }
}

async function completeLogin(user: User, input: { kind: "web" | "api"; rememberMe: boolean; deviceName?: string | null; password?: string }, meta: RequestMeta): Promise<LoginSuccess> {
  const now = new Date();
  const changes: Partial<typeof users.$inferInsert> = { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now };
  await db.update(users).set(changes).where(eq(users.id, user.id));
  await resetLimit(LOGIN_ACCOUNT_FAILURES, user.email.toLowerCase());
  const session = await createSession({ userId: user.id, kind: input.kind, rememberMe: input.rememberMe, deviceName: input.deviceName, userAgent: meta.userAgent, ip: meta.ip, now });
  await recordAudit({ userId: user.id, action: "login.succeeded", ip: meta.ip, userAgent: meta.userAgent, metadata: { sessionId: session.sessionId, kind: input.kind } });
  return { user, ...session };
}

export type LoginOutcome = { status: "ok"; result: LoginSuccess } | { status: "mfa_required"; mfaToken: string };

/**
 * Email + password (+ code when 2FA is on). Unknown email and wrong password answer alike, after the
 * same argon2 work. Failures feed the per-account and per-address limits and the lockout.
 */
export async function loginWithPassword(input: LoginInput & { kind: "web" | "api" }, meta: RequestMeta): Promise<LoginOutcome> {
  const now = new Date();
  const email = input.email.toLowerCase();
  const limit = await peekLimit(LOGIN_ACCOUNT_FAILURES, email);
  if (!limit.allowed) throw rateLimitedError(limit, "Too many failed sign-ins for this account. Try again later.");

  const user = await findUserByEmail(email);
  if (!user) {
    await verifyDummy(input.password);
    await recordLoginFailure(undefined, email, meta, "unknown email");
    throw new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS);
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await verifyDummy(input.password);
    throw lockedError(user.lockedUntil, now);
  }
  const check = await verifyPassword(user.passwordHash, input.password);
  if (!check.ok) {
    const outcome = await recordLoginFailure(user, email, meta, "wrong password");
    if (outcome === "locked") throw lockedError(new Date(now.getTime() + LOCK_DURATION_MS), now);
    throw new AppError("INVALID_CREDENTIALS", INVALID_CREDENTIALS);
  }
  if (check.needsRehash) {
    await db.update(users).set({ passwordHash: await hashPassword(input.password) }).where(eq(users.id, user.id));
  }
  if (user.isBlocked) {
    await recordAudit({ userId: user.id, action: "login.failed", ip: meta.ip, userAgent: meta.userAgent, metadata: { reason: "account blocked" } });
    throw new AppError("FORBIDDEN", "This account is blocked. Contact the administrator.");
  }
  if (user.totpEnabled) {
    if (!input.code) {
      return { status: "mfa_required", mfaToken: await signMfaToken(user.id, input.rememberMe ?? false) };
    }
    if (!(await verifySecondFactor(user, input.code, meta))) {
      const outcome = await recordLoginFailure(user, email, meta, "wrong 2FA code");
      if (outcome === "locked") throw lockedError(new Date(now.getTime() + LOCK_DURATION_MS), now);
      throw new AppError("INVALID_MFA_CODE", "That code is not valid (or was already used).");
    }
  }
  return { status: "ok", result: await completeLogin(user, { kind: input.kind, rememberMe: input.rememberMe ?? false, deviceName: input.deviceName }, meta) };
}

/** The second step of a browser sign-in: the pending token from the password step plus a code. */
export async function loginWithMfaToken(input: MfaLoginInput & { kind: "web" | "api" }, meta: RequestMeta): Promise<LoginSuccess> {
  const now = new Date();
  const pending = await readMfaToken(input.mfaToken);
  const user = await getUserOrThrow(pending.userId).catch(() => {
    throw new AppError("UNAUTHENTICATED", "The sign-in step expired. Enter your email and password again.");
  });
  const limit = await peekLimit(LOGIN_ACCOUNT_FAILURES, user.email.toLowerCase());
  if (!limit.allowed) throw rateLimitedError(limit, "Too many failed sign-ins for this account. Try again later.");
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) throw lockedError(user.lockedUntil, now);
  if (user.isBlocked) throw new AppError("FORBIDDEN", "This account is blocked. Contact the administrator.");
  if (!(await verifySecondFactor(user, input.code, meta))) {
    const outcome = await recordLoginFailure(user, user.email.toLowerCase(), meta, "wrong 2FA code");
    if (outcome === "locked") throw lockedError(new Date(now.getTime() + LOCK_DURATION_MS), now);
    throw new AppError("INVALID_MFA_CODE", "That code is not valid (or was already used).");
  }
  return completeLogin(user, { kind: input.kind, rememberMe: input.rememberMe ?? pending.rememberMe }, meta);
}

export async function issueAccessToken(user: Pick<User, "id" | "role" | "tier" | "tierExpiresAt">, sessionId: string): Promise<{ accessToken: string; expiresIn: number }> {
  const accessToken = await signAccessToken({ sub: user.id, sid: sessionId, role: user.role, tier: effectiveTier(user.tier, user.tierExpiresAt, new Date()) });
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/** Spends a refresh token and answers the next pair with the user (POST /auth/refresh). */
export async function refreshTokens({ refreshToken }: { refreshToken: string }) {
  const rotated = await rotateRefreshToken({ token: refreshToken });
  const user = await getUserOrThrow(rotated.userId);
  return { ...(await issueAccessToken(user, rotated.sessionId)), refreshToken: rotated.refreshToken, user: toPublicUser(user) };
}

// ---------------------------------------------------------------- email verification

export async function verifyEmail({ token }: { token: string }, meta: RequestMeta): Promise<PublicUser> {
  const now = new Date();
  if (!isWellFormedToken(token)) throw new AppError("INVALID_TOKEN", "This verification link is not valid.");
  const [row] = await db
    .select()
    .from(emailVerificationTokens)
    .where(eq(emailVerificationTokens.tokenHash, hashToken(token)));
  if (!row || row.usedAt) throw new AppError("INVALID_TOKEN", "This verification link is not valid or was already used.");
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError("TOKEN_EXPIRED", "This verification link has expired. Ask for a new one.");
  const user = await db.transaction(async (tx) => {
    const claimed = await tx
      .update(emailVerificationTokens)
      .set({ usedAt: now })
      .where(and(eq(emailVerificationTokens.id, row.id), isNull(emailVerificationTokens.usedAt)))
      .returning({ id: emailVerificationTokens.id });
    if (claimed.length !== 1) throw new AppError("INVALID_TOKEN", "This verification link was already used.");
    const [updated] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(users.id, row.userId), eq(sql`lower(${users.email})`, row.email.toLowerCase())))
      .returning();
    if (!updated) throw new AppError("INVALID_TOKEN", "This verification link no longer matches the account's email.");
    return updated;
  });
  await recordAudit({ userId: user.id, action: "email.verified", ip: meta.ip, userAgent: meta.userAgent });
  await invalidateUserSessions(user.id);
  return toPublicUser(user);
}

export async function resendVerificationEmail({ userId }: { userId: string }): Promise<void> {
  const user = await getUserOrThrow(userId);
  if (user.emailVerifiedAt) throw new AppError("CONFLICT", "Your email address is already verified.");
  await enforceLimit(RESEND_PER_USER, userId, "We already sent several emails. Check your inbox and spam folder, or try again in an hour.");
  await issueVerificationEmail(user);
}

// ---------------------------------------------------------------- password reset and change

/** Answers the same whether or not the account exists; only an existing, unblocked account gets an email. */
export async function requestPasswordReset({ email }: { email: string }, meta: RequestMeta): Promise<void> {
  const user = await findUserByEmail(email);
  const withinLimit = (await consumeLimit(FORGOT_PER_EMAIL, email.toLowerCase())).allowed;
  if (!user || user.isBlocked || !withinLimit) return;
  const { token, tokenHash } = generateOneTimeToken();
  await db.insert(passwordResetTokens).values({ userId: user.id, tokenHash, expiresAt: new Date(Date.now() + PASSWORD_RESET_TTL_MS), requestedIp: meta.ip });
  await recordAudit({ userId: user.id, action: "password.reset_requested", ip: meta.ip, userAgent: meta.userAgent });
  await deliver(
    user.email,
    resetPasswordTemplate({ name: user.name ?? user.email, url: link("/reset-password", token), expiresInMinutes: PASSWORD_RESET_TTL_MS / 60_000, ip: meta.ip }),
    "reset-password",
  );
}

/** Sets a new password from a reset link; every session of the user ends. */
export async function resetPassword({ token, password }: { token: string; password: string }, meta: RequestMeta): Promise<void> {
  const now = new Date();
  if (!isWellFormedToken(token)) throw new AppError("INVALID_TOKEN", "This reset link is not valid.");
  const [row] = await db.select().from(passwordResetTokens).where(eq(passwordResetTokens.tokenHash, hashToken(token)));
  if (!row || row.usedAt) throw new AppError("INVALID_TOKEN", "This reset link is not valid or was already used.");
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError("TOKEN_EXPIRED", "This reset link has expired. Ask for a new one.");
  const user = await getUserOrThrow(row.userId);
  const weak = passwordPolicyError(password, { email: user.email, name: user.name });
  if (weak) throw weak;
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const claimed = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.id });
    if (claimed.length !== 1) throw new AppError("INVALID_TOKEN", "This reset link was already used.");
    // Other outstanding links die with this one.
    await tx.update(passwordResetTokens).set({ usedAt: now }).where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, failedLoginCount: 0, lockedUntil: null })
      .where(eq(users.id, user.id));
    await revokeAllSessions({ userId: user.id, reason: "password reset" }, tx);
  });
  await resetLimit(LOGIN_ACCOUNT_FAILURES, user.email.toLowerCase());
  await recordAudit({ userId: user.id, action: "password.reset", ip: meta.ip, userAgent: meta.userAgent });
  await invalidateUserSessions(user.id);
  await deliver(user.email, passwordChangedTemplate({ name: user.name ?? user.email, when: now, ip: meta.ip, resetUrl: `${env.appUrl}/forgot-password` }), "password-changed");
}

/** Changes the password of a signed-in user; their other sessions end. */
export async function changePassword(
  input: { userId: string; sessionId: string; currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const now = new Date();
  const user = await getUserOrThrow(input.userId);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)).ok) {
    throw new AppError("INVALID_CREDENTIALS", "Your current password is incorrect.", { details: [{ field: "currentPassword", message: "Incorrect password." }] });
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError("VALIDATION_ERROR", "Choose a password different from the current one.", { details: [{ field: "newPassword", message: "Same as the current password." }] });
  }
  const weak = passwordPolicyError(input.newPassword, { email: user.email, name: user.name }, "newPassword");
  if (weak) throw weak;
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: now }).where(eq(users.id, user.id));
    await revokeAllSessions({ userId: user.id, exceptSessionId: input.sessionId, reason: "password changed" }, tx);
  });
  await recordAudit({ userId: user.id, action: "password.changed", ip: meta.ip, userAgent: meta.userAgent });
  await deliver(user.email, passwordChangedTemplate({ name: user.name ?? user.email, when: now, ip: meta.ip, resetUrl: `${env.appUrl}/forgot-password` }), "password-changed");
}

// ---------------------------------------------------------------- two-factor authentication

/** Starts enrolment: a new secret, stored encrypted and unconfirmed until a code proves the app has it. */
export async function setupTwoFactor({ userId }: { userId: string }): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const user = await getUserOrThrow(userId);
  if (user.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is already on. Turn it off first to set up a new device.");
  const secret = generateTotpSecret();
  const rowId = randomUUID();
  const secretCiphertext = secretBox.encrypt(secret, totpContext(rowId, userId));
  await db.transaction(async (tx) => {
    await tx.delete(totpSecrets).where(eq(totpSecrets.userId, userId));
    await tx.insert(totpSecrets).values({ id: rowId, userId, secretCiphertext, keyVersion: secretBox.currentKeyVersion });
  });
  const otpauthUrl = buildOtpauthUrl({ secret, email: user.email });
  return { secret, otpauthUrl, qrDataUrl: await totpQrDataUrl(otpauthUrl) };
}

export async function enableTwoFactor({ userId, code }: { userId: string; code: string }, meta: RequestMeta): Promise<{ backupCodes: string[] }> {
  const now = new Date();
  const user = await getUserOrThrow(userId);
  if (user.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  const [row] = await db.select().from(totpSecrets).where(and(eq(totpSecrets.userId, userId), isNull(totpSecrets.confirmedAt)));
  if (!row) throw new AppError("CONFLICT", "Start the setup first: no pending authenticator secret.");
  const secret = secretBox.decrypt(row.secretCiphertext, totpContext(row.id, userId));
  const result = verifyTotp({ secret, code, now, lastUsedStep: null });
  if (!result.ok) throw new AppError("INVALID_MFA_CODE", "That code is not valid. Check the time on your device and try the current code.");
  const { codes, hashes } = createBackupCodes();
  await db.transaction(async (tx) => {
    await tx.update(totpSecrets).set({ confirmedAt: now, lastUsedStep: result.step }).where(eq(totpSecrets.id, row.id));
    await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, userId));
    await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
    await tx.insert(backupCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
  });
  await recordAudit({ userId, action: "2fa.enabled", ip: meta.ip, userAgent: meta.userAgent });
  await invalidateUserSessions(userId);
  await deliver(user.email, twoFactorChangedTemplate({ name: user.name ?? user.email, enabled: true, when: now }), "2fa-changed");
  return { backupCodes: codes };
}

export async function disableTwoFactor({ userId, password, code }: { userId: string; password: string; code: string }, meta: RequestMeta): Promise<void> {
  const user = await getUserOrThrow(userId);
  if (!user.totpEnabled) throw new AppError("CONFLICT", "Two-factor authentication is not on.");
  if (!(await verifyPassword(user.passwordHash, password)).ok) {
    throw new AppError("INVALID_CREDENTIALS", "Your password is incorrect.", { details: [{ field: "password", message: "Incorrect password." }] });
  }
  if (!(await verifySecondFactor(user, code, meta))) throw new AppError("INVALID_MFA_CODE", "That code is not valid (or was already used).");
  await db.transaction(async (tx) => {
    await tx.delete(totpSecrets).where(eq(totpSecrets.userId, userId));
    await tx.delete(backupCodes).where(eq(backupCodes.userId, userId));
    await tx.update(users).set({ totpEnabled: false }).where(eq(users.id, userId));
  });
  await recordAudit({ userId, action: "2fa.disabled", ip: meta.ip, userAgent: meta.userAgent });
  await invalidateUserSessions(userId);
  await deliver(user.email, twoFactorChangedTemplate({ name: user.name ?? user.email, enabled: false, when: new Date() }), "2fa-changed");
}

export async function countUnusedBackupCodes({ userId }: { userId: string }): Promise<number> {
  const rows = await db.select({ id: backupCodes.id }).from(backupCodes).where(and(eq(backupCodes.userId, userId), isNull(backupCodes.usedAt)));
  return rows.length;
}

// ---------------------------------------------------------------- profile and account

export async function getMe({ userId }: { userId: string }): Promise<PublicUser> {
  return toPublicUser(await getUserOrThrow(userId));
}

export async function updateMe(
  { userId, name, settings }: { userId: string; name?: string | null; settings?: Record<string, unknown> },
): Promise<PublicUser> {
  const user = await getUserOrThrow(userId);
  const [updated] = await db
    .update(users)
    .set({
      ...(name !== undefined ? { name } : {}),
      ...(settings !== undefined ? { settings: { ...user.settings, ...settings } } : {}),
    })
    .where(eq(users.id, userId))
    .returning();
  await invalidateUserSessions(userId);
  return toPublicUser(updated!);
}

/** Deletes the account and, through ON DELETE CASCADE, all its data. Needs the password. */
export async function deleteAccount({ userId, password }: { userId: string; password: string }, meta: RequestMeta): Promise<void> {
  const user = await getUserOrThrow(userId);
  if (!(await verifyPassword(user.passwordHash, password)).ok) {
    throw new AppError("INVALID_CREDENTIALS", "Your password is incorrect.", { details: [{ field: "password", message: "Incorrect password." }] });
  }
  await db.transaction(async (tx) => {
    await revokeAllSessions({ userId, reason: "account deleted" }, tx);
    // The audit row outlives the account (user_id is set to null by the foreign key).
    await recordAudit({ userId, action: "account.deleted", ip: meta.ip, userAgent: meta.userAgent, metadata: { accountId: userId } }, tx);
    await tx.delete(users).where(eq(users.id, userId));
  });
  await invalidateUserSessions(userId);
  await deliver(user.email, accountDeletedTemplate({ name: user.name ?? user.email }), "account-deleted");
}

export async function hasPendingVerification({ userId }: { userId: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: emailVerificationTokens.id })
    .from(emailVerificationTokens)
    .where(and(eq(emailVerificationTokens.userId, userId), isNull(emailVerificationTokens.usedAt), gt(emailVerificationTokens.expiresAt, new Date())));
  return Boolean(row);
}
