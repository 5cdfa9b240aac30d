import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { sessions } from "@/db/schema";
import { env } from "@/lib/env";
import { getBus } from "@/lib/realtime/bus";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { GET as me } from "@/app/api/v1/user/me/route";
import { getLiveSession, LIVE_SESSION_CACHE_MS, SESSIONS_CHANNEL } from "./sessions";

async function signedIn() {
  const email = uniqueEmail();
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const token = res.body.data.accessToken as string;
  const [row] = await db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, res.body.data.user.id));
  return { token, sessionId: row!.id };
}

// Another instance revoking a session: it changes the row and publishes on the bus. Through Redis this
// uses a connection of its own, as a second process would.
async function revokeFromAnotherInstance(sessionId: string) {
  await db.update(sessions).set({ revokedAt: new Date(), revokedReason: "test" }).where(eq(sessions.id, sessionId));
  if (env.redisUrl) {
    const other = new Redis(env.redisUrl);
    await other.publish(`${env.redisKeyPrefix}bus:${SESSIONS_CHANNEL}`, JSON.stringify({ sessionIds: [sessionId] }));
    await other.quit();
  } else {
    await getBus().publish(SESSIONS_CHANNEL, { sessionIds: [sessionId] });
  }
}

describe("live-session check", () => {
  test("a session revoked elsewhere keeps working at most 30 s from the cache, without a bus message", async () => {
    const { token, sessionId } = await signedIn();
    expect((await call(me, "GET", "/api/v1/user/me", { token })).status).toBe(200);
    await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
    const now = Date.now();
    expect(await getLiveSession(sessionId, new Date(now + 1_000))).not.toBeNull();
    expect(await getLiveSession(sessionId, new Date(now + LIVE_SESSION_CACHE_MS + 1_000))).toBeNull();
  });

  test("a revocation published on the bus by another instance ends the session here at once", async () => {
    const { token, sessionId } = await signedIn();
    expect((await call(me, "GET", "/api/v1/user/me", { token })).status).toBe(200);
    await revokeFromAnotherInstance(sessionId);
    await expect.poll(async () => (await call(me, "GET", "/api/v1/user/me", { token })).status, { timeout: 2_000, interval: 50 }).toBe(401);
  });
});
