import { createECDH, randomBytes } from "node:crypto";
import { EventEmitter, once } from "node:events";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { globalAgent, createServer } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { and, eq } from "drizzle-orm";
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import webpush from "web-push";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { alerts, notifications, pushSubscriptions, users } from "@/db/schema";
import { createAlertEvaluator, type FireOutcome } from "@/lib/alerts/run";
import { claimAlertFiring } from "@/lib/alerts/queries";
import { CHANNELS, type TickerBatch } from "@/lib/market/events";
import { getTicker } from "@/lib/market/quotes";
import { savePushSubscription } from "@/lib/notifications/push";
import { getBus, type Bus } from "@/lib/realtime/bus";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { startSmtpCapture } from "@/test/helpers/smtp";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as listNotifications } from "../notifications/route";
import { POST as markRead } from "../notifications/read/route";
import { GET as getPreferences, PUT as putPreferences } from "../notifications/preferences/route";
import { DELETE as unsubscribe, POST as subscribe } from "../push/subscriptions/route";
import { GET as vapidKey } from "../push/vapid-public-key/route";
import { DELETE as deleteAlert, GET as getAlert, PATCH as patchAlert } from "./[alertId]/route";
import { GET as list, POST as create } from "./route";

async function user() {
  const email = uniqueEmail("alerts");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  return { email, token: res.body.data.accessToken as string, id: res.body.data.user.id as string };
}

// A bus of this file's own: ticks published here reach only the evaluators of these tests, whatever
// other test files publish on the shared one.
function createTestBus(): Bus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: "memory",
    publish: async (channel, message) => void emitter.emit(channel, structuredClone(message)),
    subscribe: (channel, handler) => {
      emitter.on(channel, handler);
      return () => emitter.off(channel, handler);
    },
    close: async () => void emitter.removeAllListeners(),
  };
}

let sequence = 0;
async function tick(bus: Bus, symbol: string, last: number) {
  sequence += 1;
  const now = Date.now() + sequence; // strictly increasing quote times
  const batch: TickerBatch = {
    exchange: "demo",
    sequence,
    publishedAt: now,
    tickers: [{ exchange: "demo", symbol, last, bid: null, ask: null, open24h: null, high24h: null, low24h: null, change24hPct: null, volume24h: null, quoteVolume24h: null, timestamp: now }],
  };
  await bus.publish(CHANNELS.tickers, batch);
}

async function price(symbol: string) {
  return (await getTicker(symbol)).last;
}

async function notificationsOf(userId: string) {
  return db.select().from(notifications).where(eq(notifications.userId, userId));
}

const ids = (answer: { body: { data: { id: string }[] } }) => answer.body.data.map((item) => item.id);

