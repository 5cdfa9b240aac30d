import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { describe, expect, test } from "vitest";
import { db, databaseEngine } from "@/db/client";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import * as schema from "@/db/schema";
import { auditLogs, users } from "@/db/schema";
import { env } from "@/lib/env";
import { uniqueEmail } from "@/test/helpers/api";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

function runScript(args: string[], extraEnv: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["--conditions=react-server", "scripts/admin-create.ts", ...args], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "test", LOCAL_SECRETS: "1", LOG_LEVEL: "silent", ...extraEnv },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

async function withPglite<T>(dir: string, work: (database: ReturnType<typeof drizzle<typeof schema>>) => Promise<T>): Promise<T> {
  const client = new PGlite(dir);
  try {
    return await work(drizzle(client, { schema, casing: "snake_case" }));
  } finally {
    await client.close();
  }
}

describe("npm run admin:create", () => {
  test("on an embedded data directory: promotes an existing account, reports unknown emails and bad usage with exit codes", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "tradepulse-admin-create-"));
    const pgliteDir = path.join(dataDir, "pglite");
    const scriptEnv = { DATA_DIR: dataDir, PGLITE_DIR: "", DATABASE_URL: "", REDIS_URL: "" };

    const empty = await runScript(["someone@example.test"], scriptEnv);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/no tables yet/);

    const email = uniqueEmail("cli");
    await withPglite(pgliteDir, async (database) => {
      await migrate(database, { migrationsFolder: MIGRATIONS_FOLDER });
      await database.insert(users).values({ email, passwordHash: "not-a-real-hash", name: "Cli Admin" });
    });

    const usage = await runScript([], scriptEnv);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage: npm run admin:create -- <email>/);

    const unknown = await runScript(["--", "nobody@example.test"], scriptEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No account with the email nobody@example\.test in the embedded database\. Register it first/);

    const promoted = await runScript(["--", email.toUpperCase()], scriptEnv);
    expect(promoted.stderr).toBe("");
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toMatch(new RegExp(`${email.replace(/[.+]/g, "\\$&")} is now an administrator \\(the embedded database\\)`));

    await withPglite(pgliteDir, async (database) => {
      const [row] = await database.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
      expect(row!.role).toBe("admin");
      const audit = await database.select().from(auditLogs).where(eq(auditLogs.userId, row!.id));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: "admin.user.role_changed", actorId: null });
      expect(audit[0]!.metadata).toMatchObject({ before: { role: "user" }, after: { role: "admin" }, via: "npm run admin:create" });
    });
  }, 180_000);

  test.runIf(databaseEngine() === "postgres")("on DATABASE_URL: promotes the account in that database", async () => {
    const email = uniqueEmail("cli-pg");
    await db.insert(users).values({ email, passwordHash: "not-a-real-hash" });
    const result = await runScript([email], { DATABASE_URL: env.databaseUrl!, REDIS_URL: env.redisUrl ?? "", REDIS_KEY_PREFIX: env.redisKeyPrefix });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is now an administrator \(DATABASE_URL\)/);
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
    expect(row!.role).toBe("admin");
  }, 120_000);
});
