import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";

function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

test("news and pumps: sample headlines on the dashboard and a pair's page; the live pumps list", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = collectPageErrors(page, /^\/(dashboard|markets\/BTC-USDT|signals\/pumps)\/?$/);

  await page.goto("/login");
  await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });

  await test.step("the dashboard shows the sample news, labelled as such (the refresh job runs at start)", async () => {
    await expect(async () => {
      await page.goto("/dashboard");
      await expect(page.getByTestId("dashboard-news").getByTestId("news-item").first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByTestId("dashboard-news").getByTestId("news-sample-badge").first()).toHaveText("sample");
  });

  await test.step("the BTC-USDT page lists only headlines that mention Bitcoin", async () => {
    await page.goto("/markets/BTC-USDT");
    const items = page.getByTestId("symbol-news").getByTestId("news-item");
    await expect(items.first()).toBeVisible();
    for (const text of await items.allTextContents()) expect(text).toContain("BTC");
  });

  await test.step("the pumps page lists recent moves or says there are none, and filters", async () => {
    await page.goto("/signals/pumps");
    await expect(page.getByRole("heading", { name: "Pumps and dumps" })).toBeVisible();
    await expect(page.getByTestId("pumps-list").or(page.getByTestId("pumps-empty"))).toBeVisible();
    await page.getByTestId("pumps-filter-direction").click();
    await page.getByRole("option", { name: "Dumps only" }).click();
    await expect(page.getByTestId("pumps-list").or(page.getByTestId("pumps-empty"))).toBeVisible();
    for (const row of await page.getByTestId("pump-row").all()) await expect(row).toContainText("Dump");
  });

  expect(problems).toEqual([]);
});
