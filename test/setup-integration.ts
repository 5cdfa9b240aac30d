import { beforeAll, inject } from "vitest";

// The postgres+redis project provides its run's database and Redis; the PGlite project provides none.
const databaseUrl = inject("databaseUrl");
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = inject("redisUrl");
  process.env.REDIS_KEY_PREFIX = inject("redisKeyPrefix");
}

beforeAll(async () => {
  const { migrateDatabase } = await import("@/db/migrate");
  const state = globalThis as { __tradepulseMigrated?: boolean };
  if (!state.__tradepulseMigrated) {
    await migrateDatabase();
    state.__tradepulseMigrated = true;
  }
});
