import "server-only";
import { Redis } from "ioredis";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

const globalForRedis = globalThis as unknown as { __tradepulseRedis?: Redis | null };

function createRedis(): Redis | null {
  if (!env.redisUrl) return null;
  const client = new Redis(env.redisUrl, {
    // Every key this app writes is prefixed, so several installs (or test runs) can share one server.
    keyPrefix: env.redisKeyPrefix,
    lazyConnect: false,
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 5_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let lastErrorLogged = 0;
  client.on("error", (error) => {
    const now = Date.now();
    if (now - lastErrorLogged > 30_000) {
      lastErrorLogged = now;
      logger.warn({ err: error }, "redis connection error");
    }
  });
  return client;
}

/** The process's Redis client, or null when REDIS_URL is not set (in-process fallbacks apply). */
export function getRedis(): Redis | null {
  if (globalForRedis.__tradepulseRedis === undefined) globalForRedis.__tradepulseRedis = createRedis();
  return globalForRedis.__tradepulseRedis;
}

export async function closeRedis(): Promise<void> {
  const client = globalForRedis.__tradepulseRedis;
  globalForRedis.__tradepulseRedis = undefined;
  if (client) await client.quit().catch(() => client.disconnect());
}
