import "server-only";
import { hkdfSync } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { env } from "@/lib/env";

// The browser sign-in runs our own checks (limits, lockout, 2FA) and creates the session row first;
// Auth.js then only turns this one-minute grant for that session into its cookie.
const GRANT_TTL_SECONDS = 60;

function grantKey(): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", env.authSecret, "tradepulse", "tradepulse/login-grant/v1", 32));
}

export async function signLoginGrant({ userId, sessionId }: { userId: string; sessionId: string }): Promise<string> {
  return new SignJWT({ sid: sessionId, purpose: "login-grant" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${GRANT_TTL_SECONDS}s`)
    .sign(grantKey());
}

export async function verifyLoginGrant(grant: string): Promise<{ userId: string; sessionId: string } | null> {
  try {
    const { payload } = await jwtVerify(grant, grantKey(), { algorithms: ["HS256"] });
    if (payload.purpose !== "login-grant" || typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch {
    return null;
  }
}
