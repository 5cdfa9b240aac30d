import { z } from "zod";
import {
  changePasswordSchema,
  deleteAccountSchema,
  forgotPasswordSchema,
  loginSchema,
  refreshSchema,
  registerSchema,
  resetPasswordSchema,
  twoFactorDisableSchema,
  twoFactorEnableSchema,
  updateMeSchema,
  verifyEmailSchema,
} from "@/lib/auth/schemas";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { streamQuerySchema } from "@/lib/realtime/schemas";
import { route, type RouteDoc } from "../types";
import { messageSchema, revokedSchema, deletedSchema } from "../responses/common";
import {
  auditEntrySchema,
  backupCodesSchema,
  publicUserSchema,
  sessionSchema,
  streamTicketSchema,
  tokenPairSchema,
  twoFactorSetupSchema,
  userExportSchema,
  userResultSchema,
} from "../responses/auth";

// The params of these routes are declared inline in their route files; these are identical copies
// (the ownership test proves the ids are honoured).
const sessionParams = z.object({ sessionId: z.uuid({ error: "Not a session id." }) });
const exportQuery = z.object({ download: z.enum(["0", "1"]).optional().meta({ description: "1: answer as a file download" }) });

export const authRoutes: RouteDoc[] = [
  route({ method: "POST", path: "/auth/register", operationId: "register", tag: "Auth", summary: "Create an account; a verification email follows", auth: "none", authGuard: true, body: registerSchema, status: 201, response: userResultSchema, errors: ["EMAIL_TAKEN"] }),
  route({
    method: "POST",
    path: "/auth/login",
    operationId: "login",
    tag: "Auth",
    summary: "Email and password (and a 2FA code when on) for an access and a refresh token",
    description: "`code` takes a TOTP or a backup code. Without it, an account with 2FA answers 401 MFA_REQUIRED.",
    auth: "none",
    authGuard: true,
    body: loginSchema,
    response: tokenPairSchema,
    errors: ["INVALID_CREDENTIALS", "MFA_REQUIRED", "INVALID_MFA_CODE", "ACCOUNT_LOCKED"],
  }),
  route({
    method: "POST",
    path: "/auth/refresh",
    operationId: "refreshTokens",
    tag: "Auth",
    summary: "Spend a refresh token for a new pair",
    description: "Presenting a spent refresh token answers 401 TOKEN_REUSED and revokes the whole session.",
    auth: "none",
    authGuard: true,
    body: refreshSchema,
    response: tokenPairSchema,
    errors: ["INVALID_TOKEN", "TOKEN_EXPIRED", "TOKEN_REUSED"],
  }),
  route({ method: "POST", path: "/auth/logout", operationId: "logout", tag: "Auth", summary: "Revoke the current session", auth: "user", response: revokedSchema }),
  route({ method: "POST", path: "/auth/2fa/setup", operationId: "setupTwoFactor", tag: "Auth", summary: "A new authenticator secret (unconfirmed until enabled)", auth: "user", authGuard: true, response: twoFactorSetupSchema, errors: ["CONFLICT"] }),
  route({ method: "POST", path: "/auth/2fa/enable", operationId: "enableTwoFactor", tag: "Auth", summary: "Confirm the secret with a code; answers the 10 backup codes once", auth: "user", authGuard: true, body: twoFactorEnableSchema, response: backupCodesSchema, errors: ["INVALID_MFA_CODE", "CONFLICT"] }),
  route({ method: "POST", path: "/auth/2fa/disable", operationId: "disableTwoFactor", tag: "Auth", summary: "Turn 2FA off with the password and a current code", auth: "user", authGuard: true, body: twoFactorDisableSchema, response: z.object({ totpEnabled: z.literal(false) }), errors: ["INVALID_CREDENTIALS", "INVALID_MFA_CODE", "CONFLICT"] }),
  route({ method: "POST", path: "/auth/password/forgot", operationId: "forgotPassword", tag: "Auth", summary: "Email a reset link (the same answer whether or not the account exists)", auth: "none", authGuard: true, body: forgotPasswordSchema, status: 202, response: messageSchema }),
  route({ method: "POST", path: "/auth/password/reset", operationId: "resetPassword", tag: "Auth", summary: "Set a new password from a reset token; every session ends", auth: "none", authGuard: true, body: resetPasswordSchema, response: z.object({ passwordReset: z.literal(true) }), errors: ["INVALID_TOKEN", "TOKEN_EXPIRED"] }),
  route({ method: "POST", path: "/auth/password/change", operationId: "changePassword", tag: "Auth", summary: "Change the password; the caller's other sessions end", auth: "user", authGuard: true, body: changePasswordSchema, response: z.object({ passwordChanged: z.literal(true) }), errors: ["INVALID_CREDENTIALS"] }),
  route({ method: "POST", path: "/auth/email/verify", operationId: "verifyEmail", tag: "Auth", summary: "Confirm the email address with the token from the email", auth: "none", authGuard: true, body: verifyEmailSchema, response: userResultSchema, errors: ["INVALID_TOKEN", "TOKEN_EXPIRED"] }),
  route({ method: "POST", path: "/auth/email/resend", operationId: "resendVerificationEmail", tag: "Auth", summary: "Send the verification email again", auth: "user", authGuard: true, status: 202, response: messageSchema, errors: ["CONFLICT"] }),
];

