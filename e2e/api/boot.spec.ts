import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

test("NODE_ENV=production without ENCRYPTION_KEYS exits 1 with one clear line", async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tp-boot-"));
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", AUTH_SECRET: "x".repeat(44), PORT: "3199", DATA_DIR: dataDir };
  for (const key of ["ENCRYPTION_KEYS", "LOCAL_SECRETS", "DATABASE_URL", "REDIS_URL"]) delete env[key];
  // The server itself, on the build the e2e web server made (the launcher could decide to rebuild).
  const child = spawn(process.execPath, ["scripts/server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.resume();
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^TradePulse cannot start: ENCRYPTION_KEYS is required in production: .*randomBytes\(32\)/);
});
