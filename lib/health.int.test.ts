import { describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { checkHealth } from "./health";

describe("checkHealth", () => {
  test("reports the database and Redis of this run as ready", async () => {
    const report = await checkHealth();
    expect(report.status).toBe("ok");
    expect(report.checks.database).toMatchObject({ status: "ok", engine: env.databaseUrl ? "postgres" : "pglite" });
    expect(report.checks.redis.status).toBe(env.redisUrl ? "ok" : "disabled");
  });
});

describe("GET /api/health", () => {
  test("answers 503 naming the part that is down", async () => {
    const { Redis } = await import("ioredis");
    const { GET } = await import("@/app/api/health/route");
    const state = globalThis as { __tradepulseRedis?: unknown };
    const previous = state.__tradepulseRedis;
    const broken = new Redis("redis://127.0.0.1:1", { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    broken.on("error", () => {});
    state.__tradepulseRedis = broken;
    try {
      const res = await GET(new Request("http://localhost/api/health"));
      const body = (await res.json()) as { status: string; message: string; checks: { redis: { status: string }; database: { status: string } } };
      expect(res.status).toBe(503);
      expect(body.message).toMatch(/redis/);
      expect(body.checks.redis.status).toBe("error");
      expect(body.checks.database.status).toBe("ok");
    } finally {
      state.__tradepulseRedis = previous;
      broken.disconnect();
    }
  });
});