describe("alert routes", () => {
  test("create, list, read, pause, resume, edit, delete; another user's alert is 404", async () => {
    const owner = await user();
    const stranger = await user();
    const btc = await price("BTC-USDT");
    const above = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "price_above", symbol: "btc/usdt", threshold: (btc * 1.1).toFixed(2), notifyEmail: true } });
    expect(above.status).toBe(201);
    expect(above.body.data).toMatchObject({ type: "price_above", symbol: "BTC-USDT", status: "active", isRepeating: false, cooldownMinutes: 60, notifyEmail: true, triggerCount: 0, lastTriggeredAt: null });
    const pct = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "pct_move", symbol: "ETH-USDT", threshold: 2.5, windowMinutes: 15, isRepeating: true, cooldownMinutes: 30 } });
    expect(pct.status).toBe(201);
    expect(pct.body.data.threshold).toBe("2.5");
    const signal = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "signal", symbol: "SOL-USDT", note: "watch" } });
    expect(signal.status).toBe(201);

    const page = await call(list, "GET", "/api/v1/alerts", { token: owner.token, query: { limit: "2" } });
    expect(page.status).toBe(200);
    expect(page.body.pagination).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2, hasMore: true });
    expect(ids(page)).toEqual([signal.body.data.id, pct.body.data.id]);
    const filtered = await call(list, "GET", "/api/v1/alerts", { token: owner.token, query: { symbol: "BTC-USDT" } });
    expect(ids(filtered)).toEqual([above.body.data.id]);

    const id = above.body.data.id as string;
    const paused = await call(patchAlert, "PATCH", `/api/v1/alerts/${id}`, { token: owner.token, params: { alertId: id }, body: { status: "paused" } });
    expect(paused.body.data.status).toBe("paused");
    const edited = await call(patchAlert, "PATCH", `/api/v1/alerts/${id}`, { token: owner.token, params: { alertId: id }, body: { status: "active", threshold: (btc * 1.2).toFixed(2), isRepeating: true, cooldownMinutes: 5 } });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ status: "active", isRepeating: true, cooldownMinutes: 5 });
    expect(Number(edited.body.data.threshold)).toBe(Number((btc * 1.2).toFixed(2)));

    for (const [handler, method, body] of [
      [getAlert, "GET", undefined],
      [patchAlert, "PATCH", { status: "paused" }],
      [deleteAlert, "DELETE", undefined],
    ] as const) {
      const res = await call(handler, method, `/api/v1/alerts/${id}`, { token: stranger.token, params: { alertId: id }, body });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    expect((await call(list, "GET", "/api/v1/alerts", { token: stranger.token })).body.data).toEqual([]);
    expect((await call(deleteAlert, "DELETE", `/api/v1/alerts/${id}`, { token: owner.token, params: { alertId: id } })).status).toBe(200);
    expect((await call(getAlert, "GET", `/api/v1/alerts/${id}`, { token: owner.token, params: { alertId: id } })).status).toBe(404);
  });

  test("validation: type-dependent fields, decimals, untracked symbols, thresholds already passed, tier limit", async () => {
    const { token } = await user();
    const post = (body: unknown) => call(create, "POST", "/api/v1/alerts", { token, body });
    const fields = (res: Awaited<ReturnType<typeof post>>) => (res.body.error.details ?? []).map((d: { field: string }) => d.field).sort();

    let res = await post({ type: "price_above", symbol: "BTC-USDT" });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(["threshold"]);
    res = await post({ type: "price_below", symbol: "BTC-USDT", threshold: "-5", windowMinutes: 10 });
    expect(fields(res)).toEqual(["threshold", "windowMinutes"]);
    res = await post({ type: "price_above", symbol: "BTC-USDT", threshold: "0" });
    expect(fields(res)).toEqual(["threshold"]);
    res = await post({ type: "pct_move", symbol: "BTC-USDT", threshold: "abc" });
    expect(fields(res)).toEqual(["threshold", "windowMinutes"]);
    res = await post({ type: "pct_move", symbol: "BTC-USDT", threshold: 5, windowMinutes: 5000 });
    expect(fields(res)).toEqual(["windowMinutes"]);
    res = await post({ type: "signal", symbol: "BTC-USDT", threshold: "1" });
    expect(fields(res)).toEqual(["threshold"]);
    res = await post({ type: "whatever", symbol: "BTC-USDT" });
    expect(fields(res)).toEqual(["type"]);
    res = await post({ type: "price_above", symbol: "BTC-USDT", threshold: "1", cooldownMinutes: 0 });
    expect(fields(res)).toEqual(["cooldownMinutes"]);

    res = await post({ type: "price_above", symbol: "NOPE-USDT", threshold: "1" });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");

    const btc = await price("BTC-USDT");
    res = await post({ type: "price_above", symbol: "BTC-USDT", threshold: (btc * 0.5).toFixed(2) });
    expect(res.status).toBe(400);
    expect(res.body.error.details![0]).toMatchObject({ field: "threshold", message: expect.stringMatching(/above the current price/) });
    res = await post({ type: "price_below", symbol: "BTC-USDT", threshold: (btc * 2).toFixed(2) });
    expect(res.status).toBe(400);

    // Free tier: 10 alerts.
    for (let i = 0; i < 10; i++) expect((await post({ type: "pump", symbol: "BTC-USDT" })).status).toBe(201);
    res = await post({ type: "pump", symbol: "BTC-USDT" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("TIER_REQUIRED");
  });
});

