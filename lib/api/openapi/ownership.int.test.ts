import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp, type ApiAnswer } from "@/test/helpers/api";
import { API_ROUTES } from "./registry";
import { loadHandler } from "./testing";
import type { RouteDoc } from "./types";

// The ownership matrix, generated from the registry: for every route whose path takes an id, user A owns
// the resource and user B calls with A's id → 404 NOT_FOUND (never 200, never 403 that would confirm the
// id exists). Every path parameter needs a fixture factory below or a justified exemption; a new route
// with a new parameter fails here until it has one. Routes with a body need a sample body (checked
// against the route's own schema) so that the call reaches the ownership check instead of a 400.

type Actor = { token: string; userId: string; email: string };
type Fixtures = Record<string, string>;

const byId = (operationId: string) => {
  const doc = API_ROUTES.find((d) => d.operationId === operationId);
  if (!doc) throw new Error(`no route ${operationId}`);
  return doc;
};

async function invoke(doc: RouteDoc, options: { token?: string; params?: Record<string, string>; body?: unknown; query?: Record<string, string> } = {}): Promise<ApiAnswer> {
  const handler = await loadHandler(doc);
  const path = `${doc.base ?? "/api/v1"}${doc.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(options.params?.[name] ?? name))}`;
  return call(handler as Parameters<typeof call>[0], doc.method, path, { ...options, ip: uniqueIp() });
}

async function signUp(label: string, { verified = false } = {}): Promise<Actor> {
  const email = uniqueEmail(label);
  const reg = await invoke(byId("register"), { body: { email, password: STRONG_PASSWORD } });
  expect(reg.status).toBe(201);
  // Plans limit how many portfolios, alerts and robots a user has; these users are not the subject.
  await db.update(users).set({ tier: "vip", ...(verified ? { emailVerifiedAt: new Date() } : {}) }).where(eq(users.email, email));
  const login = await invoke(byId("login"), { body: { email, password: STRONG_PASSWORD } });
  expect(login.status).toBe(200);
  return { token: login.body.data.accessToken, userId: login.body.data.user.id, email };
}

const ok = (res: ApiAnswer, what: string) => {
  expect(res.status, `${what}: ${JSON.stringify(res.body?.error)}`).toBeLessThan(300);
  return res.body.data;
};

/** How to make user A's resource for each path parameter name (given the fixtures made so far). */
const FACTORIES: Record<string, (a: Actor, made: Fixtures) => Promise<string>> = {
  portfolioId: async (a) => ok(await invoke(byId("createPortfolio"), { token: a.token, body: { name: "A's portfolio" } }), "create portfolio").id,
  transactionId: async (a, made) =>
    ok(
      await invoke(byId("createTransaction"), {
        token: a.token,
        params: { portfolioId: made.portfolioId! },
        body: { type: "buy", symbol: "BTC", quantity: "1", price: "30000", executedAt: new Date(Date.now() - 86_400_000).toISOString() },
      }),
      "create transaction",
    ).id,
  // Under /portfolios/{portfolioId}/shares: a third user A shared the portfolio with.
  userId: async (a, made) => {
    const c = await signUp("share-target");
    ok(await invoke(byId("sharePortfolio"), { token: a.token, params: { portfolioId: made.portfolioId! }, body: { email: c.email, permission: "view" } }), "share");
    return c.userId;
  },
  keyId: async (a) => ok(await invoke(byId("createExchangeKey"), { token: a.token, body: { exchange: "demo", label: "A's key", apiKey: "demo-api-key-0001", apiSecret: "demo-api-secret-0001" } }), "create key").id,
  sessionId: async (a) => (ok(await invoke(byId("listSessions"), { token: a.token }), "sessions") as { id: string; isCurrent: boolean }[]).find((s) => s.isCurrent)!.id,
  alertId: async (a) => ok(await invoke(byId("createAlert"), { token: a.token, body: { type: "price_above", symbol: "BTC-USDT", threshold: "1000000" } }), "create alert").id,
  tradeId: async (a) => ok(await invoke(byId("createTrade"), { token: a.token, body: { symbol: "BTC-USDT", side: "long", entryPrice: "30000", quantity: "0.1" } }), "create trade").id,
};

/** Parameters that do not name a user's own resource, with the reason. */
const EXEMPT: Record<string, string> = {
  symbol: "a market pair (BTC-USDT), public to every signed-in user — not an id of anything a user owns",
  signalId: "signals are market-wide, shown to every user whose tier allows them (tier visibility is tested in lib/signals); no owner",
  ip: "admin-only (/admin/blocked-ips/{ip}): the admin check below answers 403 to any other user",
};

/** Valid bodies, so that B's call reaches the ownership check (each is parsed by the route's own schema first). */
const SAMPLE_BODIES: Record<string, unknown> = {
  updatePortfolio: { name: "B was here" },
  createTransaction: { type: "buy", symbol: "ETH", quantity: "1", price: "2000", executedAt: new Date(Date.now() - 86_400_000).toISOString() },
  updateTransaction: { note: "B was here" },
  planRebalance: { targets: { BTC: 1 } },
  simulatePortfolio: {},
  importTransactions: { csv: "type,symbol,quantity,price,fee,executedAt\nbuy,BTC,1,30000,0,2024-01-02T00:00:00Z\n", dryRun: true },
  sharePortfolio: { email: "someone@example.test", permission: "view" },
  updateAlert: { note: "B was here" },
  updateTrade: { notes: "B was here" },
  updateUserAsAdmin: { tier: "pro" },
};

