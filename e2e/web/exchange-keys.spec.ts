import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";
const DEMO_API_KEY = "demo-e2e-key-123456";
const DEMO_SECRET = "demo-secret-123456";
const LABEL = "E2E demo";

// The web server's seed writes the demo user's random password here before /api/health answers.
function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

async function fillKeyForm(page: Page, { label, apiKey, apiSecret }: { label: string; apiKey: string; apiSecret: string }): Promise<void> {
  await page.getByTestId("exchange-select").click();
  await page.getByRole("option", { name: "Demo (simulated)" }).click();
  await expect(page.getByTestId("exchange-select")).toHaveText(/Demo \(simulated\)/);
  // The demo exchange needs no passphrase and has no testnet.
  await expect(page.getByTestId("exchange-passphrase")).toHaveCount(0);
  await expect(page.getByTestId("exchange-testnet")).toHaveCount(0);
  await page.getByTestId("exchange-label").fill(label);
  await page.getByTestId("exchange-api-key").fill(apiKey);
  await page.getByTestId("exchange-api-secret").fill(apiSecret);
}

test("exchange keys: add a demo key, sync it and delete it; a wrong key is refused", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = collectPageErrors(page, /^\/settings\/exchange-keys\/?$/);
  const rows = page.getByTestId("exchange-key-row");
  const row = rows.filter({ hasText: LABEL });

  await test.step("sign in as the demo user and open Settings › Exchange keys", async () => {
    await page.goto("/login");
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/settings/profile");
    await page.getByTestId("settings-tab-exchange-keys").click();
    await page.waitForURL((url) => url.pathname === "/settings/exchange-keys");
    await expect(page.getByTestId("exchange-key-guidance")).toContainText("withdrawal");
    await expect(page.getByTestId("exchange-verify-notice")).toHaveCount(0);
    await expect(page.getByTestId("exchange-key-form")).toBeVisible();
  });

  await test.step("a key that the exchange rejects is refused and nothing is stored", async () => {
    const before = await rows.count();
    await fillKeyForm(page, { label: "E2E refused", apiKey: "live-e2e-key-123456", apiSecret: DEMO_SECRET });
    await page.getByTestId("exchange-submit").click();
    const formError = page.getByTestId("form-error");
    await expect(formError).toBeVisible({ timeout: 20_000 });
    await expect(formError).toHaveAttribute("data-code", "EXCHANGE_AUTH_FAILED");
    await expect(formError).toContainText("Demo (simulated) rejected this API key");
    await expect(rows).toHaveCount(before);
    await expect(rows.filter({ hasText: "E2E refused" })).toHaveCount(0);
  });

  await test.step("add a demo key: it is tested, stored and listed masked", async () => {
    await fillKeyForm(page, { label: LABEL, apiKey: DEMO_API_KEY, apiSecret: DEMO_SECRET });
    await page.getByTestId("exchange-submit").click();
    await expect(page.getByTestId("exchange-key-added")).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("form-error")).toHaveCount(0);
    await expect(row).toHaveCount(1);
    await expect(row).toHaveAttribute("data-status", "active");
    const masked = row.getByTestId("exchange-key-masked");
    await expect(masked).toContainText("3456");
    await expect(masked).not.toContainText(DEMO_API_KEY);
    // Neither the key nor the secret is ever sent back to the page.
    await expect(page.locator("body")).not.toContainText(DEMO_API_KEY);
    await expect(page.locator("body")).not.toContainText(DEMO_SECRET);
    await expect(page.getByTestId("exchange-api-key")).toHaveValue("");
    await expect(page.getByTestId("exchange-api-secret")).toHaveValue("");
  });

  await test.step("test the stored key", async () => {
    await row.getByTestId("exchange-key-test").click();
    await expect(page.getByText(`“${LABEL}”: the connection works.`)).toBeVisible({ timeout: 20_000 });
    await expect(row).toHaveAttribute("data-status", "active");
  });

  await test.step("sync: the summary shows the total value", async () => {
    await row.getByTestId("exchange-key-sync").click();
    const summary = page.getByTestId("sync-summary");
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("sync-summary-text")).toHaveText(/^Synced \d+ trades?, \d+ transfers? — total \$[\d,]+\.\d{2}$/);
    await page.getByTestId("sync-summary-close").click();
    await expect(summary).toHaveCount(0);
    await expect(row.getByText("Never")).toHaveCount(0);
  });

  await test.step("delete the key after confirming", async () => {
    await row.getByTestId("exchange-key-delete").click();
    await expect(page.getByRole("alertdialog")).toContainText("The synced portfolio stays.");
    await page.getByTestId("exchange-key-delete-confirm").click();
    await expect(row).toHaveCount(0);
    await expect(page.getByRole("alertdialog")).toHaveCount(0);
  });

  expect(problems).toEqual([]);
});