export const userRoutes: RouteDoc[] = [
  route({ method: "GET", path: "/user/me", operationId: "getMe", tag: "User", summary: "The caller's profile", auth: "user", response: publicUserSchema }),
  route({ method: "PATCH", path: "/user/me", operationId: "updateMe", tag: "User", summary: "Change the name or settings", auth: "user", body: updateMeSchema, response: publicUserSchema }),
  route({ method: "DELETE", path: "/user/me", operationId: "deleteMe", tag: "User", summary: "Delete the account and all its data (needs the password)", auth: "user", body: deleteAccountSchema, response: deletedSchema, errors: ["INVALID_CREDENTIALS"] }),
  route({ method: "GET", path: "/user/export", operationId: "exportMyData", tag: "User", summary: "All of the caller's own data as JSON", auth: "user", query: exportQuery, response: userExportSchema, headers: { "Content-Disposition": "With ?download=1: attachment; filename=tradepulse-export-<date>.json" } }),
  route({ method: "GET", path: "/user/sessions", operationId: "listSessions", tag: "User", summary: "The caller's live sessions, the current one marked", auth: "user", response: z.array(sessionSchema) }),
  route({ method: "DELETE", path: "/user/sessions/{sessionId}", operationId: "revokeSession", tag: "User", summary: "Revoke one of the caller's sessions", auth: "user", params: sessionParams, response: z.object({ revoked: z.literal(true), current: z.boolean() }), errors: ["NOT_FOUND"] }),
  route({ method: "GET", path: "/user/audit", operationId: "listMyAudit", tag: "User", summary: "The caller's own security log, newest first", auth: "user", query: paginationQuerySchema, kind: "paginated", response: auditEntrySchema }),
];

export const streamRoutes: RouteDoc[] = [
  route({
    method: "GET",
    path: "/stream",
    operationId: "openStream",
    tag: "Realtime",
    summary: "Server-sent events: tickers, signals, pumps and the caller's notifications",
    description:
      "Authenticate with the session cookie, a bearer token, or `?ticket=` from POST /stream/ticket. Events: `ready`, `tickers`, `signal`, `pump`, `notification`, `end`; `Last-Event-ID` (or `?lastEventId=`) resumes signals and notifications.",
    auth: "user",
    query: streamQuerySchema,
    kind: "raw",
    contentType: ["text/event-stream"],
  }),
  route({ method: "POST", path: "/stream/ticket", operationId: "createStreamTicket", tag: "Realtime", summary: "A one-minute, single-use ticket for GET /stream?ticket=", auth: "user", status: 201, response: streamTicketSchema }),
];
