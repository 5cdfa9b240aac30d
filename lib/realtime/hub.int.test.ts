import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, describe, expect, test } from "vitest";
import type { UserTier } from "@/lib/auth/tokens";
import { CHANNELS, type StreamChannel } from "@/lib/market/events";
import { getRedis } from "@/lib/redis";
import { getBus } from "./bus";
import { StreamHub, type HubOptions } from "./hub";
import { readSse, type SseEvent, type SseReader } from "./sse-reader";

// The hub on its own, with a session check the test controls. Runs on the in-process bus and, in the
// postgres+redis project, on Redis (where two hubs in one process stand in for two instances).

const hubs: StreamHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.close()));
});

type Sessions = Map<string, { userId: string; tier: UserTier } | null>;

function createHub(sessions: Sessions = new Map(), options: Partial<HubOptions> = {}) {
  const hub = new StreamHub({
    bus: getBus(),
    redis: getRedis(),
    lookupSessions: async (sessionIds) => new Map(sessionIds.map((sessionId) => [sessionId, sessions.get(sessionId) ?? null])),
    ...options,
  });
  hubs.push(hub);
  return hub;
}

// Premium by default: it has no signal delay, so these tests see a signal as soon as it is published.
function viewer(tier: UserTier = "premium") {
  return { userId: randomUUID(), sessionId: randomUUID(), tier };
}

async function connect(hub: StreamHub, auth: ReturnType<typeof viewer>, channels: StreamChannel[], lastEventId?: string) {
  const controller = new AbortController();
  const sse = readSse(hub.open({ auth, channels, lastEventId, signal: controller.signal }));
  await sse.until((e) => e.event === "ready");
  return { sse, abort: () => controller.abort() };
}

const tag = () => randomBytes(4).toString("hex");
const signal = (id: string, minTier: UserTier = "free") => ({ signal: { id, minTier, createdAt: new Date().toISOString() } });
const isSignal = (id: string) => (e: SseEvent) => e.event === "signal" && (JSON.parse(e.data) as { id: string }).id === id;

async function publishUntilSeen(sse: SseReader, channel: string, make: () => unknown, match: (e: SseEvent) => boolean) {
  for (let attempt = 0; attempt < 50; attempt++) {
    await getBus().publish(channel, make());
    try {
      return await sse.until(match, 200);
    } catch {
      // the subscription may not be in place yet (Redis)
    }
  }
  throw new Error("never arrived");
}

