import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { signals, users, type NewSignal } from "@/db/schema";
import type { UserTier } from "@/lib/auth/tokens";
import { invalidateUserSessions } from "@/lib/auth/sessions";
import { buildRecordTrigger } from "@/lib/signals/plan";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as getSignal } from "./[signalId]/route";
import { GET as locked } from "./locked/route";
import { GET as listSignals } from "./route";
import { GET as stats } from "./stats/route";

async function user(tier: UserTier) {
  const email = uniqueEmail("sig");
  const res = await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const id = res.body.data.user.id as string;
  await db.update(users).set({ tier }).where(eq(users.id, id));
  await invalidateUserSessions(id);
  const session = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return session.body.data.accessToken as string;
}

// A symbol no other test uses, so lists filtered by it hold only this test's rows.
const uniqueSymbol = () => `T${randomBytes(3).toString("hex").toUpperCase()}-USDT`;
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function row(symbol: string, overrides: Partial<NewSignal> = {}): NewSignal {
  const createdAt = overrides.createdAt ?? minutesAgo(60);
  return {
    exchange: "demo",
    symbol,
    timeframe: "15m",
    direction: "buy",
    status: "active",
    entry: "100",
    stopLoss: "95",
    tp1: "105",
    tp2: "110",
    tp3: "115",
    confidence: 50,
    minTier: "free",
    triggers: [
      { name: "rsi_oversold", value: 27.5, detail: "RSI(14) 27.5 < 30" },
      buildRecordTrigger("live", createdAt.getTime() + 20_000),
    ],
    expiresAt: new Date(createdAt.getTime() + 48 * 3_600_000),
    createdAt,
    ...overrides,
  };
}

async function insert(values: NewSignal) {
  const [inserted] = await db.insert(signals).values(values).returning();
  return inserted!;
}

const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((s) => s.id);

