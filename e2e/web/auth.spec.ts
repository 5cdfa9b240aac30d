import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

import { collectPageErrors, signOut, submitPassword, submitSecondFactor, submitUntil } from "../helpers/auth";
import { findLink, waitForMail } from "../helpers/outbox";
import { freshTotpCode, totpCode, totpStep } from "../helpers/totp";

test.describe.configure({ mode: "serial" });

function strongPassword(): string {
  return `Harbor-lantern-${randomBytes(4).toString("hex")}-quietly-Oak`;
}

async function expectSignedInAs(page: Page, email: string): Promise<void> {
  await page.getByTestId("user-menu-trigger").click();
  await expect(page.getByTestId("user-menu-email")).toHaveText(email);
  await page.keyboard.press("Escape");
}

test("accounts: register, verify, 2FA, sessions and password reset", async ({ page, browser, baseURL }) => {
  // Two waits for a new TOTP step (up to 30 s each), and possibly a rate-limit window.
  test.setTimeout(6 * 60_000);
  const problems = collectPageErrors(page);
  const email = `e2e-${Date.now()}-${randomBytes(3).toString("hex")}@example.com`;
  const firstPassword = strongPassword();
  const secondPassword = strongPassword();
  let secret = "";
  let backupCodes: string[] = [];
  let lastTotpStep: number | null = null;

  await test.step("register a new account with a strong password", async () => {
    await page.goto("/register");
    await page.getByTestId("register-name").fill("Erin Tester");
    await page.getByTestId("register-email").fill(email);

    // The live meter explains why a weak password is refused before anything is sent.
    await page.getByTestId("register-password").fill("password123");
    const meter = page.getByTestId("password-strength");
    await expect(meter).toHaveAttribute("data-ok", "false");
    await expect(page.getByTestId("password-reasons")).toContainText("12 characters");

    await page.getByTestId("register-password").fill(firstPassword);
    await expect(meter).toHaveAttribute("data-ok", "true");
    await submitUntil(page, {
      submit: () => page.getByTestId("register-submit").click(),
      success: page.getByTestId("user-menu-trigger"),
    });
    await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
    await expect(page.getByTestId("verify-banner")).toBeVisible();
  });

  await test.step("verify the email address from the link in the outbox", async () => {
    const mail = await waitForMail({ to: email, subjectIncludes: "verify" });
    await page.goto(findLink(mail, "/verify-email"));
    // Opening the link spends nothing; the button does.
    await expect(page.getByTestId("verify-submit")).toBeVisible();
    await page.getByTestId("verify-submit").click();
    await expect(page.getByTestId("verify-success")).toContainText(email);
    await page.getByTestId("verify-dashboard").click();
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expect(page.getByTestId("user-menu-trigger")).toBeVisible();
    await expect(page.getByTestId("verify-banner")).toHaveCount(0);
  });

  await test.step("sign out, then sign in with the password", async () => {
    await signOut(page);
    await submitPassword(page, { email, password: firstPassword });
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectSignedInAs(page, email);
  });

  await test.step("turn on two-factor authentication and keep a backup code", async () => {
    await page.goto("/settings/security");
    await page.getByTestId("totp-start").click();
    await expect(page.getByTestId("totp-qr")).toBeVisible();
    secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    lastTotpStep = totpStep();
    await page.getByTestId("totp-code").fill(totpCode(secret, lastTotpStep));
    await page.getByTestId("totp-enable").click();

    await expect(page.getByTestId("backup-codes")).toBeVisible();
    backupCodes = await page.getByTestId("backup-code").allTextContents();
    expect(backupCodes).toHaveLength(10);
    await page.getByTestId("backup-codes-done").click();
    await expect(page.getByTestId("totp-on")).toBeVisible();
    await expect(page.getByTestId("backup-codes-remaining")).toContainText("10");
    await expect(page.getByTestId("audit-log")).toContainText("Two-factor authentication turned on");
  });

  await test.step("sign out, then sign in with the password and a TOTP code", async () => {
    await signOut(page);
    await submitPassword(page, { email, password: firstPassword });
    await expect(page.getByTestId("login-code")).toBeVisible();
    await submitSecondFactor(page, async () => {
      const fresh = await freshTotpCode(secret, lastTotpStep);
      lastTotpStep = fresh.step;
      return fresh.code;
    });
    await page.waitForURL((url) => url.pathname === "/dashboard");
  });

  const otherContext = await browser.newContext({ baseURL });
  const otherPage = await otherContext.newPage();
  const otherProblems = collectPageErrors(otherPage);

  await test.step("a second browser is sent to sign-in, then signs in with a backup code", async () => {
    await otherPage.goto("/settings/sessions");
    await otherPage.waitForURL((url) => url.pathname === "/login");
    expect(new URL(otherPage.url()).searchParams.get("redirectTo")).toBe("/settings/sessions");

    await submitPassword(otherPage, { email, password: firstPassword });
    await submitSecondFactor(otherPage, () => backupCodes[0]!);
    await otherPage.waitForURL((url) => url.pathname === "/settings/sessions");
    await expect(otherPage.getByTestId("session-row")).toHaveCount(2);
  });

  await test.step("the first browser lists both sessions and revokes the other one", async () => {
    await page.goto("/settings/sessions");
    const rows = page.getByTestId("session-row");
    await expect(rows).toHaveCount(2);
    await expect(page.getByTestId("session-current")).toHaveCount(1);
    await expect(rows.filter({ has: page.getByTestId("session-current") })).toHaveCount(1);

    await expect(page.getByTestId("session-revoke")).toHaveCount(1);
    await page.getByTestId("session-revoke").click();
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId("session-current")).toBeVisible();
    await expect(page.getByTestId("revoke-others")).toBeDisabled();
  });

  await test.step("the revoked browser is signed out on its next navigation", async () => {
    await otherPage.goto("/dashboard");
    await otherPage.waitForURL((url) => url.pathname === "/login");
    await expect(otherPage.getByTestId("login-email")).toBeVisible();
  });
  await otherContext.close();

  await test.step("the used backup code is gone from the count", async () => {
    await page.goto("/settings/security");
    await expect(page.getByTestId("backup-codes-remaining")).toContainText("9");
  });

  await test.step("forgot password: the reset link sets a new password", async () => {
    await signOut(page);
    await page.getByTestId("login-forgot").click();
    await page.waitForURL((url) => url.pathname === "/forgot-password");
    const requestedAt = new Date(Date.now() - 1_000);
    await submitUntil(page, {
      submit: async () => {
        await page.getByTestId("forgot-email").fill(email);
        await page.getByTestId("forgot-submit").click();
      },
      success: page.getByTestId("forgot-sent"),
    });

    const mail = await waitForMail({ to: email, subjectIncludes: "reset", since: requestedAt });
    await page.goto(findLink(mail, "/reset-password"));
    await submitUntil(page, {
      submit: async () => {
        await page.getByTestId("reset-password").fill(secondPassword);
        await page.getByTestId("reset-confirm").fill(secondPassword);
        await expect(page.getByTestId("password-strength")).toHaveAttribute("data-ok", "true");
        await page.getByTestId("reset-submit").click();
      },
      success: page.getByTestId("reset-success"),
    });
    await expect(page).toHaveURL(/\/login\?reset=1$/);
  });

  await test.step("sign in with the new password and a fresh TOTP code", async () => {
    await submitPassword(page, { email, password: secondPassword });
    await expect(page.getByTestId("login-code")).toBeVisible();
    await submitSecondFactor(page, async () => {
      const fresh = await freshTotpCode(secret, lastTotpStep);
      lastTotpStep = fresh.step;
      return fresh.code;
    });
    await page.waitForURL((url) => url.pathname === "/dashboard");
    await expectSignedInAs(page, email);
  });

  // Signed-in pages are left out: the app shell prefetches sections that are not built yet (404).
  expect([...problems, ...otherProblems]).toEqual([]);
});
