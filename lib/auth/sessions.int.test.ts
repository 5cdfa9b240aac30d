import { randomUUID } from "node:crypto";
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
import { createSession, getLiveSession, getLiveSessions, LIVE_SESSION_CACHE_MS, SESSIONS_CHANNEL, sessionTtlMs } from "./sessions";

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

  test("many sessions in one lookup: live ones, a revoked one, an unknown one and a malformed id; last-seen written once for the live", async () => {
    const [a, b, revoked] = [await signedIn(), await signedIn(), await signedIn()];
    await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, revoked.sessionId));
    const unknown = randomUUID();
    const [bRow] = await db.select({ userId: sessions.userId }).from(sessions).where(eq(sessions.id, b.sessionId));
    const bUserId = bRow!.userId;
    const web = await createSession({ userId: bUserId, kind: "web", rememberMe: false });
    const [aRow] = await db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.id, a.sessionId));
    const apiExpiresAt = aRow!.expiresAt;
    // Later than any cache entry the sign-ins left: every session is read from the database.
    const at = new Date(Date.now() + LIVE_SESSION_CACHE_MS + 61_000);
    const found = await getLiveSessions([a.sessionId, b.sessionId, revoked.sessionId, unknown, "not-a-session", a.sessionId, web.sessionId], at);
    expect([...found.keys()].sort()).toEqual([a.sessionId, b.sessionId, revoked.sessionId, unknown, "not-a-session", web.sessionId].sort());
    expect(found.get(web.sessionId)).toMatchObject({ userId: bUserId, sessionKind: "web" });
    expect(found.get(a.sessionId)).toMatchObject({ sessionId: a.sessionId, tier: "free", sessionKind: "api" });
    expect(found.get(b.sessionId)?.sessionId).toBe(b.sessionId);
    expect(found.get(revoked.sessionId)).toBeNull();
    expect(found.get(unknown)).toBeNull();
    expect(found.get("not-a-session")).toBeNull();
    await expect
      .poll(async () => {
        const rows = await db.select({ id: sessions.id, lastSeenAt: sessions.lastSeenAt }).from(sessions);
        const seen = new Map(rows.map((row) => [row.id, row.lastSeenAt?.getTime()]));
        return [seen.get(a.sessionId), seen.get(b.sessionId), seen.get(web.sessionId), seen.get(revoked.sessionId) === at.getTime()];
      })
      .toEqual([at.getTime(), at.getTime(), at.getTime(), false]);
    // The web session slides to a full lifetime from now; the API session ends when its refresh token does.
    const expiries = new Map(
      (await db.select({ id: sessions.id, expiresAt: sessions.expiresAt }).from(sessions)).map((row) => [row.id, row.expiresAt.getTime()]),
    );
    expect(expiries.get(web.sessionId)).toBe(at.getTime() + sessionTtlMs(false));
    expect(expiries.get(a.sessionId)).toBe(apiExpiresAt.getTime());
    // Answered from the cache now, as getLiveSession would be.
    await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, a.sessionId));
    expect((await getLiveSessions([a.sessionId], new Date(at.getTime() + 1_000))).get(a.sessionId)).not.toBeNull();
    expect((await getLiveSessions([a.sessionId], new Date(at.getTime() + LIVE_SESSION_CACHE_MS + 1_000))).get(a.sessionId)).toBeNull();
  });
});
