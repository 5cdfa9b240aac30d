import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { trades } from "@/db/schema";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as getTrade, PATCH as patchTrade } from "./[tradeId]/route";
import { GET as listTrades, POST as addTrade } from "./route";
import { GET as stats } from "./stats/route";

async function user() {
  const email = uniqueEmail("journal");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return { token: res.body.data.accessToken as string, id: res.body.data.user.id as string };
}

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12)).toISOString();

describe("trade journal", () => {
  test("manual trades: add open and closed ones, close with an exit price, edit notes and tags; bad input is 400 per field", async () => {
    const { token } = await user();
    const bad = await call(addTrade, "POST", "/api/v1/trades", { token, body: { symbol: "BTC", side: "up", entryPrice: "-1", quantity: 0 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      { field: "symbol", message: 'Enter a pair like "BTC-USDT".' },
      { field: "side", message: "side must be long or short." },
      { field: "entryPrice", message: "Entry price must be a decimal number like 12.5 (no sign, no exponent)." },
      { field: "quantity", message: "Size must be greater than zero." },
    ]);
    const noExit = await call(addTrade, "POST", "/api/v1/trades", { token, body: { symbol: "BTC-USDT", side: "long", entryPrice: "1", quantity: "1", openedAt: day(2), closedAt: day(1) } });
    expect(noExit.body.error.details).toEqual([
      { field: "exitPrice", message: "A closed trade needs its exit price." },
      { field: "closedAt", message: "The trade cannot close before it opened." },
    ]);

    const open = await call(addTrade, "POST", "/api/v1/trades", {
      token,
      body: { symbol: "btc/usdt", side: "long", entryPrice: "60000", quantity: "0.5", fees: "12", openedAt: day(1), notes: "Breakout", tags: ["Breakout", "breakout", "swing"] },
    });
    expect(open.status).toBe(201);
    expect(open.body.data).toMatchObject({ symbol: "BTC-USDT", source: "manual", status: "open", pnl: null, tags: ["breakout", "swing"] });

    const closed = await call(patchTrade, "PATCH", `/api/v1/trades/${open.body.data.id}`, { token, params: { tradeId: open.body.data.id }, body: { exitPrice: "62000", closedAt: day(3) } });
    expect(closed.status).toBe(200);
    // (62000 − 60000) × 0.5 − 12 = 988; margin 30000 → 3.2933 %
    expect(closed.body.data).toMatchObject({ status: "closed", exitPrice: "62000", closeReason: "manual" });
    expect(Number(closed.body.data.pnl)).toBe(988);
    expect(Number(closed.body.data.pnlPct)).toBeCloseTo(3.2933, 4);

    const short = await call(addTrade, "POST", "/api/v1/trades", { token, body: { symbol: "ETH-USDT", side: "short", entryPrice: 3000, exitPrice: 3100, quantity: 2, fees: "4", leverage: 2, openedAt: day(4), closedAt: day(5) } });
    expect(short.body.data).toMatchObject({ status: "closed" });
    expect(Number(short.body.data.pnl)).toBe(-204);

    const edited = await call(patchTrade, "PATCH", `/api/v1/trades/${short.body.data.id}`, { token, params: { tradeId: short.body.data.id }, body: { notes: "Fought the trend", tags: ["mistake"] } });
    expect(edited.body.data).toMatchObject({ notes: "Fought the trend", tags: ["mistake"] });
    const refee = await call(patchTrade, "PATCH", `/api/v1/trades/${short.body.data.id}`, { token, params: { tradeId: short.body.data.id }, body: { fees: "10" } });
    expect(Number(refee.body.data.pnl)).toBe(-210);
    const empty = await call(patchTrade, "PATCH", `/api/v1/trades/${short.body.data.id}`, { token, params: { tradeId: short.body.data.id }, body: {} });
    expect(empty.status).toBe(400);
  });

  test("filters, pagination, stats and another user's trade answering 404", async () => {
    const { token, id } = await user();
    const entries = [
      { symbol: "BTC-USDT", side: "long", entryPrice: "100", exitPrice: "110", quantity: "1", openedAt: day(1), closedAt: day(2) },
      { symbol: "BTC-USDT", side: "long", entryPrice: "100", exitPrice: "95", quantity: "1", openedAt: day(3), closedAt: day(4) },
      { symbol: "SOL-USDT", side: "short", entryPrice: "100", exitPrice: "80", quantity: "1", fees: "1", openedAt: day(5), closedAt: day(6) },
      { symbol: "SOL-USDT", side: "long", entryPrice: "100", quantity: "1", openedAt: day(7) },
    ];
    for (const body of entries) expect((await call(addTrade, "POST", "/api/v1/trades", { token, body })).status).toBe(201);
    // A robot trade of the same user, to filter by source.
    await db.insert(trades).values({ userId: id, source: "robot", mode: "paper", exchange: "demo", symbol: "ETH-USDT", side: "long", status: "closed", quantity: "1", entryPrice: "10", exitPrice: "12", fees: "0", pnl: "2", pnlPct: "20", openedAt: new Date(day(8)), closedAt: new Date(day(9)) });

    const page1 = await call(listTrades, "GET", "/api/v1/trades", { token, query: { limit: "2" } });
    expect(page1.body.data).toHaveLength(2);
    expect(page1.body.pagination).toEqual({ page: 1, limit: 2, total: 5, totalPages: 3, hasMore: true });
    expect(page1.body.data[0].symbol).toBe("ETH-USDT");
    const sol = await call(listTrades, "GET", "/api/v1/trades", { token, query: { symbol: "SOL-USDT", status: "closed" } });
    expect(sol.body.data.map((t: { side: string }) => t.side)).toEqual(["short"]);
    const manual = await call(listTrades, "GET", "/api/v1/trades", { token, query: { source: "manual", from: day(3), to: day(6) } });
    expect(manual.body.pagination.total).toBe(2);
    const badQuery = await call(listTrades, "GET", "/api/v1/trades", { token, query: { status: "pending", limit: "500" } });
    expect(badQuery.body.error.details!.map((d) => d.field).sort()).toEqual(["limit", "status"]);

    const all = await call(stats, "GET", "/api/v1/trades/stats", { token });
    expect(all.body.data).toMatchObject({ closedTrades: 4, openTrades: 1, wins: 3, losses: 1, winRate: 0.75, totalPnl: "26", largestLoss: "-5", totalFees: "1" });
    expect(all.body.data.profitFactor).toBeCloseTo(31 / 5, 10);
    expect(all.body.data.equityCurve.map((p: { cumulativePnl: string }) => p.cumulativePnl)).toEqual(["10", "5", "24", "26"]);
    expect(all.body.data.bySymbol).toEqual([
      expect.objectContaining({ symbol: "SOL-USDT", pnl: "19", winRate: 1 }),
      expect.objectContaining({ symbol: "BTC-USDT", pnl: "5", winRate: 0.5 }),
      expect.objectContaining({ symbol: "ETH-USDT", pnl: "2" }),
    ]);
    const manualStats = await call(stats, "GET", "/api/v1/trades/stats", { token, query: { source: "manual", symbol: "BTC-USDT" } });
    expect(manualStats.body.data).toMatchObject({ closedTrades: 2, totalPnl: "5", winRate: 0.5 });

    const [robotTrade] = await db.select().from(trades).where(eq(trades.userId, id)).then((rows) => rows.filter((row) => row.source === "robot"));
    const robotClose = await call(patchTrade, "PATCH", `/api/v1/trades/${robotTrade!.id}`, { token, params: { tradeId: robotTrade!.id }, body: { exitPrice: "1" } });
    expect(robotClose.status).toBe(409);

    const other = await user();
    const tradeId = page1.body.data[1].id as string;
    expect((await call(getTrade, "GET", `/api/v1/trades/${tradeId}`, { token: other.token, params: { tradeId } })).status).toBe(404);
    expect((await call(patchTrade, "PATCH", `/api/v1/trades/${tradeId}`, { token: other.token, params: { tradeId }, body: { notes: "mine now" } })).status).toBe(404);
    expect((await call(listTrades, "GET", "/api/v1/trades", { token: other.token })).body.pagination.total).toBe(0);
    expect((await call(stats, "GET", "/api/v1/trades/stats", { token: other.token })).body.data.closedTrades).toBe(0);
    expect((await call(getTrade, "GET", `/api/v1/trades/${tradeId}`, { token, params: { tradeId } })).status).toBe(200);
  });
});