describe("StreamHub", () => {
  test("sends a heartbeat comment when a stream has been silent", async () => {
    const hub = createHub(new Map(), { heartbeatMs: 40 });
    const { sse } = await connect(hub, viewer(), ["pumps"]);
    const item = await sse.next({ comments: true, timeoutMs: 2_000 });
    expect(item).toEqual({ kind: "comment", text: "heartbeat" });
  });

  test("the periodic session check ends a stream whose session died, and picks up a new tier", async () => {
    const sessions: Sessions = new Map();
    const hub = createHub(sessions, { sessionCheckMs: 50 });
    const alive = viewer("premium");
    const doomed = viewer("premium");
    sessions.set(alive.sessionId, { userId: alive.userId, tier: "premium" });
    sessions.set(doomed.sessionId, { userId: doomed.userId, tier: "premium" });
    const a = await connect(hub, alive, ["signals"]);
    const d = await connect(hub, doomed, ["signals"]);
    const id = tag();
    await publishUntilSeen(a.sse, CHANNELS.signals, () => signal(`${id}-warm`), isSignal(`${id}-warm`));

    sessions.set(doomed.sessionId, null);
    sessions.set(alive.sessionId, { userId: alive.userId, tier: "vip" });
    const [end] = (await d.sse.until((e) => e.event === "end", 3_000)).slice(-1);
    expect(JSON.parse(end!.data)).toEqual({ reason: "session_ended" });
    expect(await d.sse.next()).toBeNull();
    // Give the tier change one more check, then a vip-only signal reaches the upgraded client.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await getBus().publish(CHANNELS.signals, signal(`${id}-vip`, "vip"));
    await a.sse.until(isSignal(`${id}-vip`));
  });

  test("the sessions due at a tick are looked up together, in one call", async () => {
    let clock = Date.now();
    const sessions: Sessions = new Map();
    const calls: string[][] = [];
    const hub = createHub(sessions, {
      sessionCheckMs: 50,
      now: () => clock,
      lookupSessions: async (sessionIds) => {
        calls.push([...sessionIds].sort());
        return new Map(sessionIds.map((sessionId) => [sessionId, sessions.get(sessionId) ?? null]));
      },
    });
    const viewers = [viewer(), viewer(), viewer()];
    for (const v of viewers) sessions.set(v.sessionId, { userId: v.userId, tier: v.tier });
    sessions.set(viewers[2]!.sessionId, null);
    const streams = await Promise.all(viewers.map((v) => connect(hub, v, ["signals"])));
    expect(calls).toEqual([]);
    clock += 60;
    const [end] = (await streams[2]!.sse.until((e) => e.event === "end", 3_000)).slice(-1);
    expect(JSON.parse(end!.data)).toEqual({ reason: "session_ended" });
    expect(calls[0]).toEqual(viewers.map((v) => v.sessionId).sort());
    expect(hub.stats().clients).toBe(2);
  });

  // Pumps: no other test file publishes them, so nothing else piles up in this small buffer.
  test("a client that lets too many events pile up is ended (lagging) and can resume from its last id", async () => {
    const hub = createHub(new Map(), { maxPendingEvents: 2 });
    const slow = viewer();
    const probe = await connect(hub, viewer(), ["pumps"]);
    const id = tag();
    const pump = (name: string) => ({ pump: { id: `${id}-${name}` } });
    const isPump = (name: string) => (e: SseEvent) => e.event === "pump" && (JSON.parse(e.data) as { id: string }).id === `${id}-${name}`;
    await publishUntilSeen(probe.sse, CHANNELS.pumps, () => pump("warm"), isPump("warm"));
    // The slow client reads nothing after `ready` until the probe (reading all along) has seen all four:
    // the first pump fills its stream, two wait in its buffer, the fourth is one too many.
    const s = await connect(hub, slow, ["pumps"]);
    const probeSawAll = probe.sse.until(isPump("4"));
    for (let i = 1; i <= 4; i++) await getBus().publish(CHANNELS.pumps, pump(String(i)));
    await probeSawAll;
    const events = await s.sse.until((e) => e.event === "end");
    expect(events.map((e) => (e.event === "end" ? "end" : (JSON.parse(e.data) as { id: string }).id))).toEqual([`${id}-1`, "end"]);
    expect(JSON.parse(events.at(-1)!.data)).toEqual({ reason: "lagging" });

    const resumed = await connect(hub, slow, ["pumps"], events[0]!.id);
    const replayed = await resumed.sse.until(isPump("4"));
    expect(replayed.map((e) => (JSON.parse(e.data) as { id: string }).id)).toEqual([`${id}-2`, `${id}-3`, `${id}-4`]);
  });

  test("tier delays: premium at once, pro 5 min after creation, free after 30 min; each copy once, also on resume", async () => {
    const hub = createHub();
    const premium = await connect(hub, viewer("premium"), ["signals"]);
    const pro = viewer("pro");
    const proStream = await connect(hub, pro, ["signals"]);
    const free = await connect(hub, viewer("free"), ["signals"]);
    const id = tag();
    await publishUntilSeen(premium.sse, CHANNELS.signals, () => signal(`${id}-warm`), isSignal(`${id}-warm`));
    // Created 5 min minus 300 ms ago: due for pro in 300 ms, for free in about 25 min.
    const createdAt = new Date(Date.now() - 5 * 60_000 + 300).toISOString();
    const sentAt = Date.now();
    await getBus().publish(CHANNELS.signals, { signal: { id: `${id}-d`, minTier: "free", createdAt } });
    await premium.sse.until(isSignal(`${id}-d`));
    const [proEvent] = (await proStream.sse.until(isSignal(`${id}-d`), 3_000)).slice(-1);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(createdAt) + 5 * 60_000);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(250);
    // Long due for everyone: released to free at once.
    await getBus().publish(CHANNELS.signals, { signal: { id: `${id}-old`, minTier: "free", createdAt: new Date(Date.now() - 31 * 60_000).toISOString() } });
    const freeSaw = await free.sse.until(isSignal(`${id}-old`), 3_000);
    expect(freeSaw.filter((e) => e.data.includes(`${id}-d`))).toEqual([]);
    await proStream.sse.until(isSignal(`${id}-old`), 3_000);

    // A pro client resuming from before the delayed copy gets each signal once.
    proStream.abort();
    const resumed = await connect(hub, pro, ["signals"], `${Number(proEvent!.id!.split("-")[0]) - 1}-0`);
    const replayed = (await resumed.sse.until(isSignal(`${id}-old`), 3_000)).filter((e) => e.data.includes(id));
    expect(replayed.map((e) => (JSON.parse(e.data) as { id: string }).id)).toEqual([`${id}-d`, `${id}-old`]);
  });

  test("an aborted request unregisters its client", async () => {
    const hub = createHub();
    const c = await connect(hub, viewer(), ["tickers", "signals"]);
    expect(hub.stats()).toMatchObject({ clients: 1, byChannel: { tickers: 1, signals: 1, pumps: 0, notifications: 0 } });
    c.abort();
    expect(hub.stats()).toMatchObject({ clients: 0, byChannel: { tickers: 0, signals: 0 } });
  });

  test("a cancelled body unregisters its client", async () => {
    const hub = createHub();
    const c = await connect(hub, viewer(), ["pumps"]);
    await c.sse.cancel();
    expect(hub.stats().clients).toBe(0);
  });
});

describe.runIf(Boolean(getRedis()))("StreamHub across instances (Redis)", () => {
  test("every instance gives a message the same id, and a client resumes on an instance that never saw it", async () => {
    const first = createHub();
    const second = createHub();
    const user = viewer();
    const on1 = await connect(first, user, ["signals", "pumps"]);
    const on2 = await connect(second, viewer(), ["signals", "pumps"]);
    const id = tag();
    await publishUntilSeen(on1.sse, CHANNELS.signals, () => signal(`${id}-warm`), isSignal(`${id}-warm`));
    await on2.sse.until(isSignal(`${id}-warm`));

    await getBus().publish(CHANNELS.signals, signal(`${id}-a`));
    const [a1] = (await on1.sse.until(isSignal(`${id}-a`))).slice(-1);
    const [a2] = (await on2.sse.until(isSignal(`${id}-a`))).slice(-1);
    expect(a1!.id).toBe(a2!.id);
    on1.abort();

    await getBus().publish(CHANNELS.pumps, { pump: { id: `${id}-p` } });
    await getBus().publish(CHANNELS.signals, signal(`${id}-b`));
    await on2.sse.until(isSignal(`${id}-b`));

    // A third instance that started after these events: only the Redis log can answer.
    const third = createHub();
    const resumed = await connect(third, user, ["signals", "pumps"], a1!.id);
    const replayed = (await resumed.sse.until(isSignal(`${id}-b`))).filter((e) => e.data.includes(id));
    expect(replayed.map((e) => `${e.event}:${(JSON.parse(e.data) as { id: string }).id}`)).toEqual([`pump:${id}-p`, `signal:${id}-b`]);
  });
});
