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
