import "server-only";
import { sql } from "drizzle-orm";
import { databaseEngine, queryRows } from "@/db/client";
import { getIngesterStatus } from "@/lib/market/feed";
import { getRedis } from "@/lib/redis";

export type ComponentHealth = { status: "ok" | "error" | "disabled"; latencyMs?: number; error?: string; engine?: string };
export type HealthReport = {
  status: "ok" | "error";
  checks: { database: ComponentHealth; redis: ComponentHealth };
  /** Whether this instance is the cluster's market ingester, and when it last ticked. */
  market: { isIngester: boolean; exchange: string; lastTickAt: string | null };
  uptimeSeconds: number;
};

const TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function timed(what: string, run: () => Promise<unknown>): Promise<ComponentHealth> {
  const started = performance.now();
  try {
    await withTimeout(run(), what);
    return { status: "ok", latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (error) {
    return { status: "error", error: (error as Error).message };
  }
}

export async function checkHealth(): Promise<HealthReport> {
  const redis = getRedis();
  const [database, redisHealth] = await Promise.all([
    timed("database", () => queryRows(sql`select 1 as ok`)),
    redis ? timed("redis", () => redis.ping()) : Promise.resolve<ComponentHealth>({ status: "disabled" }),
  ]);
  database.engine = databaseEngine();
  const failed = database.status === "error" || redisHealth.status === "error";
  const market = getIngesterStatus();
  return {
    status: failed ? "error" : "ok",
    checks: { database, redis: redisHealth },
    market: { isIngester: market.isIngester, exchange: market.exchange, lastTickAt: market.lastTickAt ? new Date(market.lastTickAt).toISOString() : null },
    uptimeSeconds: Math.round(process.uptime()),
  };
}
