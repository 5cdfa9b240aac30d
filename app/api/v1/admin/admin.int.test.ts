import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { auditLogs, blockedIps, sessions, users } from "@/db/schema";
import { grantAdminRole } from "@/lib/admin/queries";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as refresh } from "../auth/refresh/route";
import { POST as register } from "../auth/register/route";
import { GET as listPortfolios, POST as createPortfolio } from "../portfolios/route";
import { GET as me } from "../user/me/route";
import { GET as audit } from "./audit/route";
import { DELETE as unblockIp } from "./blocked-ips/[ip]/route";
import { GET as listBlocked, POST as blockIp } from "./blocked-ips/route";
import { GET as overview } from "./overview/route";
import { GET as getUser, PATCH as patchUser } from "./users/[userId]/route";
import { GET as listUsers } from "./users/route";

type Account = { email: string; id: string; token: string; refreshToken: string };

async function account(label = "user", name?: string): Promise<Account> {
  const email = uniqueEmail(label);
  const registered = await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD, ...(name ? { name } : {}) }, ip: uniqueIp() });
  expect(registered.status).toBe(201);
  return signIn(email);
}

async function signIn(email: string): Promise<Account> {
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  expect(res.status).toBe(200);
  return { email, id: res.body.data.user.id, token: res.body.data.accessToken, refreshToken: res.body.data.refreshToken };
}

