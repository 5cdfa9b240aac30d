import "server-only";
import { sql as drizzleSql } from "drizzle-orm";
import type { Redis } from "ioredis";
import postgres from "postgres";
import { queryRows } from "@/db/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

// "Exactly one market ingester in the cluster": a lease that one instance holds at a time.
//
// - Redis: SET <prefix>market:ingester <instanceId> NX PX ttl takes it; the holder extends it every
//   renew interval with a compare-and-extend script (only while the value is still its own id) and
//   deletes it the same way on shutdown. A dead holder's key expires after the TTL, and the next
//   contender's attempt (every renew interval) takes it: hand-over within TTL + interval (15 + 5 s).
// - PostgreSQL without Redis: a session-level advisory lock held on a dedicated connection (max 1,
//   no lifetime limit, since closing it frees the lock). A dead holder's connection drops and the lock
//   with it; the others retry every interval.
// - PGlite: one process owns the data directory and there is a single session, in which advisory
//   locks are re-entrant; contenders of that one process are told apart in process memory.

export type Lease = {
  readonly kind: "redis" | "postgres" | "pglite";
  readonly instanceId: string;
  /** How long a successful acquire/renew keeps the lease without another; null = while the connection lives. */
  readonly ttlMs: number | null;
  /** Takes the lease if nobody holds it (true when this contender already does). */
  acquire(): Promise<boolean>;
  /** Confirms and extends the lease; false when it is no longer this contender's. */
  renew(): Promise<boolean>;
  /** Gives the lease up if held. */
  release(): Promise<void>;
  /** Frees the contender's resources without releasing first (a crash looks the same to the others). */
  close(): Promise<void>;
};

export const LEASE_KEY = "market:ingester";
export const LEASE_TTL_MS = 15_000;
export const LEASE_RENEW_MS = 5_000;

const RENEW_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/** The key is prefixed by the client (env.redisKeyPrefix for the app's client). */
export function createRedisLease({ redis, instanceId, key = LEASE_KEY, ttlMs = LEASE_TTL_MS }: { redis: Redis; instanceId: string; key?: string; ttlMs?: number }): Lease {
  return {
    kind: "redis",
    instanceId,
    ttlMs,
    acquire: async () => {
      if ((await redis.set(key, instanceId, "PX", ttlMs, "NX")) === "OK") return true;
      // Already ours (for example after a renew that timed out but went through): extend it.
      return Number(await redis.eval(RENEW_SCRIPT, 1, key, instanceId, String(ttlMs))) === 1;
    },
    renew: async () => Number(await redis.eval(RENEW_SCRIPT, 1, key, instanceId, String(ttlMs))) === 1,
    release: async () => {
      await redis.eval(RELEASE_SCRIPT, 1, key, instanceId);
    },
    close: async () => {},
  };
}

/** Two int4 keys (classid, objid) so the lock is easy to find in pg_locks. */
export type AdvisoryKey = readonly [number, number];
// "tp" and "mkt" as numbers: the app's namespace and this lock within it.
export const MARKET_ADVISORY_KEY: AdvisoryKey = [0x7470, 0x6d6b74];

type LockQuery = "try" | "held" | "unlock";
/** Runs one of the three lock statements; answers its boolean. */
type Query = (kind: LockQuery, key: AdvisoryKey) => Promise<boolean>;
type OkRow = { ok: boolean };

function createPgQuery(databaseUrl: string, instanceId: string): { query: Query; end: () => Promise<void> } {
  const connection = postgres(databaseUrl, {
    max: 1,
    // Closing the connection frees the lock: never recycle it, never close it for idleness.
    max_lifetime: 0,
    idle_timeout: 0,
    onnotice: () => {},
    connection: { application_name: `tradepulse-lease:${instanceId}`.slice(0, 63) },
  });
  const query: Query = async (kind, [a, b]) => {
    let rows: OkRow[];
    if (kind === "try") rows = await connection<OkRow[]>`select pg_try_advisory_lock(${a}::int, ${b}::int) as ok`;
    else if (kind === "unlock") rows = await connection<OkRow[]>`select pg_advisory_unlock(${a}::int, ${b}::int) as ok`;
    else {
      rows = await connection<OkRow[]>`
        select exists (select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
          and classid::bigint = ${a}::bigint and objid::bigint = ${b}::bigint and objsubid = 2) as ok`;
    }
    return rows[0]?.ok === true;
  };
  return { query, end: () => connection.end({ timeout: 2 }) };
}

const pgliteQuery: Query = async (kind, [a, b]) => {
  let rows: OkRow[];
  if (kind === "try") rows = await queryRows<OkRow>(drizzleSql`select pg_try_advisory_lock(${a}::int, ${b}::int) as ok`);
  else if (kind === "unlock") rows = await queryRows<OkRow>(drizzleSql`select pg_advisory_unlock(${a}::int, ${b}::int) as ok`);
  else {
    rows = await queryRows<OkRow>(drizzleSql`
      select exists (select 1 from pg_locks where locktype = 'advisory' and granted and pid = pg_backend_pid()
        and classid::bigint = ${a}::bigint and objid::bigint = ${b}::bigint and objsubid = 2) as ok`);
  }
  return rows[0]?.ok === true;
};

