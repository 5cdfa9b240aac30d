import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { portfolioSnapshots, transactions } from "@/db/schema";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { PATCH as patchMe } from "../user/me/route";
import { GET as activity } from "./[portfolioId]/activity/route";
import { GET as allocation } from "./[portfolioId]/allocation/route";
import { GET as analytics } from "./[portfolioId]/analytics/route";
import { GET as history } from "./[portfolioId]/history/route";
import { GET as holdings } from "./[portfolioId]/holdings/route";
import { POST as rebalance } from "./[portfolioId]/rebalance/route";
import { DELETE as deletePortfolio, GET as getPortfolio, PATCH as patchPortfolio } from "./[portfolioId]/route";
import { DELETE as revokeShare } from "./[portfolioId]/shares/[userId]/route";
import { GET as listShares, POST as share } from "./[portfolioId]/shares/route";
import { POST as simulate } from "./[portfolioId]/simulate/route";
import { DELETE as deleteTx, PATCH as patchTx } from "./[portfolioId]/transactions/[transactionId]/route";
import { GET as listTx, POST as addTx } from "./[portfolioId]/transactions/route";
import { GET as exportFile } from "./[portfolioId]/export/route";
import { POST as importCsv } from "./[portfolioId]/import/route";
import { GET as listPortfolios, POST as createPortfolio } from "./route";

async function user() {
  const email = uniqueEmail("pf");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return { email, token: res.body.data.accessToken as string, id: res.body.data.user.id as string };
}

async function newPortfolio(token: string, name = "Long term") {
  const res = await call(createPortfolio, "POST", "/api/v1/portfolios", { token, body: { name } });
  expect(res.status).toBe(201);
  return res.body.data.id as string;
}

const p = (portfolioId: string) => ({ portfolioId });
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

async function add(token: string, portfolioId: string, body: Record<string, unknown>) {
  return call(addTx, "POST", `/api/v1/portfolios/${portfolioId}/transactions`, { token, params: p(portfolioId), body });
}