async function admin(): Promise<Account> {
  const person = await account("admin");
  expect((await grantAdminRole({ email: person.email })).status).toBe("promoted");
  return person;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function auditRows(action: string, userId?: string) {
  const rows = await db.select().from(auditLogs).where(userId ? and(eq(auditLogs.action, action), eq(auditLogs.userId, userId)) : eq(auditLogs.action, action));
  return rows;
}

describe("admin routes: who may call them", () => {
  test("no credentials is 401; a signed-in non-admin gets 403 FORBIDDEN on every admin route", async () => {
    const user = await account();
    const id = user.id;
    const routes = [
      () => call(listUsers, "GET", "/api/v1/admin/users", { token: user.token }),
      () => call(getUser, "GET", `/api/v1/admin/users/${id}`, { token: user.token, params: { userId: id } }),
      () => call(patchUser, "PATCH", `/api/v1/admin/users/${id}`, { token: user.token, params: { userId: id }, body: { tier: "vip" } }),
      () => call(listBlocked, "GET", "/api/v1/admin/blocked-ips", { token: user.token }),
      () => call(blockIp, "POST", "/api/v1/admin/blocked-ips", { token: user.token, body: { ip: "203.0.113.9", reason: "x" } }),
      () => call(unblockIp, "DELETE", "/api/v1/admin/blocked-ips/203.0.113.9", { token: user.token, params: { ip: "203.0.113.9" } }),
      () => call(audit, "GET", "/api/v1/admin/audit", { token: user.token }),
      () => call(overview, "GET", "/api/v1/admin/overview", { token: user.token }),
    ];
    for (const run of routes) {
      const res = await run();
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    expect((await call(listUsers, "GET", "/api/v1/admin/users")).status).toBe(401);
    // The non-admin's attempt changed nothing.
    const [row] = await db.select({ tier: users.tier }).from(users).where(eq(users.id, id));
    expect(row!.tier).toBe("free");
  });

  test("a promoted user is an admin from the next request, without signing in again", async () => {
    const person = await account("later-admin");
    expect((await call(listUsers, "GET", "/api/v1/admin/users", { token: person.token })).status).toBe(403);
    await grantAdminRole({ email: person.email.toUpperCase() });
    expect((await call(listUsers, "GET", "/api/v1/admin/users", { token: person.token })).status).toBe(200);
    expect((await grantAdminRole({ email: person.email })).status).toBe("already-admin");
    expect((await grantAdminRole({ email: "nobody-here@example.test" })).status).toBe("not-found");
  });
});

describe("GET /admin/users", () => {
  test("search by email or name, filter by plan, role and block, sort and paginate", async () => {
    const boss = await admin();
    const tag = `zq${Date.now().toString(36)}`;
    const alice = await account(`${tag}-alice`, "Alice Quant");
    const bob = await account(`${tag}-bob`, `Bob ${tag}`);
    const carol = await account(`${tag}-carol`);
    await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: bob.id }, body: { tier: "premium" } });
    await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: carol.id }, body: { isBlocked: true, blockReason: "spam" } });
    // An expired paid plan is free in effect: the filter goes by what the user actually gets.
    await db.update(users).set({ tier: "vip", tierExpiresAt: new Date(Date.now() - 60_000) }).where(eq(users.id, alice.id));

    const q = (query: Record<string, string>) => call(listUsers, "GET", "/api/v1/admin/users", { token: boss.token, query: { q: tag, ...query } });

    const all = await q({ sort: "email", order: "asc" });
    expect(all.status).toBe(200);
    expect(all.body.data.map((u: { email: string }) => u.email)).toEqual([alice.email, bob.email, carol.email]);
    expect(all.body.pagination).toMatchObject({ page: 1, total: 3, totalPages: 1, hasMore: false });
    expect(all.body.data[0]).toMatchObject({ tier: "vip", effectiveTier: "free", isBlocked: false, role: "user", emailVerified: false });
    expect(all.body.data[0]).not.toHaveProperty("passwordHash");

    const byName = await call(listUsers, "GET", "/", { token: boss.token, query: { q: "alice quant" } });
    expect(byName.body.data.map((u: { id: string }) => u.id)).toContain(alice.id);

    expect((await q({ tier: "premium" })).body.data.map((u: { id: string }) => u.id)).toEqual([bob.id]);
    expect((await q({ tier: "free", sort: "email", order: "asc" })).body.data.map((u: { id: string }) => u.id)).toEqual([alice.id, carol.id]);
    expect((await q({ tier: "vip" })).body.data).toEqual([]);
    expect((await q({ blocked: "true" })).body.data.map((u: { id: string }) => u.id)).toEqual([carol.id]);
    expect((await q({ blocked: "false" })).body.pagination.total).toBe(2);
    expect((await q({ role: "admin" })).body.data).toEqual([]);
    expect((await call(listUsers, "GET", "/", { token: boss.token, query: { q: boss.email, role: "admin" } })).body.data).toHaveLength(1);

    const page2 = await q({ sort: "email", order: "desc", limit: "2", page: "2" });
    expect(page2.body.data.map((u: { id: string }) => u.id)).toEqual([alice.id]);
    expect(page2.body.pagination).toMatchObject({ page: 2, limit: 2, total: 3, totalPages: 2, hasMore: false });

    // LIKE wildcards are searched literally.
    expect((await call(listUsers, "GET", "/", { token: boss.token, query: { q: "%" } })).body.data).toEqual([]);

    const bad = await call(listUsers, "GET", "/", { token: boss.token, query: { tier: "gold", limit: "500", sort: "password" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details!.map((d: { field: string }) => d.field).sort()).toEqual(["limit", "sort", "tier"]);
  });

  test("GET /admin/users/:id shows the account with its sessions, portfolios and recent activity; 404 and 400 for bad ids", async () => {
    const boss = await admin();
    const user = await account();
    await call(createPortfolio, "POST", "/api/v1/portfolios", { token: user.token, body: { name: "One" } });
    const res = await call(getUser, "GET", "/", { token: boss.token, params: { userId: user.id } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: user.id, email: user.email, activeSessions: 1, ownedPortfolios: 1 });
    expect(res.body.data.recentActivity.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["user.registered", "login.succeeded"]));
    const missing = await call(getUser, "GET", "/", { token: boss.token, params: { userId: "00000000-0000-4000-8000-000000000000" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NOT_FOUND");
    expect((await call(getUser, "GET", "/", { token: boss.token, params: { userId: "not-a-uuid" } })).status).toBe(400);
  });
});

