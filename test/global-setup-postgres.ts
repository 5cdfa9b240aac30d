import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { TestProject } from "vitest/node";

// Each run gets its own database and Redis key prefix, so parallel runs on one server never collide.
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL!;
  const redisUrl = process.env.TEST_REDIS_URL!;
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const database = `tradepulse_test_${runId}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  project.provide("databaseUrl", url.toString());
  project.provide("redisUrl", redisUrl);
  project.provide("redisKeyPrefix", `tptest:${runId}:`);
  console.log(`[integration] PostgreSQL database ${database}, Redis prefix tptest:${runId}:`);

  return async () => {
    const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await cleanup.unsafe(`drop database if exists "${database}" with (force)`);
    await cleanup.end();
    const { Redis } = await import("ioredis");
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
    const keys = await redis.keys(`tptest:${runId}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl?: string;
    redisUrl?: string;
    redisKeyPrefix?: string;
  }
}