describe("portfolios", () => {
  test("create, list, read, rename, delete; bad input is 400 with field details", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    const list = await call(listPortfolios, "GET", "/api/v1/portfolios", { token });
    expect(list.body.data).toEqual([expect.objectContaining({ id, name: "Long term", role: "owner", baseCurrency: "USD", kind: "manual" })]);
    const renamed = await call(patchPortfolio, "PATCH", `/api/v1/portfolios/${id}`, { token, params: p(id), body: { name: "Core" } });
    expect(renamed.body.data.name).toBe("Core");
    const bad = await call(createPortfolio, "POST", "/api/v1/portfolios", { token, body: { name: "", baseCurrency: "JPY" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details!.map((d: { field: string }) => d.field).sort()).toEqual(["baseCurrency", "name"]);
    expect((await call(deletePortfolio, "DELETE", `/api/v1/portfolios/${id}`, { token, params: p(id) })).status).toBe(200);
    expect((await call(getPortfolio, "GET", `/api/v1/portfolios/${id}`, { token, params: p(id) })).status).toBe(404);
  });
});

describe("transactions and holdings", () => {
  test("FIFO cost basis and realized P&L through the API, with fees (worked example)", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    // Buy 1 @ 30,000 (fee 30) and 1 @ 40,000 (fee 40); sell 1.5 @ 50,000 (fee 75).
    // FIFO: lot 1 (cost 30,030) fully, half of lot 2 (20,020) → cost 50,050; proceeds 75,000 − 75 = 74,925
    // realized = 74,925 − 50,050 = 24,875; left 0.5 BTC with cost 20,020 (avg 40,040).
    expect((await add(token, id, { type: "buy", symbol: "btc", quantity: "1", price: "30000", fee: "30", feeCurrency: "USD", executedAt: daysAgo(40) })).status).toBe(201);
    expect((await add(token, id, { type: "buy", symbol: "BTC", quantity: "1", price: "40000", fee: "40", feeCurrency: "USD", executedAt: daysAgo(30) })).status).toBe(201);
    expect((await add(token, id, { type: "sell", symbol: "BTC", quantity: "1.5", price: "50000", fee: "75", feeCurrency: "USD", executedAt: daysAgo(20) })).status).toBe(201);
    const res = await call(holdings, "GET", `/api/v1/portfolios/${id}/holdings`, { token, params: p(id) });
    expect(res.status).toBe(200);
    const btc = res.body.data.holdings.find((h: { symbol: string }) => h.symbol === "BTC");
    expect(btc).toMatchObject({ symbol: "BTC", priceSource: "market" });
    expect(Number(btc.quantity)).toBe(0.5);
    expect(Number(btc.costBasis)).toBe(20020);
    expect(Number(btc.avgCost)).toBe(40040);
    expect(Number(btc.realizedPnl)).toBe(24875);
    expect(Number(btc.value)).toBeCloseTo(0.5 * Number(btc.price), 6);
    expect(Number(btc.unrealizedPnl)).toBeCloseTo(Number(btc.value) - 20020, 6);
    expect(btc.weight).toBe(1);
  });

  test("selling more than held is 422 with the reason, and nothing is written; so is deleting a buy a later sell needs", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    const buy = await add(token, id, { type: "buy", symbol: "ETH", quantity: "2", price: "2000", executedAt: daysAgo(10) });
    await add(token, id, { type: "sell", symbol: "ETH", quantity: "1", price: "2500", executedAt: daysAgo(5) });
    const over = await add(token, id, { type: "sell", symbol: "ETH", quantity: "1.5", price: "2600", executedAt: daysAgo(1) });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("INSUFFICIENT_HOLDINGS");
    expect(over.body.error.message).toMatch(/ETH/);
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, id))).toHaveLength(2);
    const buyId = buy.body.data.id as string;
    const removal = await call(deleteTx, "DELETE", `/api/v1/portfolios/${id}/transactions/${buyId}`, { token, params: { portfolioId: id, transactionId: buyId } });
    expect(removal.status).toBe(422);
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, id))).toHaveLength(2);
    const edited = await call(patchTx, "PATCH", `/api/v1/portfolios/${id}/transactions/${buyId}`, { token, params: { portfolioId: id, transactionId: buyId }, body: { quantity: "3", note: "topped up" } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ quantity: "3", note: "topped up" });
  });

  test.each([
    [{ type: "buy", symbol: "BTC", quantity: "1", executedAt: "2026-01-01" }, "price"],
    [{ type: "buy", symbol: "BTC", quantity: "-1", price: "1", executedAt: "2026-01-01" }, "quantity"],
    [{ type: "teleport", symbol: "BTC", quantity: "1", price: "1", executedAt: "2026-01-01" }, "type"],
    [{ type: "buy", symbol: "BTC", quantity: "1e3", price: "1", executedAt: "2026-01-01" }, "quantity"],
    [{ type: "buy", symbol: "BTC", quantity: "1", price: "1", executedAt: "2999-01-01" }, "executedAt"],
    [{ type: "buy", symbol: "NOTACOIN", quantity: "1", price: "1", executedAt: "2026-01-01" }, "symbol"],
  ])("rejects %j naming %s", async (body, field) => {
    const { token } = await user();
    const id = await newPortfolio(token);
    const res = await add(token, id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.details!.map((d: { field: string }) => d.field)).toContain(field);
  });

  test("an asset the feed does not know is accepted as a manual asset, valued at its entered price and labelled", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    expect((await add(token, id, { type: "buy", symbol: "ACME", quantity: "10", price: "2.5", executedAt: daysAgo(3), isManualAsset: true })).status).toBe(201);
    const res = await call(holdings, "GET", `/api/v1/portfolios/${id}/holdings`, { token, params: p(id) });
    expect(res.body.data.holdings[0]).toMatchObject({ symbol: "ACME", isManualAsset: true, priceSource: "manual", price: "2.5", value: "25" });
  });

  test("lists transactions newest first, paginated and filtered", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    for (const [symbol, days] of [["BTC", 9], ["ETH", 8], ["BTC", 7]] as const) {
      await add(token, id, { type: "buy", symbol, quantity: "1", price: "100", executedAt: daysAgo(days) });
    }
    const page = await call(listTx, "GET", `/api/v1/portfolios/${id}/transactions`, { token, params: p(id), query: { limit: "2" } });
    expect(page.body.pagination).toMatchObject({ total: 3, totalPages: 2, hasMore: true });
    expect(page.body.data[0].executedAt > page.body.data[1].executedAt).toBe(true);
    const btc = await call(listTx, "GET", `/api/v1/portfolios/${id}/transactions`, { token, params: p(id), query: { symbol: "BTC" } });
    expect(btc.body.data).toHaveLength(2);
  });
});