describe("PATCH /admin/users/:id", () => {
  test("validation: nothing to change, unknown fields, a block without a reason, past or free-plan expiry", async () => {
    const boss = await admin();
    const user = await account();
    const patch = (body: unknown) => call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body });

    const empty = await patch({});
    expect(empty.status).toBe(400);
    expect((await patch({ tier: "gold" })).body.error.details![0]!.field).toBe("tier");
    expect((await patch({ email: "x@example.test" })).status).toBe(400);
    const noReason = await patch({ isBlocked: true });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details!.map((d: { field: string }) => d.field)).toContain("blockReason");
    expect((await patch({ isBlocked: true, blockReason: "   " })).status).toBe(400);
    const past = await patch({ tier: "pro", tierExpiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(400);
    expect(past.body.error.details![0]!.field).toBe("tierExpiresAt");
    const freeExpiry = await patch({ tier: "free", tierExpiresAt: inDays(3) });
    expect(freeExpiry.status).toBe(400);
    expect(freeExpiry.body.error.details![0]!.field).toBe("tierExpiresAt");
    expect((await patch({ blockReason: "not blocked yet" })).status).toBe(400);
    const missing = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: "00000000-0000-4000-8000-000000000000" }, body: { tier: "pro" } });
    expect(missing.status).toBe(404);
    // None of it was written or audited.
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ tier: "free", tierExpiresAt: null, isBlocked: false });
    expect(await db.select().from(auditLogs).where(and(eq(auditLogs.userId, user.id), eq(auditLogs.actorId, boss.id)))).toEqual([]);
  });

  test("an admin cannot demote or block themself, but may change their own plan", async () => {
    const boss = await admin();
    const self = (body: unknown) => call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: boss.id }, body });
    const demote = await self({ role: "user" });
    expect(demote.status).toBe(403);
    expect(demote.body.error.code).toBe("FORBIDDEN");
    expect(demote.body.error.message).toMatch(/own administrator role/);
    const block = await self({ isBlocked: true, blockReason: "oops" });
    expect(block.status).toBe(403);
    expect(block.body.error.message).toMatch(/block your own account/);
    const [row] = await db.select({ role: users.role, isBlocked: users.isBlocked }).from(users).where(eq(users.id, boss.id));
    expect(row).toEqual({ role: "admin", isBlocked: false });
    expect((await self({ tier: "vip" })).body.data).toMatchObject({ tier: "vip", role: "admin" });
    // Another admin may be demoted.
    const other = await admin();
    expect((await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: other.id }, body: { role: "user" } })).body.data.role).toBe("user");
    expect((await call(listUsers, "GET", "/", { token: other.token })).status).toBe(403);
  });

  test("a plan change applies to the user's next request and is audited with before and after", async () => {
    const boss = await admin();
    const user = await account();
    expect((await call(me, "GET", "/api/v1/user/me", { token: user.token })).body.data.tier).toBe("free");
    const expiresAt = inDays(30);
    const res = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { tier: "premium", tierExpiresAt: expiresAt }, ip: "192.0.2.44" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: user.id, tier: "premium", effectiveTier: "premium", tierExpiresAt: expiresAt });
    // The same access token, issued while the user was free: the live session is what counts.
    const after = await call(me, "GET", "/api/v1/user/me", { token: user.token });
    expect(after.body.data).toMatchObject({ tier: "premium", tierExpiresAt: expiresAt });

    const [row] = await auditRows("admin.user.tier_changed", user.id);
    expect(row).toMatchObject({ actorId: boss.id, userId: user.id, ipAddress: null });
    expect(row!.metadata).toMatchObject({
      target: { email: user.email },
      before: { tier: "free", tierExpiresAt: null },
      after: { tier: "premium", tierExpiresAt: expiresAt },
      actor: { ip: "192.0.2.44", userAgent: "vitest" },
    });
    // The same change again writes nothing.
    await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { tier: "premium" } });
    expect(await auditRows("admin.user.tier_changed", user.id)).toHaveLength(1);
    // Back to free clears the expiry.
    const free = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { tier: "free" } });
    expect(free.body.data).toMatchObject({ tier: "free", tierExpiresAt: null });
    expect((await call(me, "GET", "/", { token: user.token })).body.data.tier).toBe("free");
  });

  test("a role change is audited; the new admin can use the admin API at once", async () => {
    const boss = await admin();
    const user = await account();
    const res = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { role: "admin" } });
    expect(res.body.data.role).toBe("admin");
    expect((await call(listUsers, "GET", "/", { token: user.token })).status).toBe(200);
    const [row] = await auditRows("admin.user.role_changed", user.id);
    expect(row!.metadata).toMatchObject({ before: { role: "user" }, after: { role: "admin" } });
    expect(row!.actorId).toBe(boss.id);
  });

  test("blocking revokes every session at once: the next request is 401, refresh and sign-in are refused; unblocking lets the user sign in again", async () => {
    const boss = await admin();
    const user = await account();
    const second = await signIn(user.email);
    expect((await call(me, "GET", "/", { token: user.token })).status).toBe(200);

    const res = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { isBlocked: true, blockReason: "Chargeback fraud" } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ isBlocked: true, blockedReason: "Chargeback fraud" });
    expect(res.body.data.blockedAt).toEqual(expect.any(String));

    for (const token of [user.token, second.token]) {
      const next = await call(me, "GET", "/", { token });
      expect(next.status).toBe(401);
      expect(next.body.error.code).toBe("UNAUTHENTICATED");
    }
    expect(await db.select().from(sessions).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)))).toEqual([]);
    expect((await call(refresh, "POST", "/", { body: { refreshToken: user.refreshToken }, ip: uniqueIp() })).status).toBe(401);
    const blockedLogin = await call(login, "POST", "/", { body: { email: user.email, password: STRONG_PASSWORD }, ip: uniqueIp() });
    expect(blockedLogin.status).toBe(403);

    const [row] = await auditRows("admin.user.blocked", user.id);
    expect(row!.metadata).toMatchObject({
      before: { isBlocked: false, blockedReason: null },
      after: { isBlocked: true, blockedReason: "Chargeback fraud" },
      sessionsRevoked: 2,
    });

    // Changing the reason of a standing block keeps the original block time.
    const reworded = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { blockReason: "Chargeback fraud (case 42)" } });
    expect(reworded.body.data).toMatchObject({ isBlocked: true, blockedReason: "Chargeback fraud (case 42)", blockedAt: res.body.data.blockedAt });

    const unblocked = await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { isBlocked: false } });
    expect(unblocked.body.data).toMatchObject({ isBlocked: false, blockedReason: null, blockedAt: null });
    const [lifted] = await auditRows("admin.user.unblocked", user.id);
    expect(lifted!.metadata).toMatchObject({ before: { isBlocked: true, blockedReason: "Chargeback fraud (case 42)" }, after: { isBlocked: false, blockedReason: null } });
    // The revoked sessions stay revoked; a new sign-in works.
    expect((await call(me, "GET", "/", { token: user.token })).status).toBe(401);
    const again = await signIn(user.email);
    expect((await call(me, "GET", "/", { token: again.token })).status).toBe(200);
  });
});