describe("firing", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp.stop();
  });

  test("a crossing fires exactly once: one notification, one email, the alert triggered", async () => {
    const owner = await user();
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, owner.id));
    const symbol = "BNB-USDT";
    const now = await price(symbol);
    const threshold = Number((now * 1.05).toFixed(2));
    const created = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "price_above", symbol, threshold: String(threshold), notifyEmail: true } });
    expect(created.status).toBe(201);
    const bus = createTestBus();
    const outcomes: FireOutcome[] = [];
    const evaluator = createAlertEvaluator({ bus, onFire: (outcome) => outcomes.push(outcome) });
    await evaluator.start();
    try {
      await tick(bus, symbol, threshold - 1);
      await tick(bus, symbol, threshold - 0.5);
      await evaluator.idle();
      expect(outcomes).toEqual([]);
      await tick(bus, symbol, threshold + 0.5);
      await tick(bus, symbol, threshold - 0.5);
      await tick(bus, symbol, threshold + 1);
      await evaluator.idle();
    } finally {
      await evaluator.stop();
    }
    expect(outcomes.map((o) => o.outcome)).toEqual(["fired"]);
    expect(outcomes[0]!.notify).toMatchObject({ email: "sent", push: null });
    const rows = await notificationsOf(owner.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: "alert", title: `${symbol} above ${threshold.toLocaleString("en-US")}`, readAt: null });
    expect(rows[0]!.data).toMatchObject({ alertId: created.body.data.id, symbol, price: threshold + 0.5 });
    const mail = await smtp.lastTo(owner.email, "alert");
    expect(mail.text).toContain(`${symbol} crossed above`);
    // Registration sent a verification email; the alert sent exactly one.
    expect(smtp.messages.filter((m) => m.to.includes(owner.email) && /crossed above/.test(m.text))).toHaveLength(1);
    const [row] = await db.select().from(alerts).where(eq(alerts.id, created.body.data.id));
    expect(row).toMatchObject({ status: "triggered", triggerCount: 1 });
    expect(row!.lastTriggeredAt).toBeInstanceOf(Date);

    // The notification API: unread list, mark read.
    const unread = await call(listNotifications, "GET", "/api/v1/notifications", { token: owner.token, query: { unread: "true" } });
    expect(unread.body.pagination.total).toBe(1);
    const read = await call(markRead, "POST", "/api/v1/notifications/read", { token: owner.token, body: { ids: [rows[0]!.id] } });
    expect(read.body.data).toEqual({ updated: 1, unreadCount: 0 });
    expect((await call(listNotifications, "GET", "/api/v1/notifications", { token: owner.token, query: { unread: "true" } })).body.data).toEqual([]);
    expect((await call(listNotifications, "GET", "/api/v1/notifications", { token: owner.token })).body.data).toHaveLength(1);
  });

  test("two evaluators on the same ticks: one claim wins, one notification", async () => {
    const owner = await user();
    const symbol = "XRP-USDT";
    const now = await price(symbol);
    const threshold = Number((now * 0.95).toFixed(4));
    const created = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "price_below", symbol, threshold: String(threshold) } });
    expect(created.status).toBe(201);
    const bus = createTestBus();
    const outcomes: FireOutcome[] = [];
    const first = createAlertEvaluator({ bus, onFire: (o) => outcomes.push(o) });
    const second = createAlertEvaluator({ bus, onFire: (o) => outcomes.push(o) });
    await Promise.all([first.start(), second.start()]);
    try {
      await tick(bus, symbol, threshold + 0.01);
      await tick(bus, symbol, threshold - 0.01);
      await Promise.all([first.idle(), second.idle()]);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["fired", "lost"]);
    expect(await notificationsOf(owner.id)).toHaveLength(1);

    // The claim itself, raced directly on a fresh repeating alert: exactly one winner.
    const [repeating] = await db.insert(alerts).values({ userId: owner.id, type: "signal", symbol, isRepeating: true, cooldownMinutes: 10 }).returning();
    const claims = await Promise.all(Array.from({ length: 5 }, () => claimAlertFiring({ alertId: repeating!.id, now: new Date() })));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  test("a repeating alert respects its cooldown across evaluators and restarts; changes reach running evaluators", async () => {
    const owner = await user();
    const symbol = "SOL-USDT";
    const now = await price(symbol);
    const threshold = Number((now * 1.1).toFixed(2));
    const bus = createTestBus();
    // Alert changes published on the app's bus are forwarded to this test's bus.
    const forward = getBus().subscribe(CHANNELS.alerts, (message) => void bus.publish(CHANNELS.alerts, message));
    const outcomes: FireOutcome[] = [];
    const evaluator = createAlertEvaluator({ bus, onFire: (o) => outcomes.push(o) });
    await evaluator.start();
    try {
      const created = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "price_above", symbol, threshold: String(threshold), isRepeating: true, cooldownMinutes: 5 } });
      const alertId = created.body.data.id as string;
      await expect.poll(() => evaluator.book.get(alertId)?.threshold).toBe(threshold);
      await tick(bus, symbol, threshold - 1);
      await tick(bus, symbol, threshold + 1);
      await tick(bus, symbol, threshold - 1);
      await tick(bus, symbol, threshold + 1); // within the cooldown
      await evaluator.idle();
      expect(outcomes.map((o) => o.outcome)).toEqual(["fired"]);

      // A new evaluator (a restart, or another instance) loads the cooldown from the database.
      const restarted = createAlertEvaluator({ bus, onFire: (o) => outcomes.push(o) });
      await restarted.start();
      expect(restarted.book.get(alertId)!.quietUntilMs).toBeGreaterThan(Date.now() + 4 * 60_000);
      await restarted.stop();

      // Six minutes on, the next crossing fires again.
      const later = createAlertEvaluator({ bus, now: () => Date.now() + 6 * 60_000, onFire: (o) => outcomes.push(o) });
      await evaluator.stop();
      await later.start();
      await tick(bus, symbol, threshold - 1);
      await tick(bus, symbol, threshold + 1);
      await later.idle();
      await later.stop();
      expect(outcomes.map((o) => o.outcome)).toEqual(["fired", "fired"]);
      const [row] = await db.select().from(alerts).where(eq(alerts.id, alertId));
      expect(row).toMatchObject({ status: "active", triggerCount: 2 });
      expect(await notificationsOf(owner.id)).toHaveLength(2);

      // Paused on the API: the running evaluator drops it.
      const started = createAlertEvaluator({ bus, now: () => Date.now() + 20 * 60_000 });
      await started.start();
      await call(patchAlert, "PATCH", `/api/v1/alerts/${alertId}`, { token: owner.token, params: { alertId }, body: { status: "paused" } });
      await expect.poll(() => started.book.get(alertId)).toBeUndefined();
      await started.stop();
    } finally {
      forward();
      await evaluator.stop();
    }
  });

  test("in-app preference off: no notification row; a pump alert still sends its email", async () => {
    const owner = await user();
    await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, owner.id));
    const prefs = await call(putPreferences, "PUT", "/api/v1/notifications/preferences", { token: owner.token, body: { preferences: [{ type: "alert", inApp: false, email: true, push: false }] } });
    expect(prefs.status).toBe(200);
    expect(prefs.body.data.find((p: { type: string }) => p.type === "alert")).toMatchObject({ inApp: false, email: true, push: false });
    const got = await call(getPreferences, "GET", "/api/v1/notifications/preferences", { token: owner.token });
    expect(got.body.data.map((p: { type: string }) => p.type)).toContain("security");
    const bad = await call(putPreferences, "PUT", "/api/v1/notifications/preferences", { token: owner.token, body: { preferences: [{ type: "nope", inApp: true, email: true, push: true }] } });
    expect(bad.status).toBe(400);

    const created = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "pump", symbol: "DOGE-USDT" } });
    expect(created.status).toBe(201);
    const bus = createTestBus();
    const outcomes: FireOutcome[] = [];
    const evaluator = createAlertEvaluator({ bus, onFire: (o) => outcomes.push(o) });
    await evaluator.start();
    await bus.publish(CHANNELS.pumps, { pump: { symbol: "DOGE/USDT", direction: "pump", changePct: 6.1, windowMinutes: 15 } });
    await evaluator.idle();
    await evaluator.stop();
    expect(outcomes).toEqual([expect.objectContaining({ outcome: "fired", notify: { notificationId: null, email: "sent", push: null } })]);
    expect(await notificationsOf(owner.id)).toHaveLength(0);
    expect((await smtp.lastTo(owner.email, "Pump on DOGE-USDT")).text).toContain("+6.10 %");
  });
});