// PGlite: which contender of this process holds each key.
const globalForLeases = globalThis as unknown as { __tradepulsePgliteLeases?: Map<string, string> };
const pgliteHolders = (globalForLeases.__tradepulsePgliteLeases ??= new Map<string, string>());

/**
 * The advisory-lock lease: on PostgreSQL (databaseUrl) over its own connection, else on the app's
 * PGlite. Session locks are re-entrant, so acquire checks pg_locks first and the count stays at one.
 */
export function createAdvisoryLease({ instanceId, key = MARKET_ADVISORY_KEY, databaseUrl = env.databaseUrl }: { instanceId: string; key?: AdvisoryKey; databaseUrl?: string }): Lease {
  if (databaseUrl) {
    const { query, end } = createPgQuery(databaseUrl, instanceId);
    const held = () => query("held", key);
    return {
      kind: "postgres",
      instanceId,
      ttlMs: null,
      acquire: async () => (await held()) || (await query("try", key)),
      renew: held,
      release: async () => {
        if (await held()) await query("unlock", key);
      },
      close: end,
    };
  }
  const name = key.join(":");
  const isMine = () => pgliteHolders.get(name) === instanceId;
  return {
    kind: "pglite",
    instanceId,
    ttlMs: null,
    acquire: async () => {
      const holder = pgliteHolders.get(name);
      if (holder !== undefined) return holder === instanceId;
      const isLocked = (await pgliteQuery("held", key)) || (await pgliteQuery("try", key));
      if (!isLocked) return false;
      if (pgliteHolders.has(name)) return pgliteHolders.get(name) === instanceId;
      pgliteHolders.set(name, instanceId);
      return true;
    },
    renew: async () => isMine(),
    release: async () => {
      if (!isMine()) return;
      pgliteHolders.delete(name);
      await pgliteQuery("unlock", key);
    },
    // The shared session stays open; this contender's hold ends as if its connection had closed.
    close: async () => {
      if (!isMine()) return;
      pgliteHolders.delete(name);
      await pgliteQuery("unlock", key).catch(() => {});
    },
  };
}

export type LeaseLoop = {
  /** Whether this contender holds the lease now (and, for a TTL lease, its last confirmation is still within the TTL). */
  isHolder(): boolean;
  /** Stops contending; `release: false` leaves a held lease to expire, as a crash would. */
  stop(options?: { release?: boolean }): Promise<void>;
};

type LeaseLoopOptions = {
  lease: Lease;
  renewMs?: number;
  /** Called when the lease is taken; a throw gives the lease back. */
  onAcquire: () => Promise<void> | void;
  /** Called when the lease is lost or given up. */
  onLose: (reason: string) => Promise<void> | void;
  now?: () => number;
};

/** Contends for the lease every `renewMs`: the holder renews, the others try to acquire. */
export function startLeaseLoop({ lease, renewMs = LEASE_RENEW_MS, onAcquire, onLose, now = Date.now }: LeaseLoopOptions): LeaseLoop {
  const log = logger.child({ lease: lease.kind, instanceId: lease.instanceId });
  let holder = false;
  let validUntil = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastWarnAt = 0;

  const lose = async (reason: string) => {
    holder = false;
    log.warn({ reason }, "market feed: lease lost");
    await Promise.resolve(onLose(reason)).catch((error: unknown) => log.error({ err: error }, "market feed: stopping after lease loss failed"));
  };

  const step = async () => {
    const started = now();
    try {
      if (holder) {
        if (await lease.renew()) validUntil = lease.ttlMs === null ? Infinity : started + lease.ttlMs;
        else await lose("not renewed: another instance holds it");
      } else if (await lease.acquire()) {
        holder = true;
        validUntil = lease.ttlMs === null ? Infinity : started + lease.ttlMs;
        log.info("market feed: lease acquired, this instance ingests");
        try {
          await onAcquire();
        } catch (error) {
          log.error({ err: error }, "market feed: ingester failed to start; giving the lease back");
          holder = false;
          await Promise.resolve(onLose("start failed")).catch(() => {});
          await lease.release().catch(() => {});
        }
      }
    } catch (error) {
      if (now() - lastWarnAt > 30_000) {
        lastWarnAt = now();
        log.warn({ err: error }, "market feed: lease check failed");
      }
      // Without a confirmation the lease may pass to another instance: a TTL lease counts until it
      // would have expired; a connection lease may already be gone with its connection.
      if (holder && (lease.ttlMs === null || now() >= validUntil)) await lose("lease store unreachable");
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = step().finally(() => schedule(renewMs));
    }, delayMs);
    timer.unref?.();
  };
  schedule(0);

  return {
    isHolder: () => holder && now() < validUntil,
    stop: async ({ release = true } = {}) => {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (holder) {
        holder = false;
        await Promise.resolve(onLose("stopped")).catch((error: unknown) => log.error({ err: error }, "market feed: stop failed"));
        if (release) await lease.release().catch((error: unknown) => log.warn({ err: error }, "market feed: lease release failed"));
      }
    },
  };
}