describe("history, analytics, allocation, rebalance, simulation", () => {
  test("a back-dated transaction rebuilds the daily history from candles; analytics, allocation and a projection follow", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    await add(token, id, { type: "buy", symbol: "BTC", quantity: "0.5", price: "60000", executedAt: daysAgo(120) });
    await add(token, id, { type: "buy", symbol: "ETH", quantity: "5", price: "3000", executedAt: daysAgo(90) });
    const snaps = await db.select().from(portfolioSnapshots).where(eq(portfolioSnapshots.portfolioId, id));
    expect(snaps.length).toBeGreaterThanOrEqual(120);

    const h = await call(history, "GET", `/api/v1/portfolios/${id}/history`, { token, params: p(id), query: { range: "1m" } });
    expect(h.body.data.points.length).toBeGreaterThanOrEqual(30);
    expect(h.body.data.points.length).toBeLessThanOrEqual(32);
    expect((await call(history, "GET", `/api/v1/portfolios/${id}/history`, { token, params: p(id), query: { range: "5y" } })).status).toBe(400);

    const a = await call(analytics, "GET", `/api/v1/portfolios/${id}/analytics`, { token, params: p(id) });
    expect(a.status).toBe(200);
    for (const key of ["twr", "mwr", "annualizedReturn", "volatility", "sharpe", "sortino", "maxDrawdown", "maxDrawdownDays", "var95", "cvar95", "var99", "cvar99", "beta", "correlationBtc"]) {
      expect(a.body.data).toHaveProperty(key);
    }
    expect(typeof a.body.data.volatility).toBe("number");
    expect(a.body.data.riskFreeRate).toBe(0);
    await call(patchMe, "PATCH", "/api/v1/user/me", { token, body: { settings: { riskFreeRate: 0.04 } } });
    const withRate = await call(analytics, "GET", `/api/v1/portfolios/${id}/analytics`, { token, params: p(id) });
    expect(withRate.body.data.riskFreeRate).toBe(0.04);
    expect(withRate.body.data.sharpe).toBeLessThan(a.body.data.sharpe);
    expect(a.body.data.maxDrawdown).toBeGreaterThanOrEqual(0);

    const alloc = await call(allocation, "GET", `/api/v1/portfolios/${id}/allocation`, { token, params: p(id) });
    const weights = alloc.body.data.byAsset.map((s: { weight: number }) => s.weight);
    expect(weights.reduce((x: number, y: number) => x + y, 0)).toBeCloseTo(1, 9);

    const plan = await call(rebalance, "POST", `/api/v1/portfolios/${id}/rebalance`, { token, params: p(id), body: { targets: { BTC: 0.5, ETH: 0.3, SOL: 0.2 }, minTradeUsd: 10 } });
    expect(plan.status).toBe(200);
    expect(plan.body.data.trades.some((t: { symbol: string; side: string }) => t.symbol === "SOL" && t.side === "buy")).toBe(true);
    const badTargets = await call(rebalance, "POST", `/api/v1/portfolios/${id}/rebalance`, { token, params: p(id), body: { targets: { BTC: 0.7, ETH: 0.7 } } });
    expect(badTargets.status).toBe(400);

    const mc = await call(simulate, "POST", `/api/v1/portfolios/${id}/simulate`, { token, params: p(id), body: { paths: 200, seed: 7 } });
    expect(mc.status).toBe(200);
    expect(mc.body.data.final.p5).toBeLessThanOrEqual(mc.body.data.final.p50);
    expect(mc.body.data.final.p50).toBeLessThanOrEqual(mc.body.data.final.p95);
    const again = await call(simulate, "POST", `/api/v1/portfolios/${id}/simulate`, { token, params: p(id), body: { paths: 200, seed: 7 } });
    expect(again.body.data.final).toEqual(mc.body.data.final);
  });
});

