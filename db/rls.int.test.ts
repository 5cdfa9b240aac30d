import { PGlite } from "@electric-sql/pglite";
import { and, eq, sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { runAsSystem, runAsUser } from "@/lib/security/context";
import { databaseEngine, db, getDbHandle, withActingUserPglite, withActingUserPostgres, type Database } from "./client";
import * as schema from "./schema";
import { auditLogs, notifications, portfolios, portfolioShares, transactions, users } from "./schema";

// Row-level security proof. Superusers skip policies, and the test databases connect as one (PGlite
// always runs as one), so the queries below run as tradepulse_app, the unprivileged role migration
// 0003_rls creates: exactly what a deployment connecting as a non-superuser gets.

const unique = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;

type Fixture = { userId: string; portfolioId: string };

async function createOwner(label: string): Promise<Fixture> {
  const [user] = await db.insert(users).values({ email: unique(label), passwordHash: "x" }).returning({ id: users.id });
  const [portfolio] = await db.insert(portfolios).values({ userId: user!.id, name: `${label} book` }).returning({ id: portfolios.id });
  await db.insert(transactions).values([
    { portfolioId: portfolio!.id, type: "deposit", symbol: "USD", quantity: "1000", executedAt: new Date("2026-01-01T00:00:00Z") },
    { portfolioId: portfolio!.id, type: "buy", symbol: "BTC", quantity: "0.01", price: "50000", executedAt: new Date("2026-01-02T00:00:00Z") },
  ]);
  await db.insert(notifications).values({ userId: user!.id, type: "test", title: `${label} note`, body: "hello" });
  await db.insert(auditLogs).values({ userId: user!.id, action: "test.rls" });
  return { userId: user!.id, portfolioId: portfolio!.id };
}

let alice: Fixture;
let bob: Fixture;
let carol: Fixture;

beforeAll(async () => {
  alice = await createOwner("alice");
  bob = await createOwner("bob");
  carol = await createOwner("carol");
  // Carol shares her portfolio with Alice (view): Alice sees it and its transactions, not Carol's other rows.
  await db.insert(portfolioShares).values({ portfolioId: carol.portfolioId, userId: alice.userId, permission: "view", createdBy: carol.userId });
});

/** Runs `work` in a transaction as the unprivileged role, through the app's `db` (which sets app.user_id). */
function asAppRole<T>(work: (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local role tradepulse_app`);
    return work(tx);
  });
}

describe(`row-level security (${databaseEngine()})`, () => {
  test("the migration created an unprivileged role and forced RLS on user-owned tables", async () => {
    const [role] = await getDbHandle().rows<{ rolsuper: boolean; rolbypassrls: boolean }>(sql`select rolsuper, rolbypassrls from pg_roles where rolname = 'tradepulse_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const tables = await getDbHandle().rows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(sql`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
      where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
        and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped)
             or c.relname in ('transactions', 'portfolio_snapshots', 'portfolio_activities'))`);
    expect(tables.length).toBeGreaterThanOrEqual(20);
    expect(tables.filter((t) => !t.relrowsecurity || !t.relforcerowsecurity).map((t) => t.relname)).toEqual([]);
  });

  test("a query that forgets the user filter still returns only the acting user's rows (transaction path)", async () => {
    const seen = await runAsUser(alice.userId, () =>
      asAppRole(async (tx) => ({
        portfolios: await tx.select({ id: portfolios.id, userId: portfolios.userId }).from(portfolios),
        transactions: await tx.select({ portfolioId: transactions.portfolioId }).from(transactions),
        notifications: await tx.select({ userId: notifications.userId }).from(notifications),
        audit: await tx.select({ userId: auditLogs.userId }).from(auditLogs),
      })),
    );
    expect(new Set(seen.portfolios.map((p) => p.id))).toEqual(new Set([alice.portfolioId, carol.portfolioId]));
    expect(new Set(seen.transactions.map((t) => t.portfolioId))).toEqual(new Set([alice.portfolioId, carol.portfolioId]));
    expect(seen.transactions).toHaveLength(4);
    expect(seen.notifications.map((n) => n.userId)).toEqual([alice.userId]);
    expect(seen.audit.every((a) => a.userId === alice.userId)).toBe(true);
    expect(seen.audit.length).toBeGreaterThan(0);
  });

  test("writes for another user are refused, and another user's rows cannot be changed or deleted", async () => {
    await expect(
      runAsUser(alice.userId, () => asAppRole((tx) => tx.insert(notifications).values({ userId: bob.userId, type: "test", title: "forged", body: "x" }))),
    ).rejects.toThrow();
    await expect(
      runAsUser(alice.userId, () => asAppRole((tx) => tx.insert(transactions).values({ portfolioId: bob.portfolioId, type: "deposit", symbol: "USD", quantity: "1", executedAt: new Date() }))),
    ).rejects.toThrow();
    const changed = await runAsUser(alice.userId, () =>
      asAppRole(async (tx) => ({
        updated: await tx.update(portfolios).set({ name: "hijacked" }).where(eq(portfolios.id, bob.portfolioId)).returning({ id: portfolios.id }),
        deleted: await tx.delete(transactions).where(eq(transactions.portfolioId, bob.portfolioId)).returning({ id: transactions.id }),
      })),
    );
    expect(changed).toEqual({ updated: [], deleted: [] });
    const [bobBook] = await db.select({ name: portfolios.name }).from(portfolios).where(eq(portfolios.id, bob.portfolioId));
    expect(bobBook!.name).toBe("bob book");
  });

  test("system work (no acting user) sees every row, as jobs and sign-in lookups need", async () => {
    const rows = await runAsSystem(() =>
      asAppRole((tx) => tx.select({ id: portfolios.id }).from(portfolios).where(sql`${portfolios.id} in (${sql.join([alice.portfolioId, bob.portfolioId, carol.portfolioId].map((id) => sql`${id}::uuid`), sql`, `)})`)),
    );
    expect(rows).toHaveLength(3);
  });

  test("a revoked share hides the portfolio again", async () => {
    await db.delete(portfolioShares).where(and(eq(portfolioShares.portfolioId, carol.portfolioId), eq(portfolioShares.userId, alice.userId)));
    const seen = await runAsUser(alice.userId, () => asAppRole((tx) => tx.select({ id: portfolios.id }).from(portfolios)));
    expect(seen.map((p) => p.id)).toEqual([alice.portfolioId]);
    await db.insert(portfolioShares).values({ portfolioId: carol.portfolioId, userId: alice.userId, permission: "view", createdBy: carol.userId });
  });
});

// The statement path: outside db.transaction(), each statement of a user's request runs in its own
// transaction with app.user_id set. Proved on a connection of its own whose session runs as the role.
describe(`row-level security, one statement at a time (${databaseEngine()})`, () => {
  let appDb: Database;
  let close: () => Promise<void>;

  beforeAll(async () => {
    if (env.databaseUrl) {
      const client = postgres(env.databaseUrl, { max: 1, onnotice: () => {} });
      await client`set role tradepulse_app`;
      appDb = drizzlePostgres({ client: withActingUserPostgres(client), schema, casing: "snake_case" }) as unknown as Database;
      close = () => client.end({ timeout: 5 });
    } else {
      // PGlite has one connection per instance; a second in-memory instance gets the same migrations.
      const client = new PGlite();
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      const { MIGRATIONS_FOLDER } = await import("./migrate");
      const plain = drizzlePglite({ client, schema, casing: "snake_case" });
      await migrate(plain, { migrationsFolder: MIGRATIONS_FOLDER });
      const owners = [alice, bob];
      for (const owner of owners) {
        const [row] = await getDbHandle().rows<{ email: string }>(sql`select email from users where id = ${owner.userId}`);
        await plain.insert(users).values({ id: owner.userId, email: row!.email, passwordHash: "x" });
        await plain.insert(portfolios).values({ id: owner.portfolioId, userId: owner.userId, name: "book" });
        await plain.insert(transactions).values({ portfolioId: owner.portfolioId, type: "deposit", symbol: "USD", quantity: "5", executedAt: new Date() });
      }
      await client.query("set role tradepulse_app");
      appDb = drizzlePglite({ client: withActingUserPglite(client), schema, casing: "snake_case" }) as unknown as Database;
      close = () => client.close();
    }
  });

  afterAll(async () => {
    await close?.();
  });

  test("select, update and delete without a user filter touch only the acting user's rows", async () => {
    const seen = await runAsUser(bob.userId, async () => ({
      portfolios: await appDb.select({ userId: portfolios.userId }).from(portfolios),
      transactions: await appDb.select({ portfolioId: transactions.portfolioId }).from(transactions),
      raw: await appDb.execute(sql`select count(*)::int as n from portfolios where user_id <> ${bob.userId}`),
      renamed: await appDb.update(portfolios).set({ name: "renamed" }).returning({ userId: portfolios.userId }),
    }));
    expect(seen.portfolios.map((p) => p.userId)).toEqual([bob.userId]);
    expect(new Set(seen.transactions.map((t) => t.portfolioId))).toEqual(new Set([bob.portfolioId]));
    const rawRows = (Array.isArray(seen.raw) ? seen.raw : (seen.raw as unknown as { rows: { n: number }[] }).rows) as { n: number }[];
    expect(rawRows[0]!.n).toBe(0);
    expect(seen.renamed.map((p) => p.userId)).toEqual([bob.userId]);
    // Awaited inside: a Drizzle query runs when awaited, so the context must still be open then.
    await expect(runAsUser(bob.userId, async () => await appDb.insert(portfolios).values({ userId: alice.userId, name: "forged" }))).rejects.toThrow();
  });

  test("without an acting user the same connection sees everyone's rows", async () => {
    const everyone = await appDb.select({ userId: portfolios.userId }).from(portfolios).where(sql`${portfolios.userId} in (${sql`${alice.userId}::uuid`}, ${sql`${bob.userId}::uuid`})`);
    expect(new Set(everyone.map((p) => p.userId))).toEqual(new Set([alice.userId, bob.userId]));
  });
});
