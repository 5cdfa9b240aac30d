import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import type { UserTier } from "@/lib/auth/tokens";
import { SOCKET_ADDRESS_HEADER } from "@/lib/api/client-ip";
import { revokeSession } from "@/lib/auth/sessions";
import { CHANNELS, type TickerBatch, type TickerEvent } from "@/lib/market/events";
import { createNotification } from "@/lib/notifications/queries";
import { getBus } from "@/lib/realtime/bus";
import { compareEventIds, parseEventId } from "@/lib/realtime/event-id";
import { closeHub, getHubStats } from "@/lib/realtime/hub";
import { readSse, type SseEvent, type SseReader } from "@/lib/realtime/sse-reader";
import { createStreamTicket } from "@/lib/realtime/tickets";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { POST as login } from "../auth/login/route";
import { POST as register } from "../auth/register/route";
import { GET as stream } from "./route";
import { POST as ticketRoute } from "./ticket/route";

type Opened = { res: Response; sse: SseReader; abort: () => void };

const opened: Opened[] = [];

afterAll(async () => {
  for (const o of opened) o.abort();
  await closeHub();
});

async function account(tier: UserTier = "free") {
  const email = uniqueEmail("stream");
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  if (tier !== "free") await db.update(users).set({ tier }).where(eq(users.email, email));
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip: uniqueIp() });
  expect(res.status).toBe(200);
  const token = res.body.data.accessToken as string;
  const { sid } = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sid: string };
  return { token, userId: res.body.data.user.id as string, sessionId: sid };
}

async function open(query: Record<string, string>, options: { token?: string; headers?: Record<string, string> } = {}): Promise<Opened> {
  const url = new URL("http://localhost/api/v1/stream");
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const controller = new AbortController();
  const headers = new Headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.1", ...options.headers });
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  const res = await stream(new Request(url, { headers, signal: controller.signal }));
  const o = { res, sse: readSse(res.body!), abort: () => controller.abort() };
  opened.push(o);
  return o;
}

async function openReady(query: Record<string, string>, token: string, headers?: Record<string, string>) {
  const o = await open(query, { token, headers });
  expect(o.res.status).toBe(200);
  await o.sse.until((e) => e.event === "ready");
  return o;
}

const symbol = () => `T${randomBytes(3).toString("hex").toUpperCase()}-USDT`;
let sequence = 0;

function quote(sym: string, last: number): TickerEvent {
  return { exchange: "demo", symbol: sym, last, bid: null, ask: null, open24h: null, high24h: null, low24h: null, change24hPct: null, volume24h: null, quoteVolume24h: null, timestamp: Date.now() };
}

const batch = (tickers: TickerEvent[]): TickerBatch => ({ exchange: "demo", sequence: ++sequence, publishedAt: Date.now(), tickers });
const publish = (channel: string, message: unknown) => getBus().publish(channel, message);
const tickersOf = (event: SseEvent) => (event.event === "tickers" ? (JSON.parse(event.data) as TickerEvent[]) : []);
const hasQuote = (sym: string, last?: number) => (event: SseEvent) => tickersOf(event).some((t) => t.symbol === sym && (last === undefined || t.last === last));

// With Redis the hub's SUBSCRIBE may still be on its way when a test first publishes: publish until seen.
async function publishUntilSeen(sse: SseReader, make: () => [string, unknown], match: (event: SseEvent) => boolean) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await publish(...make());
    try {
      return await sse.until(match, 200);
    } catch {
      // not yet
    }
  }
  throw new Error("the published message never arrived");
}

