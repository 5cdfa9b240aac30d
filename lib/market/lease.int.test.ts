import { randomInt, randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import postgres from "postgres";
import { afterEach, describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { getRedis } from "@/lib/redis";
import { createAdvisoryLease, createRedisLease, startLeaseLoop, type AdvisoryKey, type Lease, type LeaseLoop } from "./lease";

const until = async (check: () => boolean, timeoutMs = 5_000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
};

const advisoryKey = (): AdvisoryKey => [0x7470, randomInt(1, 2 ** 30)];
const id = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const run of cleanup.splice(0).reverse()) await run().catch(() => {});
});

type Contender = { lease: Lease; loop: LeaseLoop; events: string[] };

function contend(lease: Lease, renewMs: number): Contender {
  const events: string[] = [];
  const loop = startLeaseLoop({ lease, renewMs, onAcquire: () => void events.push("acquired"), onLose: (reason) => void events.push(`lost: ${reason}`) });
  cleanup.push(async () => {
    await loop.stop();
    await lease.close();
  });
  return { lease, loop, events };
}

type Factory = { name: string; skip: boolean; make: (instanceId: string, key: string, ttlMs: number) => Lease };
const advisory = (() => {
  const keys = new Map<string, AdvisoryKey>();
  return (instanceId: string, key: string) => {
    if (!keys.has(key)) keys.set(key, advisoryKey());
    return createAdvisoryLease({ instanceId, key: keys.get(key)! });
  };
})();

const factories: Factory[] = [
  { name: env.databaseUrl ? "postgres advisory lock" : "pglite advisory lock", skip: false, make: (instanceId, key) => advisory(instanceId, key) },
  { name: "redis", skip: !env.redisUrl, make: (instanceId, key, ttlMs) => createRedisLease({ redis: getRedis()!, instanceId, key, ttlMs }) },
];

describe.each(factories)("lease: $name", ({ make, skip }) => {
  test.skipIf(skip)("two contenders: only one holds; release hands it over", async () => {
    const key = `lease-test:${randomUUID()}`;
    const a = make(id("a"), key, 5_000);
    const b = make(id("b"), key, 5_000);
    cleanup.push(() => a.close(), () => b.close());
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.acquire()).toBe(true);
    expect(await a.renew()).toBe(true);
    expect(await b.renew()).toBe(false);
    await b.release();
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await a.renew()).toBe(false);
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
    await b.release();
  });

  test.skipIf(skip)("loops: exactly one ingests; when the holder dies the other takes over", async () => {
    const key = `lease-test:${randomUUID()}`;
    const ttlMs = 400;
    const renewMs = 100;
    const a = contend(make(id("a"), key, ttlMs), renewMs);
    await until(() => a.loop.isHolder());
    const b = contend(make(id("b"), key, ttlMs), renewMs);
    await new Promise((resolve) => setTimeout(resolve, 3 * renewMs));
    expect(a.loop.isHolder()).toBe(true);
    expect(b.loop.isHolder()).toBe(false);
    expect(b.events).toEqual([]);

    // A crashes: it stops renewing and never releases; its connection (if any) goes away.
    await a.loop.stop({ release: false });
    await a.lease.close();
    const waited = await until(() => b.loop.isHolder(), ttlMs + 5 * renewMs);
    expect(b.events).toEqual(["acquired"]);
    if (a.lease.ttlMs !== null) expect(waited).toBeLessThanOrEqual(ttlMs + 2 * renewMs + 100);

    // B stops cleanly: it releases, and a new contender gets the lease on its first attempt.
    await b.loop.stop();
    expect(b.events).toEqual(["acquired", "lost: stopped"]);
    const c = contend(make(id("c"), key, ttlMs), renewMs);
    await until(() => c.loop.isHolder(), 2 * renewMs);
  });
});

describe.skipIf(!env.redisUrl)("redis lease details", () => {
  test("the key carries the app's prefix and the holder's id; renew and release only touch its own", async () => {
    const key = `lease-test:${randomUUID()}`;
    const raw = new Redis(env.redisUrl!, { maxRetriesPerRequest: 1 });
    cleanup.push(() => raw.quit());
    const lease = createRedisLease({ redis: getRedis()!, instanceId: "me", key, ttlMs: 10_000 });
    expect(await lease.acquire()).toBe(true);
    expect(await raw.get(`${env.redisKeyPrefix}${key}`)).toBe("me");
    const ttl = await raw.pttl(`${env.redisKeyPrefix}${key}`);
    expect(ttl).toBeGreaterThan(9_000);
    expect(ttl).toBeLessThanOrEqual(10_000);
    await raw.set(`${env.redisKeyPrefix}${key}`, "someone-else", "PX", 10_000);
    expect(await lease.renew()).toBe(false);
    await lease.release();
    expect(await raw.get(`${env.redisKeyPrefix}${key}`)).toBe("someone-else");
    await raw.del(`${env.redisKeyPrefix}${key}`);
  });

  test("a holder that cannot reach Redis keeps the lease only until its TTL would have run out", async () => {
    let reachable = true;
    let calls = 0;
    const lease: Lease = {
      kind: "redis",
      instanceId: "flaky",
      ttlMs: 300,
      acquire: async () => true,
      renew: async () => {
        calls++;
        if (!reachable) throw new Error("ECONNREFUSED");
        return true;
      },
      release: async () => {},
      close: async () => {},
    };
    const holder = contend(lease, 50);
    await until(() => holder.loop.isHolder());
    reachable = false;
    const startedFailing = calls;
    const waited = await until(() => holder.events.length === 2, 2_000);
    expect(holder.events).toEqual(["acquired", "lost: lease store unreachable"]);
    expect(calls).toBeGreaterThan(startedFailing + 2);
    expect(waited).toBeGreaterThanOrEqual(150);
  });
});

describe.skipIf(!env.databaseUrl)("postgres advisory lease details", () => {
  test("a killed holder connection frees the lock for the next contender", async () => {
    const key = advisoryKey();
    const a = createAdvisoryLease({ instanceId: id("killed"), key });
    const b = createAdvisoryLease({ instanceId: id("next"), key });
    cleanup.push(() => a.close(), () => b.close());
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    const admin = postgres(env.databaseUrl!, { max: 1, onnotice: () => {} });
    cleanup.push(() => admin.end());
    const killed = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where application_name = ${`tradepulse-lease:${a.instanceId}`}`;
    expect(killed).toHaveLength(1);
    let taken = false;
    for (let attempt = 0; attempt < 50 && !taken; attempt++) {
      taken = await b.acquire();
      if (!taken) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(taken).toBe(true);
    // The old holder learns it lost: its renew fails (dead connection) or answers false (new session).
    expect(await a.renew().catch(() => false)).toBe(false);
  });
});
