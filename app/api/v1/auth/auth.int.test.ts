import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, queryRows } from "@/db/client";
import { auditLogs, blockedIps, passwordResetTokens, refreshTokens, sessions, users } from "@/db/schema";
import { AUTH_IP_LIMIT, LOGIN_ACCOUNT_FAILURES } from "@/lib/auth/accounts";
import { generateTotpCode, getTotpStep } from "@/lib/auth/totp";
import { resetLimit } from "@/lib/ratelimit";
import { call, OTHER_STRONG_PASSWORD, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { linkIn, startSmtpCapture } from "@/test/helpers/smtp";
import { POST as disable2fa } from "./2fa/disable/route";
import { POST as enable2fa } from "./2fa/enable/route";
import { POST as setup2fa } from "./2fa/setup/route";
import { POST as resend } from "./email/resend/route";
import { POST as verifyEmail } from "./email/verify/route";
import { POST as login } from "./login/route";
import { POST as logout } from "./logout/route";
import { POST as changePassword } from "./password/change/route";
import { POST as forgot } from "./password/forgot/route";
import { POST as reset } from "./password/reset/route";
import { POST as refresh } from "./refresh/route";
import { POST as register } from "./register/route";
import { GET as me } from "../user/me/route";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.stop();
});

async function registerUser(email = uniqueEmail(), password = STRONG_PASSWORD, ip = uniqueIp()) {
  const res = await call(register, "POST", "/api/v1/auth/register", { body: { email, password, name: "Ada Trader" }, ip });
  expect(res.status).toBe(201);
  return { email, password, user: res.body.data.user };
}

async function loginUser(email: string, password: string, extra: Record<string, unknown> = {}, ip = uniqueIp()) {
  return call(login, "POST", "/api/v1/auth/login", { body: { email, password, ...extra }, ip });
}

async function signedIn(email?: string) {
  const account = await registerUser(email);
  const res = await loginUser(account.email, account.password);
  expect(res.status).toBe(200);
  return { ...account, accessToken: res.body.data.accessToken as string, refreshToken: res.body.data.refreshToken as string };
}

