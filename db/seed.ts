import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { createDemoExchange } from "@/lib/exchanges/demo";
import { db, type Database } from "./client";
import { buildDemoPortfolio, DEMO_HISTORY_DAYS, DEMO_SYMBOLS, startOfUtcDay, type DailyClose } from "./demo-data";
import { portfolioActivities, portfolios, portfolioSnapshots, transactions, users } from "./schema";

export const DEMO_EMAIL = "demo@tradepulse.local";

type DemoAccount = { email: string; password: string; userId: string; created: boolean };

function demoFile(): string {
  return path.join(env.dataDir, "demo-account.json");
}

function readStoredPassword(): string | undefined {
  const file = demoFile();
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { email?: string; password?: string };
  return parsed.email === DEMO_EMAIL ? parsed.password : undefined;
}

function storePassword(password: string): void {
  mkdirSync(env.dataDir, { recursive: true });
  writeFileSync(demoFile(), JSON.stringify({ email: DEMO_EMAIL, password }, null, 2) + "\n", { mode: 0o600 });
}

/**
 * Creates the demo user and its data once. The random password lives in .data/demo-account.json so it
 * can be printed at every start; if that file is gone (another machine seeded the database), a new
 * password is set and stored.
 */
export async function ensureDemoAccount(): Promise<DemoAccount> {
  const stored = readStoredPassword();
  const [existing] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, DEMO_EMAIL));

  if (existing) {
    if (stored && (await verifyPassword(existing.passwordHash, stored)).ok) {
      return { email: DEMO_EMAIL, password: stored, userId: existing.id, created: false };
    }
    const password = randomBytes(12).toString("base64url");
    await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, existing.id));
    storePassword(password);
    return { email: DEMO_EMAIL, password, userId: existing.id, created: false };
  }

  const password = randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(password);
  const userId = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: DEMO_EMAIL,
        name: "Demo Trader",
        passwordHash,
        emailVerifiedAt: new Date(),
        tier: "pro",
        passwordChangedAt: new Date(),
      })
      .returning({ id: users.id });
    await seedDemoPortfolio(tx, user!.id, new Date());
    return user!.id;
  });
  storePassword(password);
  return { email: DEMO_EMAIL, password, userId, created: true };
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** A manual portfolio with a year of trades and daily snapshots, priced by the simulated exchange. */
async function seedDemoPortfolio(tx: Tx, userId: string, now: Date): Promise<void> {
  const exchange = createDemoExchange();
  const since = startOfUtcDay(now.getTime()) - DEMO_HISTORY_DAYS * 86_400_000;
  const closesBySymbol: Record<string, DailyClose[]> = {};
  for (const symbol of DEMO_SYMBOLS) {
    const candles = await exchange.fetchOHLCV(`${symbol}/USDT`, "1d", since, DEMO_HISTORY_DAYS + 2);
    closesBySymbol[symbol] = candles.map((c) => ({ dayStartMs: c.timestamp, close: c.close }));
  }
  const demo = buildDemoPortfolio({ now, closesBySymbol });
  const [portfolio] = await tx
    .insert(portfolios)
    .values({ userId, name: "Demo portfolio", description: "A year of simulated trades on the demo exchange.", baseCurrency: "USD", kind: "manual" })
    .returning({ id: portfolios.id });
  const portfolioId = portfolio!.id;
  await tx.insert(transactions).values(
    demo.transactions.map((t) => ({
      portfolioId,
      createdBy: userId,
      type: t.type,
      symbol: t.symbol,
      quoteCurrency: "USDT",
      quantity: t.quantity,
      price: t.price,
      fee: t.fee,
      feeCurrency: t.feeCurrency,
      executedAt: t.executedAt,
      note: t.note,
      source: "manual" as const,
    })),
  );
  await tx.insert(portfolioSnapshots).values(demo.snapshots.map((s) => ({ portfolioId, kind: "daily" as const, ...s })));
  await tx.insert(portfolioActivities).values({ portfolioId, actorId: userId, action: "portfolio.created", details: { source: "demo seed" } });
  await exchange.close();
}
