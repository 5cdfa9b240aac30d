import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, inject } from "vitest";

// Local state (generated secrets, demo password, outbox) per worker, so parallel runs never share it.
const state = globalThis as { __tradepulseMigrated?: boolean; __tradepulseTestDataDir?: string };
state.__tradepulseTestDataDir ??= mkdtempSync(path.join(tmpdir(), "tradepulse-test-"));
process.env.DATA_DIR = state.__tradepulseTestDataDir;

// The postgres+redis project provides its run's database and Redis; the PGlite project provides none.
const databaseUrl = inject("databaseUrl");
if (databaseUrl) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.REDIS_URL = inject("redisUrl");
  process.env.REDIS_KEY_PREFIX = inject("redisKeyPrefix");
}

beforeAll(async () => {
  const { migrateDatabase } = await import("@/db/migrate");
  if (!state.__tradepulseMigrated) {
    await migrateDatabase();
    state.__tradepulseMigrated = true;
  }
});