describe("blocked addresses", () => {
  test("validation: bad addresses, ranges, a missing reason, a past expiry and the caller's own address are refused", async () => {
    const boss = await admin();
    const adminIp = uniqueIp();
    const post = (body: unknown) => call(blockIp, "POST", "/", { token: boss.token, body, ip: adminIp });
    for (const ip of ["999.1.1.1", "not-an-ip", "10.0.0.0/8", "2001:db8::/48", ""]) {
      const res = await post({ ip, reason: "abuse" });
      expect(res.status).toBe(400);
      expect(res.body.error.details![0]!.field).toBe("ip");
    }
    expect((await post({ ip: "10.0.0.0/8", reason: "x" })).body.error.details![0]!.message).toMatch(/CIDR/);
    expect((await post({ ip: "203.0.113.50" })).body.error.details![0]!.field).toBe("reason");
    expect((await post({ ip: "203.0.113.50", reason: "x", expiresAt: new Date(Date.now() - 1000).toISOString() })).body.error.details![0]!.field).toBe("expiresAt");
    const own = await post({ ip: adminIp, reason: "test" });
    expect(own.status).toBe(400);
    expect(own.body.error.message).toMatch(/lock you out/);
    expect(await db.select().from(blockedIps).where(eq(blockedIps.ip, adminIp))).toEqual([]);
  });

  test("block with expiry and reason: sign-in from the address is refused, the list shows it, unblock removes it; all audited", async () => {
    const boss = await admin();
    const user = await account();
    const target = uniqueIp();
    const expiresAt = inDays(1);
    const res = await call(blockIp, "POST", "/", { token: boss.token, body: { ip: ` ${target} `, reason: "Credential stuffing", expiresAt } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ ip: target, reason: "Credential stuffing", expiresAt, isActive: true, createdBy: { id: boss.id, email: boss.email } });

    const refused = await call(login, "POST", "/", { body: { email: user.email, password: STRONG_PASSWORD }, ip: target });
    expect(refused.status).toBe(403);

    const list = await call(listBlocked, "GET", "/", { token: boss.token, query: { q: target } });
    expect(list.body.data).toEqual([expect.objectContaining({ ip: target, isActive: true })]);
    expect((await call(listBlocked, "GET", "/", { token: boss.token, query: { q: target, status: "expired" } })).body.data).toEqual([]);

    // Blocking again replaces the entry: here it becomes permanent with a new reason.
    const permanent = await call(blockIp, "POST", "/", { token: boss.token, body: { ip: target, reason: "Repeat offender", expiresAt: null } });
    expect(permanent.body.data).toMatchObject({ ip: target, expiresAt: null, reason: "Repeat offender" });

    const blockedRows = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "admin.ip.blocked"), eq(auditLogs.ipAddress, target)));
    expect(blockedRows).toHaveLength(2);
    const metas = blockedRows.map((r) => r.metadata);
    expect(metas).toContainEqual(expect.objectContaining({ ip: target, before: null, after: { reason: "Credential stuffing", expiresAt } }));
    expect(metas).toContainEqual(expect.objectContaining({ before: { reason: "Credential stuffing", expiresAt }, after: { reason: "Repeat offender", expiresAt: null } }));

    const removed = await call(unblockIp, "DELETE", "/", { token: boss.token, params: { ip: target } });
    expect(removed.status).toBe(200);
    expect(removed.body.data).toEqual({ ip: target, unblocked: true });
    expect((await call(unblockIp, "DELETE", "/", { token: boss.token, params: { ip: target } })).status).toBe(404);
    expect((await call(unblockIp, "DELETE", "/", { token: boss.token, params: { ip: "bad" } })).status).toBe(400);
    const [unblocked] = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "admin.ip.unblocked"), eq(auditLogs.ipAddress, target)));
    expect(unblocked).toMatchObject({ actorId: boss.id, userId: null });
    expect(unblocked!.metadata).toMatchObject({ before: { reason: "Repeat offender", expiresAt: null }, after: null });
  });

  test("IPv6 addresses are stored canonically and can be removed by any spelling, URL-encoded or not", async () => {
    const boss = await admin();
    const suffix = Math.floor(Math.random() * 0xffff).toString(16);
    const res = await call(blockIp, "POST", "/", { token: boss.token, body: { ip: `2001:DB8:0:0:0:0:0:${suffix}`, reason: "scanner" } });
    expect(res.status).toBe(201);
    expect(res.body.data.ip).toBe(`2001:db8::${suffix}`);
    expect((await call(unblockIp, "DELETE", "/", { token: boss.token, params: { ip: encodeURIComponent(`2001:db8:0::${suffix}`) } })).status).toBe(200);
  });
});