describe("sharing", () => {
  test("another user's portfolio answers 404 everywhere until it is shared, then exactly per permission", async () => {
    const alice = await user();
    const bob = await user();
    const id = await newPortfolio(alice.token, "Alice's");
    await add(alice.token, id, { type: "buy", symbol: "BTC", quantity: "1", price: "50000", executedAt: daysAgo(3) });
    const buyBody = { type: "buy", symbol: "ETH", quantity: "1", price: "3000", executedAt: daysAgo(1) };

    const asBob = {
      read: () => call(getPortfolio, "GET", `/api/v1/portfolios/${id}`, { token: bob.token, params: p(id) }),
      holdings: () => call(holdings, "GET", `/api/v1/portfolios/${id}/holdings`, { token: bob.token, params: p(id) }),
      write: () => add(bob.token, id, buyBody),
      share: () => call(share, "POST", `/api/v1/portfolios/${id}/shares`, { token: bob.token, params: p(id), body: { email: alice.email, permission: "view" } }),
      delete: () => call(deletePortfolio, "DELETE", `/api/v1/portfolios/${id}`, { token: bob.token, params: p(id) }),
    };
    for (const run of Object.values(asBob)) expect((await run()).status).toBe(404);

    const grant = (permission: string) => call(share, "POST", `/api/v1/portfolios/${id}/shares`, { token: alice.token, params: p(id), body: { email: bob.email, permission } });
    expect((await grant("view")).status).toBe(201);
    expect((await asBob.read()).body.data.role).toBe("view");
    expect((await asBob.holdings()).status).toBe(200);
    expect((await asBob.write()).status).toBe(403);
    expect((await asBob.share()).status).toBe(403);

    await grant("edit");
    expect((await asBob.write()).status).toBe(201);
    expect((await asBob.share()).status).toBe(403);
    expect((await asBob.delete()).status).toBe(403);

    await grant("admin");
    const charlie = await user();
    const shared = await call(share, "POST", `/api/v1/portfolios/${id}/shares`, { token: bob.token, params: p(id), body: { email: charlie.email, permission: "view" } });
    expect(shared.status).toBe(201);
    expect((await asBob.delete()).status).toBe(403);
    const unknown = await call(share, "POST", `/api/v1/portfolios/${id}/shares`, { token: alice.token, params: p(id), body: { email: uniqueEmail("ghost"), permission: "view" } });
    expect(unknown.status).toBe(404);

    const sharesList = await call(listShares, "GET", `/api/v1/portfolios/${id}/shares`, { token: alice.token, params: p(id) });
    expect(sharesList.body.data.map((s: { email: string; permission: string }) => [s.email, s.permission]).sort()).toEqual([
      [bob.email, "admin"],
      [charlie.email, "view"],
    ].sort());

    const log = await call(activity, "GET", `/api/v1/portfolios/${id}/activity`, { token: alice.token, params: p(id), query: { limit: "50" } });
    const actions = log.body.data.map((e: { action: string; actorEmail: string }) => `${e.actorEmail}:${e.action}`);
    expect(actions).toContain(`${bob.email}:transaction.created`);
    expect(actions).toContain(`${bob.email}:share.granted`);

    expect((await call(revokeShare, "DELETE", `/api/v1/portfolios/${id}/shares/${bob.id}`, { token: alice.token, params: { portfolioId: id, userId: bob.id } })).status).toBe(200);
    expect((await asBob.read()).status).toBe(404);
    const list = await call(listPortfolios, "GET", "/api/v1/portfolios", { token: charlie.token });
    expect(list.body.data).toEqual([expect.objectContaining({ id, role: "view", owner: expect.objectContaining({ email: alice.email }) })]);
  });
});

