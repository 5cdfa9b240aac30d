import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { alerts, auditLogs, notificationPreferences, portfolios, pushSubscriptions, robotEvents, transactions, users } from "@/db/schema";
import { call, OTHER_STRONG_PASSWORD, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as audit } from "./audit/route";
import { GET as exportData } from "./export/route";
import { DELETE as deleteMe, GET as getMe, PATCH as patchMe } from "./me/route";
import { DELETE as revokeSession } from "./sessions/[sessionId]/route";
import { GET as listSessions } from "./sessions/route";

async function account(deviceName?: string) {
  const email = uniqueEmail();
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD, deviceName }, ip: uniqueIp() });
  expect(res.status).toBe(200);
  return { email, token: res.body.data.accessToken as string, userId: res.body.data.user.id as string };
}

async function secondLogin(email: string, deviceName: string) {
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD, deviceName }, ip: uniqueIp() });
  return res.body.data.accessToken as string;
}

describe("user routes need a session", () => {
  test.each([
    ["GET /user/me", getMe, "GET"],
    ["PATCH /user/me", patchMe, "PATCH"],
    ["DELETE /user/me", deleteMe, "DELETE"],
    ["GET /user/export", exportData, "GET"],
    ["GET /user/sessions", listSessions, "GET"],
    ["GET /user/audit", audit, "GET"],
  ] as const)("%s answers 401 UNAUTHENTICATED without a token", async (_name, handler, method) => {
    const res = await call(handler, method, "/api/v1/user/x");
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("/user/me", () => {
  test("reads and updates the profile; bad fields are 400 with details", async () => {
    const { email, token } = await account();
    const read = await call(getMe, "GET", "/api/v1/user/me", { token });
    expect(read.body.data).toMatchObject({ email, role: "user", tier: "free", emailVerified: false, totpEnabled: false });
    const updated = await call(patchMe, "PATCH", "/api/v1/user/me", { token, body: { name: "Grace", settings: { baseCurrency: "EUR", riskFreeRate: 0.03 } } });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ name: "Grace", settings: { baseCurrency: "EUR", riskFreeRate: 0.03 } });
    const bad = await call(patchMe, "PATCH", "/api/v1/user/me", { token, body: { settings: { baseCurrency: "DOGE" }, role: "admin" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
    expect(row!.role).toBe("user");
  });

  test("DELETE needs the password, then removes the account and all its data", async () => {
    const { email, token, userId } = await account();
    const [portfolio] = await db.insert(portfolios).values({ userId, name: "Mine" }).returning({ id: portfolios.id });
    await db.insert(transactions).values({ portfolioId: portfolio!.id, type: "buy", symbol: "BTC", quantity: "1", price: "1", executedAt: new Date() });
    const wrong = await call(deleteMe, "DELETE", "/api/v1/user/me", { token, body: { password: OTHER_STRONG_PASSWORD } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    const res = await call(deleteMe, "DELETE", "/api/v1/user/me", { token, body: { password: STRONG_PASSWORD } });
    expect(res.status).toBe(200);
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, portfolio!.id))).toEqual([]);
    expect((await call(getMe, "GET", "/api/v1/user/me", { token })).status).toBe(401);
    const trail = await db.select({ action: auditLogs.action, userId: auditLogs.userId, metadata: auditLogs.metadata }).from(auditLogs).where(eq(auditLogs.action, "account.deleted"));
    expect(trail.some((row) => row.userId === null && (row.metadata as { accountId?: string }).accountId === userId)).toBe(true);
    const again = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
    expect(again.status).toBe(401);
  });
});

describe("/user/sessions", () => {
  test("lists browser and API sessions with the current one marked; revoking one ends it at once", async () => {
    const { email, token } = await account("Pixel 9");
    const otherToken = await secondLogin(email, "iPad");
    const list = await call(listSessions, "GET", "/api/v1/user/sessions", { token });
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(2);
    const current = list.body.data.find((s: { isCurrent: boolean }) => s.isCurrent);
    const other = list.body.data.find((s: { isCurrent: boolean }) => !s.isCurrent);
    expect(current.deviceName).toBe("Pixel 9");
    expect(other.deviceName).toBe("iPad");
    expect(current.ipAddress).toMatch(/^198\.51\./);

    const res = await call(revokeSession, "DELETE", `/api/v1/user/sessions/${other.id}`, { token, params: { sessionId: other.id } });
    expect(res.status).toBe(200);
    expect((await call(getMe, "GET", "/api/v1/user/me", { token: otherToken })).status).toBe(401);
    expect((await call(getMe, "GET", "/api/v1/user/me", { token })).status).toBe(200);
  });

  test("another user's session id answers 404 and stays alive; a bad id 400", async () => {
    const alice = await account();
    const bob = await account();
    const bobSessions = await call(listSessions, "GET", "/api/v1/user/sessions", { token: bob.token });
    const bobSession = bobSessions.body.data[0].id as string;
    const res = await call(revokeSession, "DELETE", `/api/v1/user/sessions/${bobSession}`, { token: alice.token, params: { sessionId: bobSession } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect((await call(getMe, "GET", "/api/v1/user/me", { token: bob.token })).status).toBe(200);
    const bad = await call(revokeSession, "DELETE", "/api/v1/user/sessions/nope", { token: alice.token, params: { sessionId: "nope" } });
    expect(bad.status).toBe(400);
  });
});

describe("/user/audit and /user/export", () => {
  test("the audit log is the caller's own, newest first, paginated", async () => {
    const { email, token } = await account();
    await call(login, "POST", "/api/v1/auth/login", { body: { email, password: OTHER_STRONG_PASSWORD }, ip: uniqueIp() });
    await secondLogin(email, "laptop");
    const page = await call(audit, "GET", "/api/v1/user/audit", { token, query: { page: "1", limit: "2" } });
    expect(page.status).toBe(200);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.pagination).toMatchObject({ page: 1, limit: 2, total: 4, totalPages: 2, hasMore: true });
    expect(page.body.data[0].action).toBe("login.succeeded");
    const all = await call(audit, "GET", "/api/v1/user/audit", { token, query: { limit: "100" } });
    expect(all.body.data.map((e: { action: string }) => e.action).sort()).toEqual(["login.failed", "login.succeeded", "login.succeeded", "user.registered"]);
    expect((await call(audit, "GET", "/api/v1/user/audit", { token, query: { limit: "500" } })).status).toBe(400);
  });

  test("the export holds the user's data and never a hash, ciphertext or token", async () => {
    const { email, token, userId } = await account();
    await db.insert(portfolios).values({ userId, name: "Long term" });
    await db.insert(alerts).values({ userId, type: "price_above", symbol: "BTC-USDT", threshold: "150000" });
    await db.insert(notificationPreferences).values({ userId, type: "alert", email: true });
    await db.insert(pushSubscriptions).values({ userId, endpoint: "https://push.example.test/abc", p256dh: "p256dh-key-material", auth: "auth-secret-material" });
    await db.insert(robotEvents).values({ userId, type: "started", message: "Robot started" });
    const res = await call(exportData, "GET", "/api/v1/user/export", { token, query: { download: "1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="tradepulse-export-/);
    expect(res.body.data.user.email).toBe(email);
    expect(res.body.data.portfolios.map((p: { name: string }) => p.name)).toEqual(["Long term"]);
    expect(res.body.data.sessions.length).toBeGreaterThan(0);
    expect(res.body.data.alerts).toEqual([expect.objectContaining({ type: "price_above", symbol: "BTC-USDT", threshold: "150000" })]);
    expect(res.body.data.notificationPreferences).toEqual([expect.objectContaining({ type: "alert", email: true })]);
    expect(res.body.data.pushSubscriptions).toEqual([expect.objectContaining({ endpoint: "https://push.example.test/abc" })]);
    expect(res.body.data.robotEvents).toEqual([expect.objectContaining({ type: "started", message: "Robot started" })]);
    expect(res.body.data).toHaveProperty("trades");
    expect(res.body.data).toHaveProperty("aiUsage");
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password_?hash|passwordHash|token_?hash|tokenHash|ciphertext|p256dh-key-material|auth-secret-material/i);
  });
});
