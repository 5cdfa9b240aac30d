import { readFileSync, rmSync, statSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_ADMIN_EMAIL, demoAdminFile, ensureDemoAdmin } from "./demo-admin";

describe("ensureDemoAdmin", () => {
  test("creates the demo administrator once with a random password kept in a private file; a lost file means a new password", async () => {
    const first = await ensureDemoAdmin();
    expect(first).toMatchObject({ email: DEMO_ADMIN_EMAIL });
    const stored = JSON.parse(readFileSync(demoAdminFile(), "utf8")) as { email: string; password: string };
    expect(stored.email).toBe(DEMO_ADMIN_EMAIL);
    expect(stored.password.length).toBeGreaterThanOrEqual(20);
    expect(statSync(demoAdminFile()).mode & 0o077).toBe(0);

    const [row] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
    expect(row).toMatchObject({ role: "admin", tier: "free", isBlocked: false });
    expect((await verifyPassword(row!.passwordHash, stored.password)).ok).toBe(true);

    expect(await ensureDemoAdmin()).toMatchObject({ created: false });
    expect(JSON.parse(readFileSync(demoAdminFile(), "utf8"))).toEqual(stored);

    rmSync(demoAdminFile());
    await ensureDemoAdmin();
    const renewed = JSON.parse(readFileSync(demoAdminFile(), "utf8")) as { password: string };
    expect(renewed.password).not.toBe(stored.password);
    const [after] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
    expect((await verifyPassword(after!.passwordHash, renewed.password)).ok).toBe(true);

    // Demoted by an administrator: the next start neither re-promotes it nor resets its password.
    await db.update(users).set({ role: "user" }).where(eq(users.id, after!.id));
    rmSync(demoAdminFile());
    expect(await ensureDemoAdmin()).toBeNull();
    const [demoted] = await db.select().from(users).where(eq(users.email, DEMO_ADMIN_EMAIL));
    expect(demoted).toMatchObject({ role: "user", passwordHash: after!.passwordHash });
  });
});
