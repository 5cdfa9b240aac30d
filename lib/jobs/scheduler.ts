import "server-only";
import { hostname } from "node:os";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { jobRuns } from "@/db/schema";
import { logger } from "@/lib/logger";
import { observeJobRun } from "@/lib/metrics";

export type Job = {
  name: string;
  intervalMs: number;
  /** Shifts the tick boundaries: −5 min on a daily job makes it run at 23:55 UTC instead of midnight. */
  offsetMs?: number;
  run: (context: { tick: number; now: Date }) => Promise<unknown>;
};

const INSTANCE = `${hostname()}:${process.pid}`;

/** The tick a moment belongs to: every instance computes the same number for the same interval. */
export function computeTick(nowMs: number, intervalMs: number, offsetMs = 0): number {
  return Math.floor((nowMs - offsetMs) / intervalMs);
}

/**
 * Runs `job` for the tick of `now` unless an instance already claimed it. The claim is an insert
 * against a unique (name, tick) index, so it works on PostgreSQL and PGlite alike.
 * Returns false when another run had the tick.
 */
export async function runJobOnce(job: Job, now = new Date()): Promise<boolean> {
  const tick = computeTick(now.getTime(), job.intervalMs, job.offsetMs);
  const claimed = await db
    .insert(jobRuns)
    .values({ name: job.name, tick, instance: INSTANCE, startedAt: now })
    .onConflictDoNothing()
    .returning({ id: jobRuns.id });
  if (claimed.length === 0) return false;
  const started = performance.now();
  try {
    const result = await job.run({ tick, now });
    await db.update(jobRuns).set({ status: "succeeded", finishedAt: new Date() }).where(and(eq(jobRuns.name, job.name), eq(jobRuns.tick, tick)));
    observeJobRun(job.name, "succeeded", (performance.now() - started) / 1000);
    logger.info({ job: job.name, tick, ms: Math.round(performance.now() - started), result }, "job finished");
  } catch (error) {
    observeJobRun(job.name, "failed", (performance.now() - started) / 1000);
    await db
      .update(jobRuns)
      .set({ status: "failed", finishedAt: new Date(), error: error instanceof Error ? error.message.slice(0, 500) : String(error) })
      .where(and(eq(jobRuns.name, job.name), eq(jobRuns.tick, tick)));
    logger.error({ err: error, job: job.name, tick }, "job failed");
  }
  return true;
}

const globalForJobs = globalThis as unknown as { __tradepulseJobTimers?: NodeJS.Timeout[] };

/** Checks every job every `pollMs`; a job runs at most once per tick of its interval in the cluster. */
export function startScheduler(jobs: readonly Job[], pollMs = 15_000): () => void {
  stopScheduler();
  const running = new Set<string>();
  const poll = () => {
    for (const job of jobs) {
      if (running.has(job.name)) continue;
      running.add(job.name);
      runJobOnce(job)
        .catch((error: unknown) => logger.error({ err: error, job: job.name }, "job scheduling failed"))
        .finally(() => running.delete(job.name));
    }
  };
  const timer = setInterval(poll, pollMs);
  timer.unref();
  const first = setTimeout(poll, 5_000);
  first.unref();
  globalForJobs.__tradepulseJobTimers = [timer, first];
  return stopScheduler;
}

export function stopScheduler(): void {
  for (const timer of globalForJobs.__tradepulseJobTimers ?? []) clearTimeout(timer);
  globalForJobs.__tradepulseJobTimers = [];
}