describe("signals API", () => {
  test("tiers see what their tier allows, once their delay is over; locked ones are counted, not shown", async () => {
    const symbol = uniqueSymbol();
    // a: old enough for everyone · b: inside free's 30 min · c: inside pro's 5 min · d: premium only
    const a = await insert(row(symbol, { createdAt: minutesAgo(40), direction: "sell", entry: "100", stopLoss: "105", tp1: "95", tp2: "90", tp3: "85" }));
    const b = await insert(row(symbol, { createdAt: minutesAgo(10) }));
    const c = await insert(row(symbol, { createdAt: minutesAgo(2), timeframe: "1h", symbol: uniqueSymbol() }));
    const d = await insert(row(symbol, { createdAt: minutesAgo(41), minTier: "premium", confidence: 85, status: "closed", resultR: 1, resultPct: 5, outcome: "expired", closedAt: minutesAgo(1) }));
    const [free, pro, premium] = await Promise.all([user("free"), user("pro"), user("premium")]);
    const list = (token: string, query: Record<string, string> = {}) =>
      call(listSignals, "GET", "/api/v1/signals", { token, query: { symbol, ...query } });

    const forFree = await list(free);
    expect(forFree.status).toBe(200);
    expect(ids(forFree)).toEqual([a.id]);
    expect(forFree.body.data[0]).toMatchObject({
      symbol,
      direction: "sell",
      entry: "100",
      stopLoss: "105",
      tp3: "85",
      minTier: "free",
      source: "live",
      triggers: [{ name: "rsi_oversold", value: 27.5, detail: "RSI(14) 27.5 < 30" }],
      visibleAt: new Date(a.createdAt.getTime() + 30 * 60_000).toISOString(),
    });
    expect(ids(await list(pro))).toEqual([b.id, a.id]);
    expect(ids(await list(premium))).toEqual([b.id, a.id]);
    expect(ids(await list(premium, { status: "closed" }))).toEqual([d.id]);
    expect(ids(await list(pro, { status: "closed" }))).toEqual([]);
    expect(ids(await call(listSignals, "GET", "/api/v1/signals", { token: premium, query: { symbol: c.symbol } }))).toEqual([c.id]);
    expect(ids(await call(listSignals, "GET", "/api/v1/signals", { token: pro, query: { symbol: c.symbol } }))).toEqual([]);

    const one = (token: string, id: string) => call(getSignal, "GET", `/api/v1/signals/${id}`, { token, params: { signalId: id } });
    expect((await one(free, a.id)).body.data).toMatchObject({ id: a.id, status: "active" });
    expect((await one(free, b.id)).status).toBe(404);
    expect((await one(pro, b.id)).status).toBe(200);
    expect((await one(pro, c.id)).status).toBe(404);
    expect((await one(premium, c.id)).status).toBe(200);
    expect((await one(pro, d.id)).status).toBe(404);
    const closed = await one(premium, d.id);
    expect(closed.body.data).toMatchObject({ status: "closed", outcome: "expired", resultR: 1, resultPct: 5, exitPrice: "105" });
    expect((await one(premium, "7d5e8a9e-0000-4000-8000-000000000000")).status).toBe(404);

    const lockedFor = (token: string, status = "active") => call(locked, "GET", "/api/v1/signals/locked", { token, query: { symbol, status } });
    expect((await lockedFor(free)).body.data).toEqual({
      tier: "free",
      delayMinutes: 30,
      delayed: { count: 1, nextVisibleAt: new Date(b.createdAt.getTime() + 30 * 60_000).toISOString() },
      aboveTier: [],
    });
    expect((await lockedFor(pro, "closed")).body.data).toMatchObject({ delayed: { count: 0, nextVisibleAt: null }, aboveTier: [{ tier: "premium", count: 1 }] });
    expect((await lockedFor(premium, "closed")).body.data).toMatchObject({ delayed: { count: 0 }, aboveTier: [] });
  });

  test("pagination, filters and validation errors", async () => {
    const symbol = uniqueSymbol();
    const older = await insert(row(symbol, { createdAt: minutesAgo(90) }));
    const newer = await insert(row(symbol, { createdAt: minutesAgo(60), direction: "sell", entry: "100", stopLoss: "105", tp1: "95", tp2: "90", tp3: "85" }));
    const token = await user("vip");
    const page = (query: Record<string, string>) => call(listSignals, "GET", "/api/v1/signals", { token, query: { symbol, ...query } });

    const first = await page({ limit: "1" });
    expect(ids(first)).toEqual([newer.id]);
    expect(first.body.pagination).toEqual({ page: 1, limit: 1, total: 2, totalPages: 2, hasMore: true });
    const second = await page({ limit: "1", page: "2" });
    expect(ids(second)).toEqual([older.id]);
    expect(second.body.pagination).toMatchObject({ page: 2, hasMore: false });
    expect(ids(await page({ direction: "buy" }))).toEqual([older.id]);
    expect(ids(await page({ timeframe: "1h" }))).toEqual([]);
    expect(ids(await page({ source: "history" }))).toEqual([]);
    expect(ids(await call(listSignals, "GET", "/api/v1/signals", { token, query: { symbol: symbol.toLowerCase().replace("-", "/") } }))).toHaveLength(2);

    const bad = await page({ status: "open", limit: "500", timeframe: "2m" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
    expect(bad.body.error.details!.map((d) => d.field).sort()).toEqual(["limit", "status", "timeframe"]);
    const badId = await call(getSignal, "GET", "/api/v1/signals/nope", { token, params: { signalId: "nope" } });
    expect(badId.status).toBe(400);
    expect((await call(listSignals, "GET", "/api/v1/signals")).status).toBe(401);
    expect((await call(stats, "GET", "/api/v1/signals/stats")).status).toBe(401);
  });

  test("stats: win rate, average R and profit factor over closed signals only, by symbol, timeframe and source", async () => {
    const symbol = uniqueSymbol();
    const closed = (resultR: number, extra: Partial<NewSignal> = {}) =>
      insert(row(symbol, { status: "closed", resultR, resultPct: resultR * 5, outcome: resultR >= 3 ? "tp3" : resultR === -1 ? "stop" : "expired", closedAt: minutesAgo(5), ...extra }));
    await closed(3);
    await closed(-1, { direction: "sell", entry: "100", stopLoss: "105", tp1: "95", tp2: "90", tp3: "85" });
    await closed(-1, { timeframe: "1h" });
    await closed(0.5, { timeframe: "1h", minTier: "premium", confidence: 90 });
    const early = minutesAgo(20 * 24 * 60);
    await closed(0, { createdAt: early, triggers: [buildRecordTrigger("history", Date.now())], closedAt: new Date(early.getTime() + 3_600_000) });
    await insert(row(symbol, { status: "active" }));
    const token = await user("free");

    const res = await call(stats, "GET", "/api/v1/signals/stats", { token, query: { symbol } });
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data).toMatchObject({ count: 5, wins: 2, losses: 2, breakeven: 1, winRatePct: 40, totalR: 1.5, grossWinR: 3.5, grossLossR: 2 });
    expect(data.averageR).toBeCloseTo(0.3, 12);
    expect(data.profitFactor).toBeCloseTo(1.75, 12);
    expect(Object.keys(data.bySymbol)).toEqual([symbol]);
    expect(data.byTimeframe["15m"]).toMatchObject({ count: 3, wins: 1, losses: 1, breakeven: 1, profitFactor: 3 });
    expect(data.byTimeframe["1h"]).toMatchObject({ count: 2, wins: 1, losses: 1, totalR: -0.5, profitFactor: 0.5 });
    expect(data.bySource.history).toMatchObject({ count: 1, breakeven: 1 });
    expect(data.bySource.live).toMatchObject({ count: 4, totalR: 1.5 });
    expect(data.byMinTier.premium).toMatchObject({ count: 1, totalR: 0.5, profitFactor: null });
    expect(data.firstClosedAt).toBe(new Date(early.getTime() + 3_600_000).toISOString());
    expect(data.definitions.winRatePct).toMatch(/resultR > 0/);

    const live = await call(stats, "GET", "/api/v1/signals/stats", { token, query: { symbol, source: "live", timeframe: "15m" } });
    expect(live.body.data).toMatchObject({ count: 2, wins: 1, losses: 1, totalR: 2 });
    const none = await call(stats, "GET", "/api/v1/signals/stats", { token, query: { symbol: uniqueSymbol() } });
    expect(none.body.data).toMatchObject({ count: 0, winRatePct: null, averageR: null, profitFactor: null, bySymbol: {} });
  });
});
