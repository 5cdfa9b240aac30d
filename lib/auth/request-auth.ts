import "server-only";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getLiveSession, type AuthContext } from "./sessions";
import { verifyAccessToken } from "./tokens";

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** The session id inside the browser's Auth.js cookie, if there is a valid one. */
export async function readWebSessionId(req: Request | { headers: Headers }): Promise<string | null> {
  const cookie = req.headers.get("cookie") ?? "";
  if (!cookie.includes(SESSION_COOKIE)) return null;
  const { getToken } = await import("next-auth/jwt");
  for (const [cookieName, secureCookie] of [
    [SECURE_SESSION_COOKIE, true],
    [SESSION_COOKIE, false],
  ] as const) {
    if (!cookie.includes(`${cookieName}=`)) continue;
    const token = await getToken({ req: { headers: req.headers }, secret: env.authSecret, secureCookie, cookieName, salt: cookieName });
    if (token && typeof token.sid === "string") return token.sid;
  }
  return null;
}

/**
 * Who is calling: a bearer access token (mobile, integrations) or the browser's session cookie.
 * Both end at the same live-session check. Returns null when no credentials came; throws 401 when
 * credentials came but are not good.
 */
export async function authenticateRequest(req: Request): Promise<AuthContext | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AppError("UNAUTHENTICATED", "Use the Authorization header as: Bearer <access token>.");
    const payload = await verifyAccessToken(match[1]!);
    const context = await getLiveSession(payload.sid);
    if (!context || context.userId !== payload.sub) throw new AppError("UNAUTHENTICATED", "This session has ended. Sign in again.");
    return context;
  }
  const sessionId = await readWebSessionId(req);
  if (!sessionId) return null;
  const context = await getLiveSession(sessionId);
  if (!context) throw new AppError("UNAUTHENTICATED", "This session has ended. Sign in again.");
  return context;
}
