import "server-only";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

export type LimiterOptions = {
  /** Unique per limiter; part of every key. */
  name: string;
  points: number;
  durationSeconds: number;
};

export type LimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number; limit: number; resetSeconds: number };

const globalForLimits = globalThis as unknown as {
  __tradepulseLimiters?: Map<string, RateLimiterAbstract>;
  __tradepulseLimiterRedis?: Redis | null;
};

// A connection of its own without an offline queue: when Redis is down a call fails at once and the
// in-memory insurance limiter answers instead of requests waiting on a reconnect.
function limiterRedis(): Redis | null {
  if (globalForLimits.__tradepulseLimiterRedis === undefined) {
    globalForLimits.__tradepulseLimiterRedis = env.redisUrl
      ? new Redis(env.redisUrl, {
          keyPrefix: env.redisKeyPrefix,
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          connectTimeout: 2_000,
          retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
        }).on("error", () => {})
      : null;
  }
  return globalForLimits.__tradepulseLimiterRedis;
}

export function getLimiter(options: LimiterOptions): RateLimiterAbstract {
  globalForLimits.__tradepulseLimiters ??= new Map();
  const cached = globalForLimits.__tradepulseLimiters.get(options.name);
  if (cached) return cached;
  const common = { keyPrefix: `rl:${options.name}`, points: options.points, duration: options.durationSeconds };
  const redis = limiterRedis();
  const limiter = redis
    ? new RateLimiterRedis({ ...common, storeClient: redis, insuranceLimiter: new RateLimiterMemory(common) })
    : new RateLimiterMemory(common);
  globalForLimits.__tradepulseLimiters.set(options.name, limiter);
  return limiter;
}

function toResult(res: RateLimiterRes, limit: number, allowed: boolean): LimitResult {
  const resetSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return { allowed, remaining: Math.max(0, res.remainingPoints), retryAfterSeconds: allowed ? 0 : resetSeconds, limit, resetSeconds };
}

// A limiter cached on globalThis may have been created by another bundle's copy of the library, so its
// rejection is recognised by shape, not only by class.
function isLimiterRes(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes || (typeof error === "object" && error !== null && "msBeforeNext" in error && "remainingPoints" in error && "consumedPoints" in error);
}

/** Spends `points` for `key`. Never throws for a limit; returns allowed = false instead. */
export async function consumeLimit(options: LimiterOptions, key: string, points = 1): Promise<LimitResult> {
  try {
    const res = await getLimiter(options).consume(key, points);
    return toResult(res, options.points, true);
  } catch (error) {
    if (isLimiterRes(error)) return toResult(error, options.points, false);
    throw error;
  }
}

/** Whether `key` has points left, without spending any. */
export async function peekLimit(options: LimiterOptions, key: string): Promise<LimitResult> {
  const res = await getLimiter(options).get(key);
  if (!res) return { allowed: true, remaining: options.points, retryAfterSeconds: 0, limit: options.points, resetSeconds: options.durationSeconds };
  return toResult(res, options.points, res.consumedPoints < options.points);
}

export async function resetLimit(options: LimiterOptions, key: string): Promise<void> {
  await getLimiter(options).delete(key);
}

export function rateLimitHeaders(result: LimitResult): Record<string, string> {
  return {
    "ratelimit-limit": String(result.limit),
    "ratelimit-remaining": String(result.remaining),
    "ratelimit-reset": String(result.resetSeconds),
    ...(result.allowed ? {} : { "retry-after": String(result.retryAfterSeconds) }),
  };
}

export function rateLimitedError(result: LimitResult, message = "Too many requests. Try again later."): AppError {
  return new AppError("RATE_LIMITED", message, { headers: rateLimitHeaders(result) });
}

/** Spends a point and throws 429 RATE_LIMITED with Retry-After when none is left. */
export async function enforceLimit(options: LimiterOptions, key: string, message?: string): Promise<LimitResult> {
  const result = await consumeLimit(options, key);
  if (!result.allowed) throw rateLimitedError(result, message);
  return result;
}
