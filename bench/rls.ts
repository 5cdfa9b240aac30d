// npm run bench:rls – cost of row-level security per database statement, in process (no server).
// Compares the same queries as system work (one statement) and as a user (the statement in its own
// transaction after set_config('app.user_id'), policies evaluated). PGlite by default; set DATABASE_URL
// for PostgreSQL. Connects as the configured role: add --as-app-role to run as tradepulse_app (PGlite).
import { eq, sql } from "drizzle-orm";
import { percentile, round } from "./lib/server";

process.env.PGLITE_DIR ??= "memory://";
process.env.LOCAL_SECRETS ??= "1";
const ROUNDS = Number(process.argv.find((a) => a.startsWith("--rounds="))?.split("=")[1] ?? 2000);
const AS_APP_ROLE = process.argv.includes("--as-app-role");

const { db, databaseEngine, closeDb } = await import("../db/client");
const { migrateDatabase } = await import("../db/migrate");
const { portfolios, transactions, users } = await import("../db/schema");
const { runAsUser } = await import("../lib/security/context");

await migrateDatabase();
const [user] = await db.insert(users).values({ email: `bench-rls-${Date.now()}@example.test`, passwordHash: "x" }).returning({ id: users.id });
const [portfolio] = await db.insert(portfolios).values({ userId: user!.id, name: "bench" }).returning({ id: portfolios.id });
await db.insert(transactions).values(
  Array.from({ length: 500 }, (_, i) => ({ portfolioId: portfolio!.id, type: "buy" as const, symbol: "BTC", quantity: "0.001", price: String(50_000 + i), executedAt: new Date(Date.now() - i * 60_000) })),
);
if (AS_APP_ROLE) await db.execute(sql`set role tradepulse_app`);

const queries: Record<string, () => Promise<unknown>> = {
  "portfolio by id": () => db.select({ id: portfolios.id }).from(portfolios).where(eq(portfolios.id, portfolio!.id)),
  "500 transactions": () => db.select({ id: transactions.id, price: transactions.price }).from(transactions).where(eq(transactions.portfolioId, portfolio!.id)),
};

async function measure(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

const report: Record<string, unknown> = { engine: databaseEngine(), role: AS_APP_ROLE ? "tradepulse_app" : "connecting role", rounds: ROUNDS };
for (const [name, run] of Object.entries(queries)) {
  await measure(run); // warm-up
  const system = await measure(run);
  const asUser = await runAsUser(user!.id, () => measure(run));
  const p50 = (values: number[]) => round(percentile(values, 50), 3);
  report[name] = {
    systemP50Ms: p50(system),
    userP50Ms: p50(asUser),
    overheadP50Ms: round(p50(asUser) - p50(system), 3),
    systemP95Ms: round(percentile(system, 95), 3),
    userP95Ms: round(percentile(asUser, 95), 3),
  };
}
console.log(JSON.stringify(report, null, 2));
await closeDb();
