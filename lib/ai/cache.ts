import "server-only";
import { logger } from "@/lib/logger";
import { getRedis } from "@/lib/redis";

// Finished analyses per user and symbol for ANALYSIS_TTL_MS: in Redis when configured (shared by every
// instance), otherwise in this process's memory. Keys carry the user id, so one user's cached answer
// (which mentions their position) is never served to another.

export const ANALYSIS_TTL_MS = 5 * 60_000;

type Stored<T> = { value: T; storedAt: number };

const globalForAiCache = globalThis as unknown as { __tradepulseAiCache?: Map<string, Stored<unknown>> };
const memory: Map<string, Stored<unknown>> = (globalForAiCache.__tradepulseAiCache ??= new Map());

const cacheKey = (userId: string, symbol: string) => `ai:analysis:${userId}:${symbol}`;

export async function readCachedAnalysis<T>({ userId, symbol, now = Date.now() }: { userId: string; symbol: string; now?: number }): Promise<Stored<T> | null> {
  const key = cacheKey(userId, symbol);
  const redis = getRedis();
  if (redis) {
    try {
      const raw = await redis.get(key);
      if (!raw) return null;
      const stored = JSON.parse(raw) as Stored<T>;
      return now - stored.storedAt < ANALYSIS_TTL_MS ? stored : null;
    } catch (error) {
      logger.warn({ err: error }, "ai cache: Redis read failed; using process memory");
    }
  }
  const entry = memory.get(key) as Stored<T> | undefined;
  if (!entry) return null;
  if (now - entry.storedAt >= ANALYSIS_TTL_MS) {
    memory.delete(key);
    return null;
  }
  return entry;
}

export async function storeCachedAnalysis<T>({ userId, symbol, value, now = Date.now() }: { userId: string; symbol: string; value: T; now?: number }): Promise<void> {
  const key = cacheKey(userId, symbol);
  const stored: Stored<T> = { value, storedAt: now };
  const redis = getRedis();
  if (redis) {
    try {
      await redis.set(key, JSON.stringify(stored), "PX", ANALYSIS_TTL_MS);
      return;
    } catch (error) {
      logger.warn({ err: error }, "ai cache: Redis write failed; using process memory");
    }
  }
  // Expired entries are dropped on read; the sweep keeps a long-running process from collecting them.
  if (memory.size > 5_000) {
    for (const [k, entry] of memory) if (now - entry.storedAt >= ANALYSIS_TTL_MS) memory.delete(k);
  }
  memory.set(key, stored);
}

/** Empties this process's memory cache (tests). */
export function clearAnalysisMemory(): void {
  memory.clear();
}