describe("CSV import and export", () => {
  const header = "date,type,symbol,quantity,price,fee,fee_currency,note";
  const rowsCsv = (count: number, badAt?: number) => {
    const lines = [header];
    for (let i = 0; i < count; i++) {
      const date = new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString();
      lines.push(i === badAt ? `${date},buy,BTC,0.001,not-a-price,0.01,USD,` : `${date},buy,BTC,0.001,${40000 + i},0.01,USD,row ${i}`);
    }
    return lines.join("\n");
  };

  test("a 600-row import with one bad row commits nothing and names the row; the same file fixed imports all 600", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    const bad = rowsCsv(600, 417); // data row 417 is spreadsheet row 419 (header is row 1)
    const preview = await call(importCsv, "POST", `/api/v1/portfolios/${id}/import`, { token, params: p(id), body: { csv: bad, format: "auto", dryRun: true } });
    expect(preview.status).toBe(200);
    expect(preview.body.data).toMatchObject({ format: "tradepulse", totalRows: 600, valid: 599 });
    expect(preview.body.data.errors).toEqual([{ row: 419, field: "price", reason: expect.any(String) }]);

    const commit = await call(importCsv, "POST", `/api/v1/portfolios/${id}/import`, { token, params: p(id), body: { csv: bad, dryRun: false } });
    expect(commit.status).toBe(400);
    expect(commit.body.error.message).toMatch(/row 419/);
    expect(commit.body.error.details![0]).toMatchObject({ field: "row 419 price" });
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, id))).toHaveLength(0);

    const good = await call(importCsv, "POST", `/api/v1/portfolios/${id}/import`, { token, params: p(id), body: { csv: rowsCsv(600), dryRun: false } });
    expect(good.status).toBe(201);
    expect(good.body.data.imported).toBe(600);
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, id))).toHaveLength(600);
  });

  test("a row that sells more than held is reported with its row number", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    const csv = [header, "2025-01-01T00:00:00Z,buy,ETH,1,2000,0,USD,", "2025-01-02T00:00:00Z,sell,ETH,2,2100,0,USD,"].join("\n");
    const res = await call(importCsv, "POST", `/api/v1/portfolios/${id}/import`, { token, params: p(id), body: { csv, dryRun: true } });
    expect(res.body.data.errors).toEqual([{ row: 3, field: "quantity", reason: expect.stringMatching(/ETH/) }]);
  });

  test("export CSV and JSON; the CSV imports back into another portfolio unchanged", async () => {
    const { token } = await user();
    const id = await newPortfolio(token);
    await add(token, id, { type: "buy", symbol: "SOL", quantity: "12.5", price: "150.25", fee: "0.5", feeCurrency: "USD", executedAt: daysAgo(10), note: "first, with a comma" });
    await add(token, id, { type: "staking_reward", symbol: "SOL", quantity: "0.1", price: "160", executedAt: daysAgo(2) });
    const res = await fetchRaw(exportFile, id, token, "csv");
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="Long-term-\d{4}-\d{2}-\d{2}\.csv"/);
    const csv = await res.text();
    const json = JSON.parse(await (await fetchRaw(exportFile, id, token, "json")).text());
    expect(json.transactions).toHaveLength(2);

    const copy = await newPortfolio(token, "Copy");
    const imported = await call(importCsv, "POST", `/api/v1/portfolios/${copy}/import`, { token, params: p(copy), body: { csv, dryRun: false } });
    expect(imported.body.data.imported).toBe(2);
    const strip = (rows: { symbol: string; type: string; quantity: string; price: string | null; fee: string; note: string | null; executedAt: Date }[]) =>
      rows.map(({ symbol, type, quantity, price, fee, note, executedAt }) => ({ symbol, type, quantity, price, fee, note, executedAt: executedAt.toISOString() })).sort((a, b) => a.executedAt.localeCompare(b.executedAt));
    expect(strip(await db.select().from(transactions).where(eq(transactions.portfolioId, copy)))).toEqual(strip(await db.select().from(transactions).where(eq(transactions.portfolioId, id))));
  });
});

async function fetchRaw(handler: typeof exportFile, portfolioId: string, token: string, format: string): Promise<Response> {
  const req = new Request(`http://localhost/api/v1/portfolios/${portfolioId}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } });
  return handler(req, { params: Promise.resolve({ portfolioId }) });
}
