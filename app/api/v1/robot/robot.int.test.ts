import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { robotConfigs, robotEvents, signals, trades, users } from "@/db/schema";
import { setExchangeClientOverrides } from "@/lib/exchanges/keys";
import { CHANNELS } from "@/lib/market/events";
import { getBus } from "@/lib/realtime/bus";
import { checkOpenTrades, handleSignal, processRecentSignals } from "@/lib/robot/executor";
import { computePaperExit, Dec } from "@/lib/robot/math";
import { startRobotRuntime } from "@/lib/robot/runtime";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { startBinanceStub, type BinanceStub } from "@/test/helpers/binance-stub";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { POST as addKey } from "../exchange-keys/route";
import { GET as balance } from "./balance/route";
import { GET as getConfig, PUT as putConfig } from "./config/route";
import { GET as events } from "./events/route";
import { POST as start } from "./start/route";
import { POST as stop } from "./stop/route";

type Tier = "free" | "pro" | "premium" | "vip";

async function user(tier: Tier = "free") {
  const email = uniqueEmail("robot");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  await db.update(users).set({ tier, emailVerifiedAt: new Date() }).where(eq(users.email, email));
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return { token: res.body.data.accessToken as string, id: res.body.data.user.id as string };
}

const paperConfig = (symbol: string, overrides: Record<string, unknown> = {}) => ({
  symbol,
  mode: "paper",
  leverage: 3,
  balancePct: 10,
  takeProfitPct: 2,
  stopLossPct: 1,
  minConfidence: 60,
  autoTrade: true,
  ...overrides,
});

// A signal row as the generator writes it. Its own exchange value keeps the one-active-signal index
// from colliding with signals other tests (or the generator) create for the same symbol.
async function insertSignal({ symbol, direction = "buy", confidence = 75, createdAt = new Date() }: { symbol: string; direction?: "buy" | "sell"; confidence?: number; createdAt?: Date }) {
  const [row] = await db
    .insert(signals)
    .values({
      exchange: `test-${randomBytes(4).toString("hex")}`,
      symbol,
      timeframe: "15m",
      direction,
      entry: "100",
      stopLoss: direction === "buy" ? "0.0001" : "100000000",
      tp1: "110",
      tp2: "120",
      tp3: "130",
      confidence,
      expiresAt: new Date(Date.now() + 3_600_000),
      createdAt,
    })
    .returning();
  return row!;
}

async function waitFor<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const tradesOf = (userId: string) => db.select().from(trades).where(eq(trades.userId, userId));
const configOf = async (userId: string, symbol: string) => (await db.select().from(robotConfigs).where(and(eq(robotConfigs.userId, userId), eq(robotConfigs.symbol, symbol))))[0]!;

let stopRuntime: () => void;
beforeAll(() => {
  stopRuntime = startRobotRuntime();
});
afterAll(() => stopRuntime());