describe("GET /admin/audit", () => {
  test("across users, filtered by user, action prefix, address and date range, paginated", async () => {
    const boss = await admin();
    const user = await account("audited");
    const other = await account("bystander");
    await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { tier: "pro" } });
    const target = uniqueIp();
    await call(blockIp, "POST", "/", { token: boss.token, body: { ip: target, reason: "abuse" } });
    const get = (query: Record<string, string>) => call(audit, "GET", "/api/v1/admin/audit", { token: boss.token, query });

    const forUser = await get({ user: user.email });
    expect(forUser.status).toBe(200);
    const actions = forUser.body.data.map((a: { action: string }) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["admin.user.tier_changed", "login.succeeded", "user.registered"]));
    expect(forUser.body.data.every((a: { user: { id: string } | null; actor: { id: string } | null }) => a.user?.id === user.id || a.actor?.id === user.id)).toBe(true);
    expect(forUser.body.data[0]).toMatchObject({ action: "admin.user.tier_changed", user: { id: user.id, email: user.email }, actor: { id: boss.id, email: boss.email } });
    expect((await get({ user: user.id })).body.pagination.total).toBe(forUser.body.pagination.total);
    expect((await get({ user: other.email, action: "admin." })).body.data).toEqual([]);

    const logins = await get({ user: user.email, action: "login" });
    expect(logins.body.data.map((a: { action: string }) => a.action)).toEqual(["login.succeeded"]);

    const byIp = await get({ ip: target });
    expect(byIp.body.data).toEqual([expect.objectContaining({ action: "admin.ip.blocked", ipAddress: target, actor: { id: boss.id, email: boss.email } })]);

    const today = new Date().toISOString().slice(0, 10);
    expect((await get({ user: user.email, from: today, to: today })).body.pagination.total).toBe(forUser.body.pagination.total);
    expect((await get({ user: user.email, to: "2000-01-01" })).body.data).toEqual([]);
    expect((await get({ user: user.email, from: new Date(Date.now() + 60_000).toISOString() })).body.data).toEqual([]);

    const paged = await get({ user: user.email, limit: "1", page: "2" });
    expect(paged.body.data).toHaveLength(1);
    expect(paged.body.pagination).toMatchObject({ page: 2, limit: 1, hasMore: paged.body.pagination.total > 2 });

    const bad = await get({ from: "yesterday" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details![0]!.field).toBe("from");
    const reversed = await get({ from: "2025-02-01", to: "2025-01-01" });
    expect(reversed.status).toBe(400);
  });
});

