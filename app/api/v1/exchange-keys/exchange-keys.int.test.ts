import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { db, queryRows } from "@/db/client";
import { exchangeKeys, portfolios, transactions, users } from "@/db/schema";
import { env } from "@/lib/env";
import { setExchangeClientOverrides } from "@/lib/exchanges/keys";
import { retestAllExchangeKeys } from "@/lib/exchanges/monitor";
import { notifications } from "@/db/schema";
import { startSmtpCapture } from "@/test/helpers/smtp";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { startBinanceStub, type BinanceStub } from "@/test/helpers/binance-stub";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as listExchanges } from "../exchanges/route";
import { DELETE as deleteKey } from "./[keyId]/route";
import { POST as syncKey } from "./[keyId]/sync/route";
import { POST as testKey } from "./[keyId]/test/route";
import { GET as listKeys, POST as addKey } from "./route";

let stub: BinanceStub;
const responses: string[] = [];
const logged: string[] = [];
const writeStdout = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  stub = await startBinanceStub();
  setExchangeClientOverrides("binance", { urls: stub.urls, timeoutMs: 1500 });
  // Everything the app logs during these tests, to prove no secret reaches a log line.
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    logged.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    return (writeStdout as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
});
afterAll(async () => {
  process.stdout.write = writeStdout;
  setExchangeClientOverrides("binance", undefined);
  await stub.close();
});
afterEach(() => stub.setMode("ok"));

async function track<T extends { body: unknown }>(answer: Promise<T>): Promise<T> {
  const res = await answer;
  responses.push(JSON.stringify(res.body));
  return res;
}

async function verifiedUser() {
  const email = uniqueEmail("keys");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, email));
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return { token: res.body.data.accessToken as string, userId: res.body.data.user.id as string };
}

const T0 = Date.UTC(2026, 0, 10);
function binanceAccount(options: { withdrawals?: boolean } = {}) {
  const apiKey = `live${randomBytes(24).toString("hex")}`;
  const secret = `sec${randomBytes(24).toString("hex")}`;
  stub.addAccount({
    apiKey,
    secret,
    balances: { BTC: { free: "0.6", locked: "0" }, USDT: { free: "1250.5", locked: "0" } },
    trades: [
      { symbol: "BTCUSDT", id: 101, orderId: 1, price: "50000", qty: "1", commission: "50", commissionAsset: "USDT", time: T0, isBuyer: true, isMaker: false },
      { symbol: "BTCUSDT", id: 102, orderId: 2, price: "60000", qty: "0.4", commission: "24", commissionAsset: "USDT", time: T0 + 86_400_000, isBuyer: false, isMaker: true },
    ],
    restrictions: { enableWithdrawals: options.withdrawals ?? false, enableSpotAndMarginTrading: true, ipRestrict: true },
  });
  return { apiKey, secret };
}

const addBody = (credentials: { apiKey: string; secret: string }, label = `Main ${randomBytes(3).toString("hex")}`) => ({
  exchange: "binance",
  label,
  apiKey: credentials.apiKey,
  apiSecret: credentials.secret,
});

async function keyCount(userId: string) {
  return (await db.select({ id: exchangeKeys.id }).from(exchangeKeys).where(eq(exchangeKeys.userId, userId))).length;
}