describe("POST /auth/register", () => {
  test("creates the account (201, public fields only) and emails a verification link with text and HTML parts", async () => {
    const email = uniqueEmail("Mixed.Case");
    const res = await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD, name: "Ada" }, ip: uniqueIp() });
    expect(res.status).toBe(201);
    expect(res.body.data.user).toMatchObject({ email: email.toLowerCase(), name: "Ada", role: "user", tier: "free", emailVerified: false, totpEnabled: false });
    expect(JSON.stringify(res.body)).not.toMatch(/password/i);
    const mail = await smtp.lastTo(email.toLowerCase(), "verify");
    expect(mail.raw).toMatch(/Content-Type: text\/plain/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(linkIn(mail, "/verify-email").pathname).toBe("/verify-email");
  });

  test("stores an argon2id hash with at least OWASP's memory cost", async () => {
    const { email } = await registerUser();
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, email));
    expect(row!.hash).toMatch(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=1\$/);
    const [, m, t] = /m=(\d+),t=(\d+)/.exec(row!.hash)!;
    expect(Number(m)).toBeGreaterThanOrEqual(19456);
    expect(Number(t)).toBeGreaterThanOrEqual(2);
  });

  test("refuses a taken email whatever its case with 409 EMAIL_TAKEN", async () => {
    const { email } = await registerUser();
    const res = await call(register, "POST", "/api/v1/auth/register", { body: { email: email.toUpperCase(), password: STRONG_PASSWORD }, ip: uniqueIp() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("EMAIL_TAKEN");
  });

  test.each([
    ["too short", "Sh0rt!", /at least 12/i],
    ["common", "password1234", /./],
    ["the email itself", "EMAIL", /email/i],
  ])("refuses a %s password with 400 and the reason", async (_case, password, reason) => {
    const email = uniqueEmail();
    const res = await call(register, "POST", "/api/v1/auth/register", { body: { email, password: password === "EMAIL" ? email : password }, ip: uniqueIp() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    expect(res.body.error.details![0]!.field).toBe("password");
    expect(res.body.error.details!.map((d) => d.message).join(" ")).toMatch(reason);
  });

  test("answers malformed JSON, a wrong content type and bad fields in the envelope", async () => {
    const malformed = await call(register, "POST", "/api/v1/auth/register", { rawBody: "{email:", headers: { "content-type": "application/json" }, ip: uniqueIp() });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("VALIDATION_ERROR");
    const form = await call(register, "POST", "/api/v1/auth/register", { rawBody: "email=a", headers: { "content-type": "text/plain" }, ip: uniqueIp() });
    expect(form.status).toBe(415);
    const bad = await call(register, "POST", "/api/v1/auth/register", { body: { email: "nope", password: 5 }, ip: uniqueIp() });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details!.map((d) => d.field).sort()).toEqual(["email", "password"]);
  });
});

describe("POST /auth/login", () => {
  test("answers tokens and the user; the access token opens /user/me", async () => {
    const { email, accessToken, refreshToken } = await signedIn();
    expect(accessToken.split(".")).toHaveLength(3);
    expect(refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const profile = await call(me, "GET", "/api/v1/user/me", { token: accessToken });
    expect(profile.status).toBe(200);
    expect(profile.body.data.email).toBe(email);
    const [stored] = await db.select({ hash: refreshTokens.tokenHash }).from(refreshTokens).innerJoin(users, eq(users.id, refreshTokens.userId)).where(eq(users.email, email));
    expect(stored!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.hash).not.toContain(refreshToken);
  });

  test("gives an unknown email and a wrong password the same status, code and message, after the same argon2 work", async () => {
    const { email } = await registerUser();
    const timings: Record<string, number[]> = { unknown: [], wrong: [] };
    let unknown, wrong;
    for (let i = 0; i < 3; i++) {
      let started = performance.now();
      unknown = await loginUser(uniqueEmail("nobody"), STRONG_PASSWORD);
      timings.unknown!.push(performance.now() - started);
      started = performance.now();
      wrong = await loginUser(email, OTHER_STRONG_PASSWORD);
      timings.wrong!.push(performance.now() - started);
    }
    expect(unknown!.status).toBe(401);
    expect(wrong!.status).toBe(401);
    expect(unknown!.body.error).toEqual(wrong!.body.error);
    expect(unknown!.body.error.code).toBe("INVALID_CREDENTIALS");
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // Both paths verify one argon2id hash; neither can be an order of magnitude faster.
    expect(median(timings.unknown!) / median(timings.wrong!)).toBeGreaterThan(0.4);
    expect(median(timings.unknown!) / median(timings.wrong!)).toBeLessThan(2.5);
  });

  test("after 5 failures in 15 minutes the account answers 429 with Retry-After, even to the right password", async () => {
    const { email, password } = await registerUser();
    for (let i = 0; i < 5; i++) expect((await loginUser(email, "Wrong-password-123!")).status).toBe(401);
    const limited = await loginUser(email, password);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  test("10 consecutive failures lock the account for 15 minutes (423) and email the owner", async () => {
    const { email, password } = await registerUser();
    let last;
    for (let i = 0; i < 10; i++) {
      if (i === 5) await resetLimit(LOGIN_ACCOUNT_FAILURES, email); // the 15-minute window has passed
      last = await loginUser(email, "Wrong-password-123!");
    }
    expect(last!.status).toBe(423);
    expect(last!.body.error.code).toBe("ACCOUNT_LOCKED");
    await resetLimit(LOGIN_ACCOUNT_FAILURES, email);
    const locked = await loginUser(email, password);
    expect(locked.status).toBe(423);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    const mail = await smtp.lastTo(email, "locked");
    expect(mail.text).toMatch(/locked/i);
    const [row] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.email, email));
    expect(row!.lockedUntil!.getTime() - Date.now()).toBeGreaterThan(14 * 60_000);
    const actions = await db.select({ action: auditLogs.action }).from(auditLogs).innerJoin(users, eq(users.id, auditLogs.userId)).where(eq(users.email, email));
    expect(actions.map((a) => a.action)).toContain("account.locked");
  });

  test("20 failures from one address across accounts block that address for an hour", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) {
      if (i % 9 === 0) await resetLimit(AUTH_IP_LIMIT, ip); // spread over more than a minute in real life
      const res = await call(login, "POST", "/api/v1/auth/login", { body: { email: uniqueEmail("spray"), password: "Whatever-123456!" }, ip });
      expect(res.status).toBe(401);
    }
    await resetLimit(AUTH_IP_LIMIT, ip);
    const blocked = await call(login, "POST", "/api/v1/auth/login", { body: { email: uniqueEmail(), password: "Whatever-123456!" }, ip });
    expect(blocked.status).toBe(403);
    const [row] = await db.select({ expiresAt: blockedIps.expiresAt }).from(blockedIps).where(eq(blockedIps.ip, ip));
    expect(row!.expiresAt!.getTime() - Date.now()).toBeGreaterThan(55 * 60_000);
  });

  test("10 requests a minute per address on auth routes, then 429", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 10; i++) await call(forgot, "POST", "/api/v1/auth/password/forgot", { body: { email: uniqueEmail() }, ip });
    const res = await call(forgot, "POST", "/api/v1/auth/password/forgot", { body: { email: uniqueEmail() }, ip });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBeTruthy();
  });

  test("a blocked user cannot sign in and their sessions stop working", async () => {
    const { email, password, accessToken } = await signedIn();
    await db.update(users).set({ isBlocked: true }).where(eq(users.email, email));
    const { invalidateUserSessions } = await import("@/lib/auth/sessions");
    const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    await invalidateUserSessions(row!.id);
    expect((await call(me, "GET", "/api/v1/user/me", { token: accessToken })).status).toBe(401);
    const res = await loginUser(email, password);
    expect(res.status).toBe(403);
  });

  test("an expired tier reads as free", async () => {
    const { email, password } = await registerUser();
    await db.update(users).set({ tier: "premium", tierExpiresAt: new Date(Date.now() - 1000) }).where(eq(users.email, email));
    const res = await loginUser(email, password);
    expect(res.body.data.user.tier).toBe("free");
  });
});