describe("robot configuration", () => {
  test("validation errors name each field with a clear message", async () => {
    const { token } = await user();
    const res = await call(putConfig, "PUT", "/api/v1/robot/config", {
      token,
      body: { symbol: "BTC USDT", leverage: 0, balancePct: 150, takeProfitPct: -1, stopLossPct: 1, minConfidence: 101, mode: "margin" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_ERROR");
    const byField = Object.fromEntries(res.body.error.details!.map((d) => [d.field, d.message]));
    expect(Object.keys(byField).sort()).toEqual(["balancePct", "leverage", "minConfidence", "mode", "symbol", "takeProfitPct"]);
    expect(byField.leverage).toBe("Leverage must be at least 1.");
    expect(byField.balancePct).toBe("Balance per trade must be at most 100 %.");
    expect(byField.minConfidence).toBe("Minimum confidence must be at most 100.");

    const live = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig("BTC-USDT", { mode: "live", leverage: 5 }) });
    expect(live.status).toBe(400);
    expect(live.body.error.details!.map((d) => d.field).sort()).toEqual(["exchangeKeyId", "leverage"]);

    const liquidation = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig("BTC-USDT", { leverage: 50, stopLossPct: 3 }) });
    expect(liquidation.body.error.details).toEqual([{ field: "stopLossPct", message: expect.stringMatching(/liquidated after a 2\.00 % move/) }]);

    const untracked = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig("FOO-USDT") });
    expect(untracked.status).toBe(404);
  });

  test("tier limits: free trades on paper only and has one robot; config is per symbol and owned", async () => {
    const { token } = await user("free");
    const liveBody = paperConfig("BTC-USDT", { mode: "live", leverage: 1, exchangeKeyId: "00000000-0000-4000-8000-000000000000" });
    const live = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: liveBody });
    expect(live.status).toBe(403);
    expect(live.body.error.code).toBe("TIER_REQUIRED");

    const first = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig("btc/usdt") });
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ symbol: "BTC-USDT", mode: "paper", leverage: 3, balancePct: 10, isRunning: false, paperBalance: "10000" });
    const second = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig("ETH-USDT") });
    expect(second.status).toBe(403);
    expect(second.body.error.message).toMatch(/allows 1 robots; the Pro tier allows 3/);
    // Replacing the existing symbol's config is not a new robot.
    const replaced = await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig("BTC-USDT", { minConfidence: 80 }) });
    expect(replaced.body.data.minConfidence).toBe(80);

    const list = await call(getConfig, "GET", "/api/v1/robot/config", { token });
    expect(list.body.data).toHaveLength(1);
    const one = await call(getConfig, "GET", "/api/v1/robot/config", { token, query: { symbol: "BTC-USDT" } });
    expect(one.body.data.id).toBe(first.body.data.id);

    const other = await user();
    expect((await call(getConfig, "GET", "/api/v1/robot/config", { token: other.token, query: { symbol: "BTC-USDT" } })).status).toBe(404);
    expect((await call(getConfig, "GET", "/api/v1/robot/config", { token: other.token })).body.data).toEqual([]);
    expect((await call(start, "POST", "/api/v1/robot/start", { token: other.token, body: {} })).status).toBe(404);
  });
});