type CapturedPush = { url: string; headers: IncomingMessage["headers"]; body: Buffer };

describe("web push", () => {
  test("routes: subscribe validation, public key; a firing pushes an encrypted, VAPID-signed message; 410 removes the subscription", async () => {
    const owner = await user();
    // Routes first (env has no VAPID keys in tests).
    expect((await call(vapidKey, "GET", "/api/v1/push/vapid-public-key", { token: owner.token })).body.data).toEqual({ publicKey: null, isEnabled: false });
    const browserKeys = createECDH("prime256v1");
    const p256dh = browserKeys.generateKeys().toString("base64url");
    const auth = randomBytes(16).toString("base64url");
    const local = await call(subscribe, "POST", "/api/v1/push/subscriptions", { token: owner.token, body: { endpoint: "http://127.0.0.1:9/x", keys: { p256dh, auth } } });
    expect(local.status).toBe(400);
    const badKey = await call(subscribe, "POST", "/api/v1/push/subscriptions", { token: owner.token, body: { endpoint: "https://push.example.com/x", keys: { p256dh: "abc", auth } } });
    expect(badKey.body.error.details!.map((d: { field: string }) => d.field)).toEqual(["keys.p256dh"]);
    const stored = await call(subscribe, "POST", "/api/v1/push/subscriptions", { token: owner.token, body: { endpoint: "https://push.example.com/send/abc", keys: { p256dh, auth } } });
    expect(stored.status).toBe(201);
    expect((await call(unsubscribe, "DELETE", "/api/v1/push/subscriptions", { token: owner.token, body: { endpoint: "https://push.example.com/send/abc" } })).body.data).toEqual({ deleted: true });

    // A local push service over HTTPS (web-push speaks only HTTPS) with a throw-away certificate the
    // process trusts for this test: /live accepts, /gone answers 410 Gone.
    const dir = mkdtempSync(path.join(tmpdir(), "tp-push-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    const cert = readFileSync(path.join(dir, "cert.pem"));
    const trusted = globalAgent.options.ca;
    globalAgent.options.ca = cert;
    const received: CapturedPush[] = [];
    const server = createServer({ key: readFileSync(path.join(dir, "key.pem")), cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(req.url?.startsWith("/gone") ? 410 : 201).end();
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      // Stored through the lib: the route only accepts public https endpoints.
      await savePushSubscription({ userId: owner.id, input: { endpoint: `${origin}/live/1`, keys: { p256dh, auth } } });
      await savePushSubscription({ userId: owner.id, input: { endpoint: `${origin}/gone/2`, keys: { p256dh, auth } } });
      const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:ops@tradepulse.test" };
      const symbol = "ADA-USDT";
      const now = await price(symbol);
      const threshold = Number((now * 1.05).toFixed(4));
      const created = await call(create, "POST", "/api/v1/alerts", { token: owner.token, body: { type: "price_above", symbol, threshold: String(threshold), notifyPush: true } });
      const bus = createTestBus();
      const outcomes: FireOutcome[] = [];
      const evaluator = createAlertEvaluator({ bus, notifyDeps: { vapid, appUrl: "https://app.tradepulse.test" }, onFire: (o) => outcomes.push(o) });
      await evaluator.start();
      await tick(bus, symbol, threshold - 0.001);
      await tick(bus, symbol, threshold + 0.001);
      await evaluator.idle();
      await evaluator.stop();
      expect(outcomes[0]!.notify!.push).toEqual({ sent: 1, removed: 1, failed: 0 });
      expect(received.map((r) => r.url).sort()).toEqual(["/gone/2", "/live/1"]);
      const live = received.find((r) => r.url === "/live/1")!;
      expect(live.headers["content-encoding"]).toBe("aes128gcm");
      expect(live.headers.ttl).toBe("3600");
      expect(live.headers.urgency).toBe("high");

      // VAPID: "vapid t=<ES256 JWT>, k=<public key>", signed by our key, for the endpoint's origin.
      const match = /^vapid t=([^,]+), k=(.+)$/.exec(String(live.headers.authorization));
      expect(match).not.toBeNull();
      const [, jwt, k] = match!;
      expect(k).toBe(vapid.publicKey);
      expect(decodeProtectedHeader(jwt!).alg).toBe("ES256");
      const raw = Buffer.from(vapid.publicKey, "base64url");
      const key = await importJWK({ kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33, 65).toString("base64url") }, "ES256");
      const { payload: claims } = await jwtVerify(jwt!, key);
      expect(claims).toMatchObject({ aud: origin, sub: "mailto:ops@tradepulse.test" });
      expect(decodeJwt(jwt!).exp).toBeGreaterThan(Date.now() / 1000);

      // The body is encrypted to the browser's key: opaque on the wire, the alert once decrypted.
      expect(live.body.toString("utf8")).not.toContain(symbol);
      const ece = createRequire(import.meta.url)("http_ece") as { decrypt: (buffer: Buffer, options: Record<string, unknown>) => Buffer };
      const plain = ece.decrypt(live.body, { version: "aes128gcm", privateKey: browserKeys, authSecret: auth });
      expect(JSON.parse(plain.toString("utf8"))).toMatchObject({
        title: `${symbol} above ${threshold.toLocaleString("en-US", { maximumFractionDigits: 8 })}`,
        url: "https://app.tradepulse.test/alerts",
        data: { alertId: created.body.data.id, type: "alert" },
      });

      const left = await db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(and(eq(pushSubscriptions.userId, owner.id)));
      expect(left.map((row) => row.endpoint)).toEqual([`${origin}/live/1`]);
    } finally {
      globalAgent.options.ca = trusted;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
