import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { consumeLimit, rateLimitHeaders } from "./index";

describe("rate limits", () => {
  test("spend points per key and answer retry-after once none is left", async () => {
    const limit = { name: `t-${randomUUID()}`, points: 2, durationSeconds: 60 };
    expect((await consumeLimit(limit, "k")).remaining).toBe(1);
    expect((await consumeLimit(limit, "k")).allowed).toBe(true);
    const third = await consumeLimit(limit, "k");
    expect(third.allowed).toBe(false);
    expect(rateLimitHeaders(third)).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "0", "retry-after": expect.stringMatching(/^\d+$/) });
    expect((await consumeLimit(limit, "other")).allowed).toBe(true);
  });

  test.skipIf(!env.redisUrl)("keep limiting in memory when Redis fails", async () => {
    const state = globalThis as { __tradepulseLimiterRedis?: unknown; __tradepulseLimiters?: Map<string, unknown> };
    const previous = state.__tradepulseLimiterRedis;
    const broken = new Redis("redis://127.0.0.1:1", { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    broken.on("error", () => {});
    state.__tradepulseLimiterRedis = broken;
    const limit = { name: `down-${randomUUID()}`, points: 1, durationSeconds: 60 };
    try {
      expect((await consumeLimit(limit, "k")).allowed).toBe(true);
      expect((await consumeLimit(limit, "k")).allowed).toBe(false);
    } finally {
      state.__tradepulseLimiterRedis = previous;
      state.__tradepulseLimiters?.delete(limit.name);
      broken.disconnect();
    }
  });
});