describe("GET /admin/overview", () => {
  test("counts users by effective plan, admins, blocks, sessions and recent admin actions", async () => {
    const boss = await admin();
    const user = await account();
    await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { tier: "vip" } });
    const res = await call(overview, "GET", "/", { token: boss.token });
    expect(res.status).toBe(200);
    const data = res.body.data;
    const [everyone] = await db.$count(users).then((total) => [total]);
    expect(data.users.total).toBe(everyone);
    expect(Object.values(data.users.byTier as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(everyone);
    expect(data.users.byTier.vip).toBeGreaterThanOrEqual(1);
    expect(data.users.admins).toBeGreaterThanOrEqual(1);
    expect(data.activeSessions).toBeGreaterThanOrEqual(2);
    expect(data.recentAdminActions[0]).toMatchObject({ action: "admin.user.tier_changed", user: { id: user.id } });
  });
});

describe("tier limits", () => {
  test("a free user may own 3 portfolios: the 4th is 403 TIER_REQUIRED naming Pro; after an upgrade it works at once", async () => {
    const boss = await admin();
    const user = await account();
    for (const name of ["A", "B", "C"]) expect((await call(createPortfolio, "POST", "/", { token: user.token, body: { name } })).status).toBe(201);
    const fourth = await call(createPortfolio, "POST", "/", { token: user.token, body: { name: "D" } });
    expect(fourth.status).toBe(403);
    expect(fourth.body.error.code).toBe("TIER_REQUIRED");
    expect(fourth.body.error.message).toMatch(/Free plan allows 3 portfolios; the Pro tier allows 10/);
    expect(fourth.body.error.details).toEqual([{ field: "tier", message: "requires pro" }]);
    expect((await call(listPortfolios, "GET", "/", { token: user.token })).body.data).toHaveLength(3);

    await call(patchUser, "PATCH", "/", { token: boss.token, params: { userId: user.id }, body: { tier: "pro", tierExpiresAt: inDays(7) } });
    expect((await call(createPortfolio, "POST", "/", { token: user.token, body: { name: "D" } })).status).toBe(201);
  });

  test("concurrent creations cannot overshoot the limit", async () => {
    const user = await account();
    const results = await Promise.all(["A", "B", "C", "D", "E"].map((name) => call(createPortfolio, "POST", "/", { token: user.token, body: { name } })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 403)).toHaveLength(2);
  });
});