describe("paper robot on the demo exchange", () => {
  test("a published signal opens one position; replays and racing executors open no second; TP closes it and the balance moves by the P&L", async () => {
    const { token, id } = await user("premium");
    const symbol = "ATOM-USDT";
    expect((await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol) })).status).toBe(200);
    const started = await call(start, "POST", "/api/v1/robot/start", { token, body: { symbol } });
    expect(started.body.data.started).toHaveLength(1);
    expect(started.body.data.started[0].isRunning).toBe(true);

    const signal = await insertSignal({ symbol });
    await getBus().publish(CHANNELS.signals, { signal });
    const trade = await waitFor(async () => (await tradesOf(id))[0], "the robot's trade");
    expect(trade).toMatchObject({ source: "robot", mode: "paper", symbol, side: "long", status: "open", leverage: 3, signalId: signal.id });
    // 10 % of 10000 as margin at 3× → a notional of about 3000 USDT, fee 0.04 % of it.
    const notional = new Dec(trade.entryPrice).times(trade.quantity);
    expect(notional.toNumber()).toBeCloseTo(3000, 0);
    expect(new Dec(trade.fees).toNumber()).toBeCloseTo(notional.times("0.0004").toNumber(), 8);
    expect(new Dec(trade.takeProfit!).toNumber()).toBeCloseTo(new Dec(trade.entryPrice).times(1.02).toNumber(), 6);
    expect(new Dec(trade.stopLoss!).toNumber()).toBeCloseTo(new Dec(trade.entryPrice).times(0.99).toNumber(), 6);
    const afterOpen = await configOf(id, symbol);
    expect(new Dec(afterOpen.paperBalance).toFixed()).toBe(new Dec(10000).minus(trade.fees).toFixed());

    // The same message again, and two executors racing on it, as several instances would.
    await getBus().publish(CHANNELS.signals, { signal });
    const [first, second, catchUp] = await Promise.all([handleSignal({ signalId: signal.id }), handleSignal({ signalId: signal.id }), processRecentSignals()]);
    expect([...first, ...second].filter((decision) => decision.outcome === "opened")).toEqual([]);
    expect(catchUp.opened).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await tradesOf(id)).toHaveLength(1);
    const signalEvents = await db.select().from(robotEvents).where(and(eq(robotEvents.userId, id), eq(robotEvents.signalId, signal.id)));
    expect(signalEvents.map((event) => event.type)).toEqual(["open"]);

    // A tick through the take-profit closes it at the take-profit level.
    const tp = new Dec(trade.takeProfit!);
    const quote = { last: tp.plus(0.01).toNumber(), bid: tp.toNumber(), ask: tp.plus(0.02).toNumber() };
    const closed = await checkOpenTrades({ quotes: new Map([[symbol, quote]]) });
    expect(closed).toHaveLength(1);
    expect(await checkOpenTrades({ quotes: new Map([[symbol, quote]]) })).toEqual([]);
    const [row] = await tradesOf(id);
    const want = computePaperExit({ side: "long", entryPrice: trade.entryPrice, quantity: trade.quantity, entryFee: trade.fees, leverage: 3, quote, reason: "take_profit", takeProfit: trade.takeProfit });
    expect(row).toMatchObject({ status: "closed", closeReason: "take_profit" });
    expect(new Dec(row!.exitPrice!).eq(trade.takeProfit!)).toBe(true);
    expect(new Dec(row!.pnl!).eq(want.pnl)).toBe(true);
    expect(new Dec(row!.pnl!).gt(0)).toBe(true);
    const afterClose = await configOf(id, symbol);
    expect(new Dec(afterClose.paperBalance).eq(new Dec(10000).plus(want.pnl))).toBe(true);

    const balanceRes = await call(balance, "GET", "/api/v1/robot/balance", { token });
    expect(balanceRes.body.data.paper).toEqual([expect.objectContaining({ symbol, balance: new Dec(afterClose.paperBalance).toFixed(), openPosition: null })]);
    const log = await call(events, "GET", "/api/v1/robot/events", { token, query: { symbol } });
    expect(log.body.data.map((event: { type: string }) => event.type)).toEqual(["close", "open", "start", "config.created"]);
    expect(log.body.data[0].message).toMatch(/take profit hit/);
  });

  test("low confidence and auto-trade off are skipped with their reason, once", async () => {
    const { token, id } = await user("premium");
    const symbol = "UNI-USDT";
    await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol) });
    await call(start, "POST", "/api/v1/robot/start", { token, body: {} });
    const weak = await insertSignal({ symbol, confidence: 54 });
    await handleSignal({ signalId: weak.id });
    await handleSignal({ signalId: weak.id });
    const skips = await db.select().from(robotEvents).where(and(eq(robotEvents.userId, id), eq(robotEvents.signalId, weak.id)));
    expect(skips).toHaveLength(1);
    expect(skips[0]).toMatchObject({ type: "skip" });
    expect(skips[0]!.message).toContain("confidence 54 < 60");

    await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol, { autoTrade: false }) });
    const strong = await insertSignal({ symbol, direction: "sell", confidence: 90 });
    const [decision] = await handleSignal({ signalId: strong.id });
    expect(decision).toMatchObject({ outcome: "skipped", message: "auto-trade is off" });
    expect(await tradesOf(id)).toHaveLength(0);
  });

  test("a signal visible to the tier only later is deferred, not skipped; a stopped robot does nothing", async () => {
    const { token, id } = await user("free");
    const symbol = "NEAR-USDT";
    await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol) });
    await call(start, "POST", "/api/v1/robot/start", { token, body: { symbol } });
    const fresh = await insertSignal({ symbol });
    const [decision] = await handleSignal({ signalId: fresh.id });
    expect(decision!.outcome).toBe("deferred");
    expect(await db.select().from(robotEvents).where(eq(robotEvents.signalId, fresh.id))).toHaveLength(0);

    await call(stop, "POST", "/api/v1/robot/stop", { token, body: {} });
    expect(await handleSignal({ signalId: fresh.id })).toEqual([]);
    expect(await tradesOf(id)).toHaveLength(0);
  });

  test("a short hits its stop loss: closed at market, the loss leaves the paper balance", async () => {
    const { token, id } = await user("vip");
    const symbol = "APT-USDT";
    await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol, { leverage: 1, balancePct: 50 }) });
    await call(start, "POST", "/api/v1/robot/start", { token, body: { symbol } });
    const signal = await insertSignal({ symbol, direction: "sell" });
    const [decision] = await handleSignal({ signalId: signal.id });
    expect(decision!.outcome).toBe("opened");
    const [trade] = await tradesOf(id);
    expect(trade!.side).toBe("short");
    const sl = new Dec(trade!.stopLoss!);
    const quote = { last: sl.times(1.001).toNumber(), bid: sl.times(1.0009).toNumber(), ask: sl.times(1.0011).toNumber() };
    expect(await checkOpenTrades({ quotes: new Map([[symbol, { last: sl.minus(0.01).toNumber(), bid: null, ask: null }]]) })).toEqual([]);
    const [closed] = await checkOpenTrades({ quotes: new Map([[symbol, quote]]) });
    expect(closed).toMatchObject({ reason: "stop_loss", side: "short" });
    // A stop fills at market: buying back at the ask plus slippage, above the stop level.
    expect(new Dec(closed!.exitPrice).gt(sl)).toBe(true);
    expect(new Dec(closed!.pnl).lt(0)).toBe(true);
    const config = await configOf(id, symbol);
    expect(new Dec(config.paperBalance).eq(new Dec(10000).plus(closed!.pnl))).toBe(true);
  });

  test("stop (kill switch) stops every robot, closes positions at market and says exactly what it did", async () => {
    const { token, id } = await user("vip");
    for (const symbol of ["ARB-USDT", "OP-USDT"]) {
      await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol) });
    }
    await call(start, "POST", "/api/v1/robot/start", { token, body: {} });
    const signal = await insertSignal({ symbol: "ARB-USDT" });
    expect((await handleSignal({ signalId: signal.id }))[0]!.outcome).toBe("opened");

    const res = await call(stop, "POST", "/api/v1/robot/stop", { token, body: {} });
    expect(res.status).toBe(200);
    const report = res.body.data;
    expect(report.stopped.map((s: { symbol: string }) => s.symbol).sort()).toEqual(["ARB-USDT", "OP-USDT"]);
    expect(report.closedTrades).toHaveLength(1);
    expect(report.closedTrades[0]).toMatchObject({ symbol: "ARB-USDT", reason: "kill_switch", side: "long" });
    expect(Number(report.closedTrades[0].exitPrice)).toBeGreaterThan(0);
    expect(report.leftOpen).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.summary).toMatch(/Stopped 2 robots .*Closed 1 position at market, net P&L -?\d+\.\d\d USDT\./);
    const [trade] = await tradesOf(id);
    expect(trade).toMatchObject({ status: "closed", closeReason: "kill_switch" });
    const configs = await db.select().from(robotConfigs).where(eq(robotConfigs.userId, id));
    expect(configs.every((config) => !config.isRunning && config.stoppedAt)).toBe(true);
    const stopEvents = await db.select().from(robotEvents).where(and(eq(robotEvents.userId, id), eq(robotEvents.type, "stop")));
    expect(stopEvents).toHaveLength(2);

    const again = await call(stop, "POST", "/api/v1/robot/stop", { token, body: {} });
    expect(again.body.data).toMatchObject({ stopped: [], closedTrades: [], summary: expect.stringMatching(/^No robot was running\. No position was open\.$/) });
  });

  test("stop with closePositions false leaves the position open and reports it", async () => {
    const { token, id } = await user("vip");
    const symbol = "ATOM-USDT";
    await call(putConfig, "PUT", "/api/v1/robot/config", { token, body: paperConfig(symbol) });
    await call(start, "POST", "/api/v1/robot/start", { token, body: { symbol } });
    const signal = await insertSignal({ symbol });
    await handleSignal({ signalId: signal.id });
    const res = await call(stop, "POST", "/api/v1/robot/stop", { token, body: { symbol, closePositions: false } });
    expect(res.body.data.closedTrades).toEqual([]);
    expect(res.body.data.leftOpen).toEqual([expect.objectContaining({ symbol, status: "open" })]);
    expect(res.body.data.summary).toMatch(/Left 1 position open/);
    expect((await tradesOf(id))[0]!.status).toBe("open");
    const wallet = (await call(balance, "GET", "/api/v1/robot/balance", { token })).body.data.paper[0];
    expect(wallet.openPosition).toMatchObject({ side: "long" });
    expect(Number(wallet.marginInUse)).toBeGreaterThan(0);
  });
});

