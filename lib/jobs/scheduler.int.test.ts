import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { computeTick, runJobOnce, type Job } from "./scheduler";

describe("runJobOnce", () => {
  test("runs a job once per tick however many instances try, and again in the next tick", async () => {
    let runs = 0;
    const job: Job = { name: `test-${randomUUID()}`, intervalMs: 60_000, run: async () => void runs++ };
    const now = new Date("2026-01-01T00:00:30Z");
    const attempts = await Promise.all([runJobOnce(job, now), runJobOnce(job, now), runJobOnce(job, new Date("2026-01-01T00:00:59Z"))]);
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(await runJobOnce(job, new Date("2026-01-01T00:01:00Z"))).toBe(true);
    expect(computeTick(Date.parse("2026-01-01T23:56:00Z"), 86_400_000, -300_000)).toBe(computeTick(Date.parse("2026-01-02T12:00:00Z"), 86_400_000));
    expect(runs).toBe(2);
    const rows = await db.select().from(jobRuns).where(eq(jobRuns.name, job.name));
    expect(rows.map((r) => [r.tick, r.status])).toEqual([
      [computeTick(now.getTime(), 60_000), "succeeded"],
      [computeTick(now.getTime(), 60_000) + 1, "succeeded"],
    ]);
  });

  test("a failing run is recorded with its error and does not throw", async () => {
    const job: Job = { name: `fail-${randomUUID()}`, intervalMs: 1000, run: async () => Promise.reject(new Error("exchange down")) };
    expect(await runJobOnce(job, new Date())).toBe(true);
    const [row] = await db.select().from(jobRuns).where(eq(jobRuns.name, job.name));
    expect(row).toMatchObject({ status: "failed", error: "exchange down" });
  });
});