const withIds = API_ROUTES.filter((doc) => /\{/.test(doc.path));
const paramNames = (doc: RouteDoc) => [...doc.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

describe("every path parameter has a factory or a justified exemption", () => {
  it.each(withIds.map((doc) => [`${doc.method} ${doc.path}`, doc] as const))("%s", (_name, doc) => {
    for (const name of paramNames(doc)) {
      const covered = name in FACTORIES || (name in EXEMPT && EXEMPT[name]!.length > 20);
      expect(covered, `${doc.method} ${doc.path}: add a fixture factory for {${name}} in ownership.int.test.ts (or an exemption with its reason)`).toBe(true);
    }
    if (doc.body && doc.auth === "user" && paramNames(doc).some((name) => name in FACTORIES)) {
      expect(doc.operationId in SAMPLE_BODIES, `${doc.operationId}: add a valid sample body`).toBe(true);
      const parsed = doc.body.safeParse(SAMPLE_BODIES[doc.operationId]);
      expect(parsed.success, `${doc.operationId}: the sample body no longer passes the route's schema: ${parsed.error?.message}`).toBe(true);
    }
  });
});

describe("another user's resource answers 404", () => {
  let a: Actor;
  let b: Actor;
  const made: Fixtures = {};

  beforeAll(async () => {
    a = await signUp("owner-a", { verified: true });
    b = await signUp("stranger-b", { verified: true });
    for (const name of ["portfolioId", "transactionId", "userId", "keyId", "sessionId", "alertId", "tradeId"]) made[name] = await FACTORIES[name]!(a, made);
    // Every factory runs; a factory added later must be added to the list above too.
    expect(Object.keys(made).sort()).toEqual(Object.keys(FACTORIES).sort());
  }, 120_000);

  const owned = withIds.filter((doc) => doc.auth === "user" && paramNames(doc).every((name) => name in FACTORIES));

  it.each(owned.map((doc) => [`${doc.method} ${doc.path}`, doc] as const))("%s", async (_name, doc) => {
    const res = await invoke(doc, { token: b.token, params: made, body: SAMPLE_BODIES[doc.operationId] });
    expect(res.status, `B got ${res.status} ${JSON.stringify(res.body?.error ?? res.body?.data)}`).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect(doc.errors ?? [], `${doc.operationId}: document NOT_FOUND in its errors`).toContain("NOT_FOUND");
  });

  it("A still has every resource B tried to change or delete", async () => {
    expect((await invoke(byId("getPortfolio"), { token: a.token, params: made })).body.data.name).toBe("A's portfolio");
    const txs = await invoke(byId("listTransactions"), { token: a.token, params: made });
    expect(txs.body.data.map((t: { id: string }) => t.id)).toContain(made.transactionId);
    expect((await invoke(byId("listShares"), { token: a.token, params: made })).body.data.map((s: { userId: string }) => s.userId)).toContain(made.userId);
    expect((await invoke(byId("listExchangeKeys"), { token: a.token })).body.data.map((k: { id: string }) => k.id)).toContain(made.keyId);
    expect((await invoke(byId("getAlert"), { token: a.token, params: made })).body.data.note).toBeNull();
    expect((await invoke(byId("getTrade"), { token: a.token, params: made })).body.data.notes).toBeNull();
    expect((await invoke(byId("getMe"), { token: a.token })).status).toBe(200);
  });

  it("a portfolio shared with view permission: B reads it (200) but every write answers 403 FORBIDDEN", async () => {
    const portfolioId = (await FACTORIES.portfolioId!(a, {})) as string;
    const transactionId = await FACTORIES.transactionId!(a, { portfolioId });
    ok(await invoke(byId("sharePortfolio"), { token: a.token, params: { portfolioId }, body: { email: b.email, permission: "view" } }), "share with B");
    const params = { portfolioId, transactionId, userId: a.userId };
    for (const id of ["getPortfolio", "getHoldings", "listTransactions", "getAnalytics", "getAllocation", "listShares", "listPortfolioActivity"]) {
      expect((await invoke(byId(id), { token: b.token, params })).status, id).toBe(200);
    }
    const writes = API_ROUTES.filter((doc) => doc.path.startsWith("/portfolios/{portfolioId}") && doc.method !== "GET" && !["planRebalance", "simulatePortfolio"].includes(doc.operationId));
    expect(writes.length).toBeGreaterThanOrEqual(8);
    for (const doc of writes) {
      const res = await invoke(doc, { token: b.token, params, body: SAMPLE_BODIES[doc.operationId] });
      expect(res.status, `${doc.method} ${doc.path}: ${JSON.stringify(res.body?.error)}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
      expect(doc.errors, `${doc.operationId}: document FORBIDDEN`).toContain("FORBIDDEN");
    }
  }, 120_000);
});

describe("auth as documented", () => {
  let user: Actor;
  beforeAll(async () => {
    user = await signUp("plain-user");
  });

  const protectedRoutes = API_ROUTES.filter((doc) => doc.auth !== "none");
  it.each(protectedRoutes.map((doc) => [`${doc.method} ${doc.path}`, doc] as const))("%s without credentials → 401", async (_name, doc) => {
    const res = await invoke(doc, { params: { portfolioId: crypto.randomUUID() } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  const adminRoutes = API_ROUTES.filter((doc) => doc.auth === "admin");
  it.each(adminRoutes.map((doc) => [`${doc.method} ${doc.path}`, doc] as const))("%s as a user who is not an admin → 403", async (_name, doc) => {
    const res = await invoke(doc, { token: user.token, params: { userId: user.userId, ip: "203.0.113.9" }, body: doc.body ? (SAMPLE_BODIES[doc.operationId] ?? {}) : undefined });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
  });
});
