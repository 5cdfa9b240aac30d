import "server-only";
import type { AuthContext } from "@/lib/auth/sessions";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { consumeLimit, type LimiterOptions, type LimitResult } from "@/lib/ratelimit";

/** Every /api/v1 request: 100 a minute per user, or per address when signed out. Shared through Redis. */
export const API_LIMIT: LimiterOptions = { name: "api", points: 100, durationSeconds: 60 };

export type LimitSubject = { key: string; kind: "user" | "address" };

const BEARER = /^Bearer\s+(\S+)$/i;
const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/**
 * Who a request counts against. An authenticated route already knows its user; elsewhere a valid
 * bearer token or session cookie still names the user (signature checked, no database), so a signed-in
 * page polling a public route spends its user's budget, not its whole office's address.
 */
export async function limitSubject(req: Request, auth: AuthContext | null, ip: string): Promise<LimitSubject> {
  if (auth) return { key: `u:${auth.userId}`, kind: "user" };
  const header = req.headers.get("authorization");
  const bearer = header ? BEARER.exec(header)?.[1] : undefined;
  if (bearer) {
    try {
      const { verifyAccessToken } = await import("@/lib/auth/tokens");
      const payload = await verifyAccessToken(bearer);
      if (payload.sub) return { key: `u:${payload.sub}`, kind: "user" };
    } catch {
      // An invalid token counts against the address, like no token.
    }
  } else if ((req.headers.get("cookie") ?? "").includes("authjs.session-token")) {
    const subject = await cookieSubject(req.headers);
    if (subject) return { key: `u:${subject}`, kind: "user" };
  }
  return { key: `ip:${ip}`, kind: "address" };
}

async function cookieSubject(headers: Headers): Promise<string | null> {
  const { getToken } = await import("next-auth/jwt");
  const cookie = headers.get("cookie") ?? "";
  for (const cookieName of SESSION_COOKIE_NAMES) {
    if (!cookie.includes(`${cookieName}=`) && !cookie.includes(`${cookieName}.0=`)) continue;
    try {
      const token = await getToken({ req: { headers }, secret: env.authSecret, secureCookie: cookieName.startsWith("__Secure-"), cookieName, salt: cookieName });
      if (token && typeof token.sub === "string") return token.sub;
    } catch {
      return null;
    }
  }
  return null;
}

/** Spends one request of the subject's budget. A broken limiter store lets the request through (logged). */
export async function consumeApiLimit(subject: LimitSubject): Promise<LimitResult | null> {
  try {
    return await consumeLimit(API_LIMIT, subject.key);
  } catch (error) {
    logger.warn({ err: error }, "API rate limiter unavailable; request let through");
    return null;
  }
}