describe("GET /api/v1/stream", () => {
  test("answers 401 in the envelope without credentials, and 400 for an unknown channel", async () => {
    const anonymous = await call(stream, "GET", "/api/v1/stream");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ success: false, error: { code: "UNAUTHENTICATED" } });
    expect(anonymous.headers.get("x-request-id")).toBeTruthy();
    const { token } = await account();
    const bad = await call(stream, "GET", "/api/v1/stream", { token, query: { channels: "tickers,orders" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_ERROR");
    expect(bad.body.error.details?.[0]?.message).toContain('"orders"');
  });

  test("streams with SSE headers: ready, then a published ticker batch", async () => {
    const { token } = await account();
    const o = await open({ channels: "tickers" }, { token });
    expect(o.res.status).toBe(200);
    expect(o.res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(o.res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(o.res.headers.get("x-accel-buffering")).toBe("no");
    expect(o.res.headers.get("x-request-id")).toBeTruthy();
    const ready = (await o.sse.until((e) => e.event === "ready")).at(-1);
    expect(JSON.parse(ready!.data)).toMatchObject({ channels: ["tickers"] });
    expect(ready!.retry).toBeGreaterThanOrEqual(2_000);

    const sym = symbol();
    const seen = await publishUntilSeen(o.sse, () => [CHANNELS.tickers, batch([quote(sym, 101.5)])], hasQuote(sym));
    expect(tickersOf(seen.at(-1)!).find((t) => t.symbol === sym)).toMatchObject({ exchange: "demo", symbol: sym, last: 101.5 });
  });

  test("a client that does not read gets only the latest quote per symbol", async () => {
    const { token } = await account();
    const probe = await openReady({ channels: "tickers" }, token);
    const slow = await openReady({ channels: "tickers" }, token);
    const warm = symbol();
    let warmPrice = 0;
    await publishUntilSeen(probe.sse, () => [CHANNELS.tickers, batch([quote(warm, ++warmPrice)])], hasQuote(warm));
    // The slow stream now holds one unread write: it is backed up from here on.
    const [x, y] = [symbol(), symbol()];
    const droppedBefore = getHubStats().droppedTickerUpdates;
    for (let price = 1; price <= 5; price++) await publish(CHANNELS.tickers, batch([quote(x, price), quote(y, price)]));
    await probe.sse.until(hasQuote(x, 5));
    expect(getHubStats().droppedTickerUpdates - droppedBefore).toBeGreaterThanOrEqual(8);

    const events = await slow.sse.until(hasQuote(x));
    const last = events.at(-1)!;
    expect(tickersOf(last).filter((t) => t.symbol === x || t.symbol === y).map((t) => [t.symbol, t.last])).toEqual([
      [x, 5],
      [y, 5],
    ]);
    expect(events.filter(hasQuote(x))).toHaveLength(1);
  });

  test("a sixth stream of one user ends the oldest with event: end", async () => {
    const { token } = await account();
    const streams: Opened[] = [];
    for (let i = 0; i < 5; i++) streams.push(await openReady({ channels: "tickers" }, token));
    const sixth = await openReady({ channels: "tickers" }, token);
    const end = (await streams[0]!.sse.until((e) => e.event === "end")).at(-1);
    expect(JSON.parse(end!.data)).toEqual({ reason: "stream_limit" });
    expect(await streams[0]!.sse.next()).toBeNull();
    // The others stay open: they still get tickers.
    const sym = symbol();
    await publishUntilSeen(sixth.sse, () => [CHANNELS.tickers, batch([quote(sym, 1)])], hasQuote(sym));
    for (const o of streams.slice(1)) await o.sse.until(hasQuote(sym));
  });

  test("revoking the session ends its streams", async () => {
    const { token, userId, sessionId } = await account();
    const o = await openReady({ channels: "tickers,notifications" }, token);
    const clientsBefore = getHubStats().clients;
    await revokeSession({ userId, sessionId, reason: "test" });
    const end = (await o.sse.until((e) => e.event === "end")).at(-1);
    expect(JSON.parse(end!.data)).toEqual({ reason: "session_revoked" });
    expect(await o.sse.next()).toBeNull();
    expect(getHubStats().clients).toBe(clientsBefore - 1);
    const again = await open({}, { token });
    expect(again.res.status).toBe(401);
  });

  test("Last-Event-ID replays the missed signals and the user's own notifications, nothing else", async () => {
    // Premium: no signal delay (lib/tiers.ts), so a signal created now is sent at once.
    const alice = await account("premium");
    const bob = await account("premium");
    const a1 = await openReady({ channels: "notifications,signals" }, alice.token);
    const probe = await openReady({ channels: "signals" }, bob.token);
    const tag = randomBytes(4).toString("hex");
    const signal = (name: string, minTier = "free") => ({ signal: { id: `${tag}-${name}`, symbol: "BTC-USDT", minTier, createdAt: new Date().toISOString() } });
    await publishUntilSeen(probe.sse, () => [CHANNELS.signals, signal("warm-up")], (e) => e.data.includes(`${tag}-warm-up`));

    await createNotification({ userId: alice.userId, type: "test", title: `${tag}-n1`, body: "first" });
    const [n1] = (await a1.sse.until((e) => e.event === "notification")).slice(-1);
    expect(JSON.parse(n1!.data)).toMatchObject({ title: `${tag}-n1`, userId: alice.userId });
    expect(n1!.id).toMatch(/^\d+-\d+$/);
    a1.abort();

    await createNotification({ userId: alice.userId, type: "test", title: `${tag}-n2`, body: "missed" });
    await createNotification({ userId: bob.userId, type: "test", title: `${tag}-bob`, body: "not alice's" });
    await publish(CHANNELS.signals, signal("s1"));
    await publish(CHANNELS.signals, signal("vip-only", "vip"));
    await createNotification({ userId: alice.userId, type: "test", title: `${tag}-n3`, body: "missed too" });
    await publish(CHANNELS.signals, signal("s2"));
    await probe.sse.until((e) => e.event === "signal" && e.data.includes(`${tag}-s2`));

    const a2 = await openReady({ channels: "notifications,signals" }, alice.token, { "last-event-id": n1!.id });
    // Other test files may publish signals on the same bus meanwhile: keep this test's own.
    const replayed = (await a2.sse.until((e) => e.data.includes(`${tag}-s2`))).filter((e) => e.data.includes(tag));
    const names = replayed.map((e) => {
      const data = JSON.parse(e.data) as { title?: string; id?: string };
      return `${e.event}:${data.title ?? data.id}`;
    });
    expect(names).toEqual([`notification:${tag}-n2`, `signal:${tag}-s1`, `notification:${tag}-n3`, `signal:${tag}-s2`]);
    const ids = [n1!, ...replayed].map((e) => parseEventId(e.id)!);
    for (let i = 1; i < ids.length; i++) expect(compareEventIds(ids[i - 1]!, ids[i]!)).toBeLessThan(0);

    // Live events continue after the replay, without repeats.
    await createNotification({ userId: alice.userId, type: "test", title: `${tag}-n4`, body: "live" });
    const after = await a2.sse.until((e) => e.event === "notification");
    expect(after.map((e) => JSON.parse(e.data).title)).toEqual([`${tag}-n4`]);
  });
});

describe("POST /api/v1/stream/ticket", () => {
  test("a ticket opens one stream, once; without a session there is no ticket", async () => {
    const { token } = await account();
    const anonymous = await call(ticketRoute, "POST", "/api/v1/stream/ticket");
    expect(anonymous.status).toBe(401);
    const issued = await call(ticketRoute, "POST", "/api/v1/stream/ticket", { token });
    expect(issued.status).toBe(201);
    expect(issued.body.data).toEqual({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresIn: 60 });
    const first = await open({ ticket: issued.body.data.ticket, channels: "tickers" });
    expect(first.res.status).toBe(200);
    await first.sse.until((e) => e.event === "ready");
    const second = await call(stream, "GET", "/api/v1/stream", { query: { ticket: issued.body.data.ticket } });
    expect(second.status).toBe(401);
    expect(second.body.error.code).toBe("UNAUTHENTICATED");
  });

  test("a ticket expires", async () => {
    const { userId, sessionId } = await account();
    const { ticket } = await createStreamTicket({ userId, sessionId }, { ttlMs: 50 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    const late = await call(stream, "GET", "/api/v1/stream", { query: { ticket } });
    expect(late.status).toBe(401);
  });

  test("a ticket dies with its session", async () => {
    const { userId, sessionId } = await account();
    const { ticket } = await createStreamTicket({ userId, sessionId });
    await revokeSession({ userId, sessionId, reason: "test" });
    const res = await call(stream, "GET", "/api/v1/stream", { query: { ticket } });
    expect(res.status).toBe(401);
  });
});
