import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "./client";
import { portfolios, portfolioSnapshots, transactions, users } from "./schema";
import { DEMO_EMAIL, ensureDemoAccount } from "./seed";

describe("ensureDemoAccount", () => {
  test("seeds the demo user with a random password and a portfolio with a year of history, once", async () => {
    const first = await ensureDemoAccount();
    const second = await ensureDemoAccount();
    expect(second.userId).toBe(first.userId);
    expect(second.password).toBe(first.password);
    expect(first.password.length).toBeGreaterThanOrEqual(16);

    const [user] = await db.select().from(users).where(eq(users.email, DEMO_EMAIL));
    expect((await verifyPassword(user!.passwordHash, first.password)).ok).toBe(true);
    expect(user!.emailVerifiedAt).not.toBeNull();

    const owned = await db.select({ id: portfolios.id }).from(portfolios).where(eq(portfolios.userId, user!.id));
    expect(owned).toHaveLength(1);
    const [{ days, firstDay }] = (await db
      .select({ days: sql<number>`count(*)::int`, firstDay: sql<string>`min(${portfolioSnapshots.day})::text` })
      .from(portfolioSnapshots)
      .where(eq(portfolioSnapshots.portfolioId, owned[0]!.id))) as [{ days: number; firstDay: string }];
    expect(days).toBe(366);
    expect(Date.now() - new Date(firstDay).getTime()).toBeGreaterThan(364 * 86_400_000);
    const trades = await db.select().from(transactions).where(eq(transactions.portfolioId, owned[0]!.id));
    expect(trades.length).toBeGreaterThanOrEqual(10);
  });
});
