import { bigint, index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { id, timestamps, tstz } from "./columns";

export const jobRunStatusEnum = pgEnum("job_run_status", ["running", "succeeded", "failed"]);

// One row per job and tick: the unique index is how a job runs once per tick across every instance.
export const jobRuns = pgTable(
  "job_runs",
  {
    id: id(),
    name: text("name").notNull(),
    tick: bigint("tick", { mode: "number" }).notNull(),
    status: jobRunStatusEnum("status").notNull().default("running"),
    instance: text("instance"),
    startedAt: tstz("started_at").notNull().defaultNow(),
    finishedAt: tstz("finished_at"),
    error: text("error"),
    ...timestamps,
  },
  (t) => [uniqueIndex("job_runs_name_tick_idx").on(t.name, t.tick), index("job_runs_started_at_idx").on(t.startedAt)],
);

export type JobRun = typeof jobRuns.$inferSelect;