describe("exchange keys through the real ccxt client and a local Binance", () => {
  test("GET /exchanges lists the supported exchanges and their credentials", async () => {
    const { token } = await verifiedUser();
    const res = await call(listExchanges, "GET", "/api/v1/exchanges", { token });
    expect(res.body.data.map((e: { id: string }) => e.id)).toEqual(["binance", "bybit", "okx", "mexc", "coinbase", "kraken", "demo"]);
    expect(res.body.data.find((e: { id: string }) => e.id === "okx").credentials).toEqual(["apiKey", "apiSecret", "passphrase"]);
  });

  test("a good key: 201 with the masked key after a live test, stored encrypted; withdrawals produce a warning", async () => {
    const { token, userId } = await verifiedUser();
    const credentials = binanceAccount({ withdrawals: true });
    const res = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody(credentials) }));
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ exchange: "binance", status: "active", testnet: false, apiKeyMasked: `${credentials.apiKey.slice(0, 4)}…${credentials.apiKey.slice(-4)}` });
    expect(res.body.data.permissions).toMatchObject({ canWithdraw: true, canTrade: true, ipRestricted: true });
    expect(res.body.data.warnings.join(" ")).toMatch(/withdraw/i);
    const [row] = await db.select().from(exchangeKeys).where(eq(exchangeKeys.userId, userId));
    expect(row!.apiSecretCiphertext).toMatch(/^v\d+\./);
    expect(row!.apiSecretCiphertext).not.toContain(credentials.secret);
    expect(stub.requests.some((r) => r.path === "/api/v3/account" && r.status === 200)).toBe(true);
  });

  test("a wrong secret: 422 EXCHANGE_AUTH_FAILED and nothing stored", async () => {
    const { token, userId } = await verifiedUser();
    const credentials = binanceAccount();
    const res = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody({ apiKey: credentials.apiKey, secret: `${credentials.secret}x` }) }));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("EXCHANGE_AUTH_FAILED");
    expect(await keyCount(userId)).toBe(0);
  });

  test.each([
    ["down", 502, "EXCHANGE_UNAVAILABLE"],
    ["hang", 504, "EXCHANGE_TIMEOUT"],
  ] as const)("the exchange %s: %i %s and nothing stored", async (mode, status, code) => {
    const { token, userId } = await verifiedUser();
    const credentials = binanceAccount();
    stub.setMode(mode);
    const started = performance.now();
    const res = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody(credentials) }));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(performance.now() - started).toBeLessThan(12_000);
    expect(await keyCount(userId)).toBe(0);
  });

  test("an unverified email: 403 EMAIL_NOT_VERIFIED before anything is tested", async () => {
    const email = uniqueEmail();
    await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
    const session = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
    const res = await call(addKey, "POST", "/api/v1/exchange-keys", { token: session.body.data.accessToken, body: addBody(binanceAccount()) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("EMAIL_NOT_VERIFIED");
  });

  test("sync: balances and trades into a portfolio named after the exchange and label; a second sync adds nothing", async () => {
    const { token, userId } = await verifiedUser();
    const credentials = binanceAccount();
    const added = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody(credentials, "Spot") }));
    const keyId = added.body.data.id as string;

    const first = await track(call(syncKey, "POST", `/api/v1/exchange-keys/${keyId}/sync`, { token, params: { keyId } }));
    expect(first.status).toBe(200);
    expect(first.body.data).toMatchObject({ portfolioName: "Binance · Spot", addedTrades: 2 });
    expect(first.body.data.balances.map((b: { asset: string; quantity: string }) => [b.asset, b.quantity])).toEqual([
      ["BTC", "0.6"],
      ["USDT", "1250.5"],
    ]);
    expect(Number(first.body.data.totalValueUsd)).toBeGreaterThan(1250);

    const [portfolio] = await db.select().from(portfolios).where(eq(portfolios.exchangeKeyId, keyId));
    expect(portfolio).toMatchObject({ userId, name: "Binance · Spot", kind: "exchange" });
    const rows = await db.select().from(transactions).where(eq(transactions.portfolioId, portfolio!.id));
    expect(rows.filter((r) => r.externalId?.startsWith("trade:")).map((r) => [r.type, r.quantity, r.price, r.externalId])).toEqual([
      ["buy", "1", "50000", "trade:BTC/USDT:101"],
      ["sell", "0.4", "60000", "trade:BTC/USDT:102"],
    ]);
    // 1 − 0.4 = 0.6 BTC: the trades explain the balance; the USDT balance arrives as a transfer.
    expect(rows.filter((r) => r.symbol === "BTC" && r.type.startsWith("transfer"))).toEqual([]);
    expect(rows.find((r) => r.symbol === "USDT")).toMatchObject({ type: "transfer_in", quantity: "1250.5" });

    const second = await track(call(syncKey, "POST", `/api/v1/exchange-keys/${keyId}/sync`, { token, params: { keyId } }));
    expect(second.body.data).toMatchObject({ addedTrades: 0, addedTransfers: 0 });
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, portfolio!.id))).toHaveLength(rows.length);
  });

  test("re-testing a key the exchange now rejects marks it invalid; the list shows it masked", async () => {
    const { token } = await verifiedUser();
    const credentials = binanceAccount();
    const added = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody(credentials) }));
    const keyId = added.body.data.id as string;
    const ok = await track(call(testKey, "POST", `/api/v1/exchange-keys/${keyId}/test`, { token, params: { keyId } }));
    expect(ok.body.data).toMatchObject({ ok: true, key: { status: "active" } });
    stub.addAccount({ apiKey: credentials.apiKey, secret: "rotated-on-the-exchange" });
    const rejected = await track(call(testKey, "POST", `/api/v1/exchange-keys/${keyId}/test`, { token, params: { keyId } }));
    expect(rejected.body.data).toMatchObject({ ok: false, key: { status: "invalid" }, error: { code: "EXCHANGE_AUTH_FAILED" } });
    const list = await track(call(listKeys, "GET", "/api/v1/exchange-keys", { token }));
    expect(list.body.data[0]).toMatchObject({ id: keyId, status: "invalid" });
  });

  test("another user's key answers 404 to test, sync and delete; delete removes the ciphertext", async () => {
    const alice = await verifiedUser();
    const bob = await verifiedUser();
    const added = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token: alice.token, body: addBody(binanceAccount()) }));
    const keyId = added.body.data.id as string;
    for (const [handler, path] of [
      [testKey, `/api/v1/exchange-keys/${keyId}/test`],
      [syncKey, `/api/v1/exchange-keys/${keyId}/sync`],
      [deleteKey, `/api/v1/exchange-keys/${keyId}`],
    ] as const) {
      const res = await call(handler, handler === deleteKey ? "DELETE" : "POST", path, { token: bob.token, params: { keyId } });
      expect(res.status).toBe(404);
    }
    expect((await call(deleteKey, "DELETE", `/api/v1/exchange-keys/${keyId}`, { token: alice.token, params: { keyId } })).status).toBe(200);
    expect(await db.select().from(exchangeKeys).where(eq(exchangeKeys.id, keyId))).toEqual([]);
  });

  test("the secret is never in clear: not in a full database dump, not in the logs, not in any response", async () => {
    const { token } = await verifiedUser();
    const credentials = binanceAccount();
    const added = await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody(credentials, "Dump check") }));
    await track(call(syncKey, "POST", `/api/v1/exchange-keys/${added.body.data.id}/sync`, { token, params: { keyId: added.body.data.id } }));
    await track(call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody({ apiKey: credentials.apiKey, secret: "wrong-secret-value-123" }) }));

    let dump: string;
    if (env.databaseUrl) {
      dump = execFileSync("pg_dump", ["--data-only", "--no-owner", env.databaseUrl], { encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    } else {
      const tables = await queryRows<{ tablename: string }>(sql`select tablename from pg_tables where schemaname = 'public'`);
      const parts: string[] = [];
      for (const { tablename } of tables) {
        const rows = await queryRows<{ row: unknown }>(sql.raw(`select row_to_json(t)::text as row from "${tablename}" t`));
        parts.push(...rows.map((r) => String(r.row)));
      }
      dump = parts.join("\n");
    }
    expect(dump).toContain("Dump check");
    for (const secret of [credentials.secret, credentials.apiKey]) {
      expect(dump).not.toContain(secret);
      expect(logged.join("")).not.toContain(secret);
      expect(responses.join("\n")).not.toContain(secret);
    }
  });

  test("the daily re-test marks a key the exchange now rejects invalid and tells its owner in the app and by email", async () => {
    const smtp = await startSmtpCapture();
    try {
      const { token, userId } = await verifiedUser();
      const credentials = binanceAccount();
      const added = await call(addKey, "POST", "/api/v1/exchange-keys", { token, body: addBody(credentials, "Nightly") });
      stub.addAccount({ apiKey: credentials.apiKey, secret: "revoked-on-the-exchange" });
      const report = await retestAllExchangeKeys();
      expect(report.invalidated).toBeGreaterThanOrEqual(1);
      const [row] = await db.select({ status: exchangeKeys.status }).from(exchangeKeys).where(eq(exchangeKeys.id, added.body.data.id));
      expect(row!.status).toBe("invalid");
      const notes = await db.select().from(notifications).where(eq(notifications.userId, userId));
      expect(notes).toEqual([expect.objectContaining({ type: "exchange_key.invalid", title: expect.stringContaining("Nightly") })]);
      const [owner] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      const mail = await smtp.lastTo(owner!.email, "stopped working|no longer works|invalid|Nightly");
      expect(mail.raw).toMatch(/Nightly/);
    } finally {
      await smtp.stop();
    }
  });
});