describe("refresh tokens", () => {
  test("rotate on every use; a spent token presented again answers TOKEN_REUSED and kills the session", async () => {
    const { refreshToken, accessToken } = await signedIn();
    const first = await call(refresh, "POST", "/api/v1/auth/refresh", { body: { refreshToken }, ip: uniqueIp() });
    expect(first.status).toBe(200);
    const next = first.body.data.refreshToken as string;
    expect(next).not.toBe(refreshToken);
    expect((await call(me, "GET", "/api/v1/user/me", { token: first.body.data.accessToken })).status).toBe(200);

    const reused = await call(refresh, "POST", "/api/v1/auth/refresh", { body: { refreshToken }, ip: uniqueIp() });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe("TOKEN_REUSED");
    // The whole session is gone: the newest refresh token and both access tokens fail at once.
    expect((await call(refresh, "POST", "/api/v1/auth/refresh", { body: { refreshToken: next }, ip: uniqueIp() })).status).toBe(401);
    expect((await call(me, "GET", "/api/v1/user/me", { token: accessToken })).status).toBe(401);
    expect((await call(me, "GET", "/api/v1/user/me", { token: first.body.data.accessToken })).status).toBe(401);
  });

  test("an expired refresh token answers TOKEN_EXPIRED; an unknown one UNAUTHENTICATED", async () => {
    const { refreshToken } = await signedIn();
    const { hashToken } = await import("@/lib/auth/tokens");
    await db.update(refreshTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(refreshTokens.tokenHash, hashToken(refreshToken)));
    const expired = await call(refresh, "POST", "/api/v1/auth/refresh", { body: { refreshToken }, ip: uniqueIp() });
    expect(expired.body.error.code).toBe("TOKEN_EXPIRED");
    const unknown = await call(refresh, "POST", "/api/v1/auth/refresh", { body: { refreshToken: "A".repeat(43) }, ip: uniqueIp() });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe("UNAUTHENTICATED");
  });

  test("remember me makes the session last 30 days instead of 7", async () => {
    const { email, password } = await registerUser();
    const short = await loginUser(email, password);
    const long = await loginUser(email, password, { rememberMe: true });
    const expiry = async (token: string) => {
      const { hashToken } = await import("@/lib/auth/tokens");
      const [row] = await db.select({ expiresAt: refreshTokens.expiresAt }).from(refreshTokens).where(eq(refreshTokens.tokenHash, hashToken(token)));
      return (row!.expiresAt.getTime() - Date.now()) / 86_400_000;
    };
    expect(await expiry(short.body.data.refreshToken)).toBeCloseTo(7, 1);
    expect(await expiry(long.body.data.refreshToken)).toBeCloseTo(30, 1);
  });
});