describe("live robot through the real ccxt client against a local Binance", () => {
  let stub: BinanceStub;
  beforeAll(async () => {
    stub = await startBinanceStub();
    setExchangeClientOverrides("binance", { urls: stub.urls, timeoutMs: 2000 });
  });
  afterAll(async () => {
    setExchangeClientOverrides("binance", undefined);
    await stub.close();
  });

  test("a buy signal places a signed market order and a take-profit; stop cancels it and sells", async () => {
    const { token, id } = await user("premium");
    const apiKey = `live${randomBytes(24).toString("hex")}`;
    const secret = `sec${randomBytes(24).toString("hex")}`;
    stub.addAccount({ apiKey, secret, balances: { USDT: { free: "1250", locked: "0" } }, restrictions: { enableSpotAndMarginTrading: true } });
    const key = await call(addKey, "POST", "/api/v1/exchange-keys", { token, body: { exchange: "binance", label: "Robot", apiKey, apiSecret: secret } });
    expect(key.status).toBe(201);
    const symbol = "SOL-USDT";
    const saved = await call(putConfig, "PUT", "/api/v1/robot/config", {
      token,
      body: { symbol, mode: "live", exchangeKeyId: key.body.data.id, leverage: 1, balancePct: 10, takeProfitPct: 3, stopLossPct: 2, minConfidence: 50, autoTrade: true },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.data).toMatchObject({ mode: "live", exchange: "binance" });
    await call(start, "POST", "/api/v1/robot/start", { token, body: { symbol } });

    const signal = await insertSignal({ symbol });
    const [decision] = await Promise.all([handleSignal({ signalId: signal.id }), handleSignal({ signalId: signal.id })]).then((all) => all.flat().filter((d) => d.outcome !== "duplicate"));
    expect(decision).toMatchObject({ outcome: "opened" });
    const orders = stub.requests.filter((request) => request.path === "/api/v3/order");
    expect(orders.map((order) => [order.method, order.params.type, order.params.side, order.status])).toEqual([
      ["POST", "MARKET", "BUY", 200],
      ["POST", "LIMIT", "SELL", 200],
    ]);
    const [trade] = await tradesOf(id);
    expect(trade).toMatchObject({ mode: "live", exchange: "binance", side: "long", status: "open" });
    expect(trade!.externalOrderId).toMatch(/^\d+$/);
    // 10 % of 1250 USDT at about 150 → about 0.83 SOL, minus the 0.1 % commission taken in SOL.
    expect(Number(trade!.quantity)).toBeCloseTo(125 / Number(trade!.entryPrice), 1);
    expect(Number(orders[1]!.params.price)).toBeCloseTo(Number(trade!.entryPrice) * 1.03, 1);

    const liveBalance = await call(balance, "GET", "/api/v1/robot/balance", { token });
    expect(liveBalance.body.data.live).toEqual([expect.objectContaining({ exchange: "binance", symbols: [symbol], error: null })]);
    expect(liveBalance.body.data.live[0].balances.find((b: { currency: string }) => b.currency === "SOL")).toBeDefined();

    const res = await call(stop, "POST", "/api/v1/robot/stop", { token, body: {} });
    expect(res.body.data.failed).toEqual([]);
    expect(res.body.data.cancelledOrders).toEqual([{ orderId: expect.stringMatching(/^\d+$/), symbol, tradeId: trade!.id }]);
    expect(res.body.data.closedTrades[0]).toMatchObject({ mode: "live", reason: "kill_switch" });
    const after = stub.requests.filter((request) => request.path === "/api/v3/order").slice(2);
    expect(after.map((order) => [order.method, order.params.type ?? "", order.params.side ?? "", order.status])).toEqual([
      ["DELETE", "", "", 200],
      ["POST", "MARKET", "SELL", 200],
    ]);
    expect((await tradesOf(id))[0]).toMatchObject({ status: "closed", closeReason: "kill_switch" });
    expect(Number(stub.balanceOf(apiKey, "SOL")?.locked ?? "0")).toBe(0);
  });
});
