import "server-only";

/**
 * Server start-up: a bad environment stops the process with one line; then migrations run (under an
 * advisory lock on PostgreSQL) and the demo data is seeded when configured.
 */
export async function bootServer(): Promise<void> {
  let envModule: typeof import("@/lib/env");
  try {
    envModule = await import("@/lib/env");
  } catch (error) {
    const message = error instanceof Error && error.name === "EnvError" ? error.message : String(error);
    console.error(`TradePulse cannot start: ${message}`);
    process.exit(1);
  }
  const { env } = envModule;
  const { logger } = await import("@/lib/logger");
  const { migrateDatabase } = await import("@/db/migrate");
  const { closeDb } = await import("@/db/client");
  const { closeRedis } = await import("@/lib/redis");
  (globalThis as { __tradepulseShutdown?: () => Promise<void> }).__tradepulseShutdown = async () => {
    await Promise.allSettled([closeDb(), closeRedis()]);
  };
  const started = performance.now();
  await migrateDatabase();
  logger.info({ engine: env.databaseUrl ? "postgres" : "pglite", ms: Math.round(performance.now() - started) }, "database migrated");
  if (env.seedDemo) {
    const { ensureDemoAccount } = await import("@/db/seed");
    const demo = await ensureDemoAccount();
    console.log(`Demo account: ${demo.email}  password: ${demo.password}`);
    const admin = await (await import("@/lib/admin/demo-admin")).ensureDemoAdmin();
    if (admin) console.log(`Demo admin: ${admin.email}  password: in ${admin.file}`);
  }
  if (env.runJobs) {
    const [{ startScheduler }, { jobs }] = await Promise.all([import("@/lib/jobs/scheduler"), import("@/lib/jobs/index")]);
    startScheduler(jobs);
    logger.info({ jobs: jobs.map((job) => job.name) }, "scheduler started");
  }
  await (await import("@/lib/market/feed")).startMarketFeed();
  // Pump/dump detection runs in the instance that holds the market-ingest lease (see pumps-runner.ts).
  await (await import("@/lib/signals/pumps-runner")).startPumpDetector();
  // Every instance listens for signals and ticks; the executor acts once per cluster.
  (await import("@/lib/robot/runtime")).startRobotRuntime();
  // Every instance evaluates alerts against the bus's ticks; a firing is claimed once cluster-wide.
  await (await import("@/lib/alerts/run")).startAlertEvaluator();
  // The hub subscribes at once, so signals and notifications published before the first stream
  // connects are still logged for Last-Event-ID replay.
  (await import("@/lib/realtime/hub")).getHub();
  (await import("@/lib/realtime/node-stream")).registerDirectStreamHandler();
}