describe("POST /auth/logout", () => {
  test("revokes the current session: its access token stops working at once", async () => {
    const { accessToken } = await signedIn();
    expect((await call(logout, "POST", "/api/v1/auth/logout", { token: accessToken })).status).toBe(200);
    const after = await call(me, "GET", "/api/v1/user/me", { token: accessToken });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("UNAUTHENTICATED");
  });

  test("needs a bearer token; a malformed one is 401", async () => {
    expect((await call(logout, "POST", "/api/v1/auth/logout")).status).toBe(401);
    expect((await call(logout, "POST", "/api/v1/auth/logout", { token: "not.a.jwt" })).body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("two-factor authentication", () => {
  async function enable(accessToken: string) {
    const setup = await call(setup2fa, "POST", "/api/v1/auth/2fa/setup", { token: accessToken, ip: uniqueIp() });
    expect(setup.status).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.body.data as { secret: string; otpauthUrl: string; qrDataUrl: string };
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/TradePulse:.+\?.*issuer=TradePulse/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const step = getTotpStep(new Date());
    const code = generateTotpCode({ secret, now: new Date() });
    const enabled = await call(enable2fa, "POST", "/api/v1/auth/2fa/enable", { token: accessToken, body: { code }, ip: uniqueIp() });
    expect(enabled.status).toBe(200);
    expect(enabled.body.data.backupCodes).toHaveLength(10);
    return { secret, step, backupCodes: enabled.body.data.backupCodes as string[] };
  }

  const codeAt = (secret: string, step: number) => generateTotpCode({ secret, now: new Date(step * 30_000 + 1000) });

  test("the secret is stored encrypted; login then needs a code, each code works once, each backup code works once", async () => {
    const { email, password, accessToken } = await signedIn();
    const { secret, step, backupCodes } = await enable(accessToken);
    const [row] = await queryRows<{ secret_ciphertext: string }>(sql`select t.secret_ciphertext from totp_secrets t join users u on u.id = t.user_id where u.email = ${email}`);
    expect(row!.secret_ciphertext).toMatch(/^v\d+\./);
    expect(row!.secret_ciphertext).not.toContain(secret);

    const missing = await loginUser(email, password);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe("MFA_REQUIRED");
    const valid = [-1, 0, 1, 2].map((d) => codeAt(secret, step + d));
    const wrong = await loginUser(email, password, { code: ["000000", "111111", "222222", "333333", "444444"].find((c) => !valid.includes(c)) });
    expect(wrong.body.error.code).toBe("INVALID_MFA_CODE");

    // The enable step used the code of `step`; the next step's code (within the ±1 window) works once.
    const next = codeAt(secret, step + 1);
    expect((await loginUser(email, password, { code: next })).status).toBe(200);
    const replay = await loginUser(email, password, { code: next });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("INVALID_MFA_CODE");

    const backup = backupCodes[0]!;
    expect((await loginUser(email, password, { code: backup.toLowerCase() })).status).toBe(200);
    expect((await loginUser(email, password, { code: backup })).body.error.code).toBe("INVALID_MFA_CODE");
  });

  test("setup twice while on is a conflict; enable with a wrong code fails", async () => {
    const { accessToken } = await signedIn();
    const setup = await call(setup2fa, "POST", "/api/v1/auth/2fa/setup", { token: accessToken, ip: uniqueIp() });
    const wrong = await call(enable2fa, "POST", "/api/v1/auth/2fa/enable", { token: accessToken, body: { code: generateTotpCode({ secret: setup.body.data.secret, now: new Date(Date.now() - 5 * 60_000) }) }, ip: uniqueIp() });
    expect(wrong.body.error.code).toBe("INVALID_MFA_CODE");
    await enable(accessToken);
    const again = await call(setup2fa, "POST", "/api/v1/auth/2fa/setup", { token: accessToken, ip: uniqueIp() });
    expect(again.status).toBe(409);
  });

  test("disable needs the password and a code", async () => {
    const { email, password, accessToken } = await signedIn();
    const { backupCodes } = await enable(accessToken);
    const badPassword = await call(disable2fa, "POST", "/api/v1/auth/2fa/disable", { token: accessToken, body: { password: OTHER_STRONG_PASSWORD, code: backupCodes[0] }, ip: uniqueIp() });
    expect(badPassword.body.error.code).toBe("INVALID_CREDENTIALS");
    const badCode = await call(disable2fa, "POST", "/api/v1/auth/2fa/disable", { token: accessToken, body: { password, code: "123456" }, ip: uniqueIp() });
    expect(badCode.body.error.code).toBe("INVALID_MFA_CODE");
    const ok = await call(disable2fa, "POST", "/api/v1/auth/2fa/disable", { token: accessToken, body: { password, code: backupCodes[1] }, ip: uniqueIp() });
    expect(ok.status).toBe(200);
    expect((await loginUser(email, password)).status).toBe(200);
  });
});

describe("email verification", () => {
  test("the emailed token verifies once; resend then answers 409", async () => {
    const { email, accessToken } = await signedIn();
    const token = linkIn(await smtp.lastTo(email, "verify"), "/verify-email").searchParams.get("token")!;
    const res = await call(verifyEmail, "POST", "/api/v1/auth/email/verify", { body: { token }, ip: uniqueIp() });
    expect(res.status).toBe(200);
    expect(res.body.data.user.emailVerified).toBe(true);
    const again = await call(verifyEmail, "POST", "/api/v1/auth/email/verify", { body: { token }, ip: uniqueIp() });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("INVALID_TOKEN");
    expect((await call(me, "GET", "/api/v1/user/me", { token: accessToken })).body.data.emailVerified).toBe(true);
    expect((await call(resend, "POST", "/api/v1/auth/email/resend", { token: accessToken, ip: uniqueIp() })).status).toBe(409);
  });

  test("resend sends a fresh link to an unverified account", async () => {
    const { email, accessToken } = await signedIn();
    const before = smtp.countTo(email);
    const res = await call(resend, "POST", "/api/v1/auth/email/resend", { token: accessToken, ip: uniqueIp() });
    expect(res.status).toBe(202);
    await expect.poll(() => smtp.countTo(email)).toBe(before + 1);
  });
});

describe("password reset and change", () => {
  test("forgot answers 202 with the same body whether or not the account exists; only the account gets an email", async () => {
    const { email } = await registerUser();
    const stranger = uniqueEmail("stranger");
    const known = await call(forgot, "POST", "/api/v1/auth/password/forgot", { body: { email }, ip: uniqueIp() });
    const unknown = await call(forgot, "POST", "/api/v1/auth/password/forgot", { body: { email: stranger }, ip: uniqueIp() });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body.data).toEqual(unknown.body.data);
    await smtp.lastTo(email, "reset");
    expect(smtp.countTo(stranger)).toBe(0);
  });

  test("reset sets the password, revokes every session, and the link works once", async () => {
    const { email, accessToken } = await signedIn();
    await call(forgot, "POST", "/api/v1/auth/password/forgot", { body: { email }, ip: uniqueIp() });
    const link = linkIn(await smtp.lastTo(email, "reset"), "/reset-password");
    const token = link.searchParams.get("token")!;
    const [stored] = await db.select({ hash: passwordResetTokens.tokenHash }).from(passwordResetTokens).innerJoin(users, eq(users.id, passwordResetTokens.userId)).where(eq(users.email, email));
    expect(stored!.hash).not.toBe(token);

    const weak = await call(reset, "POST", "/api/v1/auth/password/reset", { body: { token, password: "short" }, ip: uniqueIp() });
    expect(weak.status).toBe(400);
    const res = await call(reset, "POST", "/api/v1/auth/password/reset", { body: { token, password: OTHER_STRONG_PASSWORD }, ip: uniqueIp() });
    expect(res.status).toBe(200);
    expect((await call(me, "GET", "/api/v1/user/me", { token: accessToken })).status).toBe(401);
    expect((await loginUser(email, STRONG_PASSWORD)).status).toBe(401);
    expect((await loginUser(email, OTHER_STRONG_PASSWORD)).status).toBe(200);
    const reused = await call(reset, "POST", "/api/v1/auth/password/reset", { body: { token, password: "Another-Strong-Pass-55!" }, ip: uniqueIp() });
    expect(reused.body.error.code).toBe("INVALID_TOKEN");
  });

  test("an expired reset link answers TOKEN_EXPIRED", async () => {
    const { email } = await registerUser();
    await call(forgot, "POST", "/api/v1/auth/password/forgot", { body: { email }, ip: uniqueIp() });
    const token = linkIn(await smtp.lastTo(email, "reset"), "/reset-password").searchParams.get("token")!;
    await db.execute(sql`update password_reset_tokens set expires_at = now() - interval '1 minute' where user_id = (select id from users where email = ${email})`);
    const res = await call(reset, "POST", "/api/v1/auth/password/reset", { body: { token, password: OTHER_STRONG_PASSWORD }, ip: uniqueIp() });
    expect(res.body.error.code).toBe("TOKEN_EXPIRED");
  });

  test("change needs the current password and signs out the other sessions, not this one", async () => {
    const { email, password, accessToken } = await signedIn();
    const other = await loginUser(email, password);
    const wrong = await call(changePassword, "POST", "/api/v1/auth/password/change", { token: accessToken, body: { currentPassword: "Nope-nope-nope-1", newPassword: OTHER_STRONG_PASSWORD }, ip: uniqueIp() });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    const res = await call(changePassword, "POST", "/api/v1/auth/password/change", { token: accessToken, body: { currentPassword: password, newPassword: OTHER_STRONG_PASSWORD }, ip: uniqueIp() });
    expect(res.status).toBe(200);
    expect((await call(me, "GET", "/api/v1/user/me", { token: accessToken })).status).toBe(200);
    expect((await call(me, "GET", "/api/v1/user/me", { token: other.body.data.accessToken })).status).toBe(401);
    await smtp.lastTo(email, "password");
    const live = await db.select({ id: sessions.id }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(sql`${users.email} = ${email} and ${sessions.revokedAt} is null`);
    expect(live).toHaveLength(1);
  });
});
