import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, queryRows } from "./client";
import { migrateDatabase } from "./migrate";
import { auditLogs, portfolios, sessions, transactions, users } from "./schema";

const TABLES = [
  "users", "sessions", "refresh_tokens", "email_verification_tokens", "password_reset_tokens", "totp_secrets",
  "backup_codes", "audit_logs", "blocked_ips", "exchange_keys", "portfolios", "portfolio_shares", "transactions",
  "portfolio_snapshots", "portfolio_activities", "candles", "signals", "pumps", "robot_configs", "trades",
  "alerts", "notifications", "news_items",
];

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;

describe("migrations", () => {
  test("create every table of the schema and can run again without change", async () => {
    await migrateDatabase();
    const rows = await queryRows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(TABLES));
  });

  test("every foreign key column has an index", async () => {
    const rows = await queryRows<{ table_name: string; column_name: string }>(sql`
      select c.conrelid::regclass::text as table_name, a.attname as column_name
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
        and not exists (
          select 1 from pg_index i
          where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1]
        )`);
    expect(rows).toEqual([]);
  });

  test("deleting a user removes their rows, keeps the audit trail without the link, and money stays exact", async () => {
    const [user] = await db.insert(users).values({ email: unique(), passwordHash: "x" }).returning({ id: users.id });
    const [portfolio] = await db.insert(portfolios).values({ userId: user!.id, name: "P" }).returning({ id: portfolios.id });
    await db.insert(transactions).values({
      portfolioId: portfolio!.id,
      type: "buy",
      symbol: "BTC",
      quantity: "0.123456789012345678",
      price: "98765.4321",
      executedAt: new Date("2026-01-02T03:04:05Z"),
    });
    await db.insert(sessions).values({ userId: user!.id, kind: "api", expiresAt: new Date(Date.now() + 60_000) });
    const [audit] = await db.insert(auditLogs).values({ userId: user!.id, action: "account.deleted" }).returning({ id: auditLogs.id });

    const [tx] = await db.select({ quantity: transactions.quantity, price: transactions.price }).from(transactions).where(eq(transactions.portfolioId, portfolio!.id));
    expect(tx).toEqual({ quantity: "0.123456789012345678", price: "98765.4321" });

    await db.delete(users).where(eq(users.id, user!.id));
    expect(await db.select().from(portfolios).where(eq(portfolios.id, portfolio!.id))).toEqual([]);
    expect(await db.select().from(transactions).where(eq(transactions.portfolioId, portfolio!.id))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, user!.id))).toEqual([]);
    const [kept] = await db.select({ userId: auditLogs.userId, action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.id, audit!.id));
    expect(kept).toEqual({ userId: null, action: "account.deleted" });
  });

  test("emails are unique regardless of case", async () => {
    const email = unique();
    await db.insert(users).values({ email, passwordHash: "x" });
    await expect(db.insert(users).values({ email: email.toUpperCase(), passwordHash: "x" })).rejects.toThrow();
  });
});
