import "server-only";
import { createHash, hkdfSync, randomBytes } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import type { users } from "@/db/schema/auth";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

// Access tokens: HS256 JWTs for /api/v1, short-lived, carrying the session id so that a revoked
// session stops working at the next live-session check. Refresh and one-time tokens are opaque random
// strings; only their SHA-256 is stored, which is enough because they carry 256 bits of entropy.

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const ACCESS_TOKEN_ISSUER = "tradepulse";
export const ACCESS_TOKEN_AUDIENCE = "tradepulse:api";
const ACCESS_TOKEN_TYPE = "at+jwt";
const CLOCK_TOLERANCE_SECONDS = 5;

export const REFRESH_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const REFRESH_TTL_REMEMBER_ME_MS = 30 * 24 * 60 * 60 * 1000;
export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;

type UserRow = typeof users.$inferSelect;
export type UserRole = UserRow["role"];
export type UserTier = UserRow["tier"];

// `satisfies` keeps these lists in step with the database enums at compile time.
const ROLES = { user: "user", admin: "admin" } as const satisfies { [K in UserRole]: K };
const TIERS = { free: "free", pro: "pro", premium: "premium", vip: "vip" } as const satisfies { [K in UserTier]: K };

export type AccessTokenClaims = { sub: string; sid: string; role: UserRole; tier: UserTier };
export type AccessTokenPayload = AccessTokenClaims & { iat: number; exp: number };

const payloadSchema = z.object({
  sub: z.string().min(1),
  sid: z.string().min(1),
  role: z.enum(ROLES),
  tier: z.enum(TIERS),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** A key for access tokens only, separated from other uses of AUTH_SECRET by the HKDF label. */
export function deriveAccessTokenKey(authSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", authSecret, "", "tradepulse/access-token/hs256/v1", 32));
}

let defaultKey: Uint8Array | undefined;
function getDefaultKey(): Uint8Array {
  defaultKey ??= deriveAccessTokenKey(env.authSecret);
  return defaultKey;
}

export function signAccessToken(
  claims: AccessTokenClaims,
  now: Date = new Date(),
  key: Uint8Array = getDefaultKey(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ sid: claims.sid, role: claims.role, tier: claims.tier })
    .setProtectedHeader({ alg: "HS256", typ: ACCESS_TOKEN_TYPE })
    .setSubject(claims.sub)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(key);
}

/** Throws AppError TOKEN_EXPIRED for an expired token and UNAUTHENTICATED for any other failure. */
export async function verifyAccessToken(
  token: string,
  now: Date = new Date(),
  key: Uint8Array = getDefaultKey(),
): Promise<AccessTokenPayload> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      typ: ACCESS_TOKEN_TYPE,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "iat", "exp"],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new AppError("TOKEN_EXPIRED", "The access token has expired.");
    throw new AppError("UNAUTHENTICATED", undefined, { cause: error });
  }
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new AppError("UNAUTHENTICATED");
  return parsed.data;
}

const OPAQUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** 256 random bits, base64url (43 characters). */
export function generateOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

/** SHA-256, hex: what the database stores and looks tokens up by. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A cheap shape check to skip the database for input that cannot be one of our tokens. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && OPAQUE_TOKEN.test(token);
}

export function generateRefreshToken(): { token: string; tokenHash: string } {
  const token = generateOpaqueToken();
  return { token, tokenHash: hashToken(token) };
}

export function getRefreshTtlMs(rememberMe: boolean): number {
  return rememberMe ? REFRESH_TTL_REMEMBER_ME_MS : REFRESH_TTL_MS;
}

/** For email verification and password reset links: the token goes in the link, the hash in the table. */
export function generateOneTimeToken(): { token: string; tokenHash: string } {
  const token = generateOpaqueToken();
  return { token, tokenHash: hashToken(token) };
}
