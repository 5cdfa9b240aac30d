import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";

// The embedded demo setup (no DATABASE_URL, or DEMO=1) gets an administrator next to the demo trader,
// so the admin console can be tried, and driven by the e2e run, on a fresh install. Its random password
// is written only to DATA_DIR/demo-admin-account.json (mode 600) and never logged. Real deployments on
// DATABASE_URL get no such account: there, `npm run admin:create -- <email>` promotes a registered user.

export const DEMO_ADMIN_EMAIL = "admin@tradepulse.local";

export function demoAdminFile(): string {
  return path.join(env.dataDir, "demo-admin-account.json");
}

function readStoredPassword(): string | undefined {
  const file = demoAdminFile();
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { email?: string; password?: string };
  return parsed.email === DEMO_ADMIN_EMAIL ? parsed.password : undefined;
}

function storePassword(password: string): void {
  mkdirSync(env.dataDir, { recursive: true });
  writeFileSync(demoAdminFile(), JSON.stringify({ email: DEMO_ADMIN_EMAIL, password }, null, 2) + "\n", { mode: 0o600 });
}

/**
 * Creates the demo administrator once. If its password file is gone, a new password is set and stored,
 * but only on an account that is still an administrator: an account of that name that someone else
 * registered, or that an administrator demoted, is left alone (null).
 */
export async function ensureDemoAdmin(): Promise<{ email: string; file: string; created: boolean } | null> {
  const stored = readStoredPassword();
  const [existing] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, role: users.role })
    .from(users)
    .where(eq(sql`lower(${users.email})`, DEMO_ADMIN_EMAIL));
  if (existing) {
    if (existing.role !== "admin") {
      logger.warn({ email: DEMO_ADMIN_EMAIL }, "the demo admin address belongs to a non-admin account; no demo admin this time");
      return null;
    }
    if (stored && (await verifyPassword(existing.passwordHash, stored)).ok) return { email: DEMO_ADMIN_EMAIL, file: demoAdminFile(), created: false };
    const password = randomBytes(16).toString("base64url");
    await db.update(users).set({ passwordHash: await hashPassword(password), passwordChangedAt: new Date() }).where(eq(users.id, existing.id));
    storePassword(password);
    return { email: DEMO_ADMIN_EMAIL, file: demoAdminFile(), created: false };
  }
  const password = randomBytes(16).toString("base64url");
  await db
    .insert(users)
    .values({ email: DEMO_ADMIN_EMAIL, name: "Demo Admin", passwordHash: await hashPassword(password), role: "admin", emailVerifiedAt: new Date(), passwordChangedAt: new Date() })
    .onConflictDoNothing();
  storePassword(password);
  return { email: DEMO_ADMIN_EMAIL, file: demoAdminFile(), created: true };
}
