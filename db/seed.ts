import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { db } from "./client";
import { users } from "./schema";

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
    return user!.id;
  });
  storePassword(password);
  return { email: DEMO_EMAIL, password, userId, created: true };
}
