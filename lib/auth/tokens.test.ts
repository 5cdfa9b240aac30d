import { createHash } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_TTL_SECONDS,
  deriveAccessTokenKey,
  generateOneTimeToken,
  generateRefreshToken,
  getRefreshTtlMs,
  hashToken,
  isWellFormedToken,
  REFRESH_TTL_MS,
  REFRESH_TTL_REMEMBER_ME_MS,
  signAccessToken,
  verifyAccessToken,
  type AccessTokenClaims,
} from "./tokens";

const key = deriveAccessTokenKey("test-auth-secret-with-at-least-32-characters");
const otherKey = deriveAccessTokenKey("another-auth-secret-with-at-least-32-chars");
const claims: AccessTokenClaims = { sub: "user-1", sid: "session-1", role: "user", tier: "pro" };
const now = new Date("2026-03-01T12:00:00Z");
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const later = (ms: number) => new Date(now.getTime() + ms);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return "OK";
}

// Signs arbitrary claims with our key and header, for cases signAccessToken cannot produce.
function forge(payload: Record<string, unknown>, edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt, typ = "at+jwt") {
  const base = new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(seconds(now))
    .setExpirationTime(seconds(now) + 900);
  return edit(base).sign(key);
}

describe("access tokens", () => {
  test("a forged token with the right key and claims passes (sanity check for the cases below)", async () => {
    expect(await codeOf(verifyAccessToken(await forge({ ...claims }), now, key))).toBe("OK");
  });

  test("round trip", async () => {
    const token = await signAccessToken(claims, now, key);
    expect(await verifyAccessToken(token, later(60_000), key)).toEqual({
      ...claims,
      iat: seconds(now),
      exp: seconds(now) + ACCESS_TOKEN_TTL_SECONDS,
    });
  });

  test("lives 15 minutes", async () => {
    const token = await signAccessToken(claims, now, key);
    expect(await codeOf(verifyAccessToken(token, later(14 * 60_000), key))).toBe("OK");
    expect(await codeOf(verifyAccessToken(token, later(16 * 60_000), key))).toBe("TOKEN_EXPIRED");
  });

  test("a wrong key is refused", async () => {
    const token = await signAccessToken(claims, now, otherKey);
    expect(await codeOf(verifyAccessToken(token, now, key))).toBe("UNAUTHENTICATED");
  });

  test("an expired token signed with a wrong key is unauthenticated, not expired", async () => {
    const token = await signAccessToken(claims, now, otherKey);
    expect(await codeOf(verifyAccessToken(token, later(60 * 60_000), key))).toBe("UNAUTHENTICATED");
  });

  test("a tampered payload is refused", async () => {
    const token = await signAccessToken(claims, now, key);
    const [header, payload, signature] = token.split(".");
    const decoded = JSON.parse(Buffer.from(payload!, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...decoded, role: "admin" })).toString("base64url");
    expect(await codeOf(verifyAccessToken(`${header}.${forged}.${signature}`, now, key))).toBe("UNAUTHENTICATED");
  });

  test("a tampered signature is refused", async () => {
    const token = await signAccessToken(claims, now, key);
    const last = token.at(-2) === "A" ? "B" : "A";
    expect(await codeOf(verifyAccessToken(token.slice(0, -2) + last + token.slice(-1), now, key))).toBe("UNAUTHENTICATED");
  });

  test("alg none is refused", async () => {
    const token = await signAccessToken(claims, now, key);
    const [, payload] = token.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url");
    expect(await codeOf(verifyAccessToken(`${header}.${payload}.`, now, key))).toBe("UNAUTHENTICATED");
  });

  test.each<[string, (jwt: SignJWT) => SignJWT, string?]>([
    ["wrong audience", (jwt) => jwt.setAudience("someone-else")],
    ["wrong issuer", (jwt) => jwt.setIssuer("someone-else")],
    ["wrong type", (jwt) => jwt, "JWT"],
    ["not valid yet", (jwt) => jwt.setNotBefore(seconds(now) + 600)],
  ])("%s is refused", async (_name, edit, typ) => {
    const token = await forge({ ...claims }, edit, typ);
    expect(await codeOf(verifyAccessToken(token, now, key))).toBe("UNAUTHENTICATED");
  });

  test.each([
    ["no sid", { sub: "user-1", role: "user", tier: "free" }],
    ["unknown role", { ...claims, role: "root" }],
    ["unknown tier", { ...claims, tier: "platinum" }],
    ["no sub", { sid: "s", role: "user", tier: "free" }],
  ])("a payload with %s is refused", async (_name, payload) => {
    expect(await codeOf(verifyAccessToken(await forge(payload), now, key))).toBe("UNAUTHENTICATED");
  });

  test.each(["", "garbage", "a.b.c"])("malformed token %j is refused", async (token) => {
    expect(await codeOf(verifyAccessToken(token, now, key))).toBe("UNAUTHENTICATED");
  });

  test("the default key comes from AUTH_SECRET and differs from a fixed one", async () => {
    const token = await signAccessToken(claims);
    expect((await verifyAccessToken(token)).sid).toBe("session-1");
    expect(await codeOf(verifyAccessToken(token, new Date(), key))).toBe("UNAUTHENTICATED");
  });

  test("key derivation is deterministic and labelled", () => {
    expect(Buffer.from(deriveAccessTokenKey("s".repeat(32))).equals(Buffer.from(deriveAccessTokenKey("s".repeat(32))))).toBe(true);
    expect(Buffer.from(key).equals(Buffer.from(otherKey))).toBe(false);
    expect(key).toHaveLength(32);
  });
});

describe("opaque tokens", () => {
  test("refresh tokens are 256-bit base64url with a SHA-256 hex hash", () => {
    const { token, tokenHash } = generateRefreshToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashToken(token)).toBe(tokenHash);
  });

  test("one-time tokens are unique and hashed the same way", () => {
    const a = generateOneTimeToken();
    const b = generateOneTimeToken();
    expect(a.token).not.toBe(b.token);
    expect(a.tokenHash).toBe(hashToken(a.token));
    expect(a.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test("SHA-256 known answer (FIPS 180-2, \"abc\")", () => {
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test.each([
    ["", false],
    ["short", false],
    ["A".repeat(43), true],
    ["A".repeat(44), false],
    [`${"A".repeat(42)}=`, false],
    [42, false],
  ])("isWellFormedToken(%j) → %s", (token, want) => {
    expect(isWellFormedToken(token)).toBe(want);
  });

  test("refresh lifetimes: 7 days, 30 with remember-me", () => {
    expect(REFRESH_TTL_MS).toBe(7 * 86_400_000);
    expect(REFRESH_TTL_REMEMBER_ME_MS).toBe(30 * 86_400_000);
    expect(getRefreshTtlMs(false)).toBe(REFRESH_TTL_MS);
    expect(getRefreshTtlMs(true)).toBe(REFRESH_TTL_REMEMBER_ME_MS);
  });
});
