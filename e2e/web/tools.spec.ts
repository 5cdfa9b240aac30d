import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";

// The web server's seed writes the demo user's random password here before /api/health answers.
function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

async function fillPosition(page: Page, values: { entry?: string; quantity?: string; leverage?: string; fee?: string; stop?: string; wallet?: string }) {
  if (values.entry !== undefined) await page.getByTestId("liq-entry").fill(values.entry);
  if (values.quantity !== undefined) await page.getByTestId("liq-quantity").fill(values.quantity);
  if (values.leverage !== undefined) await page.getByTestId("liq-leverage").fill(values.leverage);
  if (values.fee !== undefined) await page.getByTestId("liq-fee").fill(values.fee);
  if (values.stop !== undefined) await page.getByTestId("liq-stop").fill(values.stop);
  if (values.wallet !== undefined) await page.getByTestId("liq-wallet").fill(values.wallet);
}

test("tools: the liquidation calculator explains its inputs, matches Binance's formula and draws the price axis", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = collectPageErrors(page, /^\/tools(\/liquidation)?\/?$/);
  const price = page.getByTestId("liq-result-price");

  await test.step("sign in; the Tools entry leads to the calculator", async () => {
    await page.goto("/login");
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/tools");
    await page.waitForURL((url) => url.pathname === "/tools/liquidation");
    await expect(page.getByRole("heading", { name: "Liquidation calculator" })).toBeVisible();
    await expect(page.locator('a[href="/tools/liquidation"]').first()).toBeAttached();
    await expect(page.getByText("Initial margin = notional ÷ leverage", { exact: false })).toBeVisible();
  });

  await test.step("long, isolated, 0.5 BTC at 60,000, 10x, no fee: Binance's 54,216.87", async () => {
    await page.getByTestId("liq-symbol").selectOption("BTCUSDT");
    await page.getByTestId("liq-side-long").click();
    await page.getByTestId("liq-margin-mode-isolated").click();
    await fillPosition(page, { entry: "60000", quantity: "0.5", leverage: "10", fee: "0" });
    await expect(price).toHaveText("54,216.87");
    await expect(page.getByTestId("liq-result-im")).toHaveText("3,000.00 USDT");
    await expect(page.getByTestId("liq-result-mm")).toHaveText("120.00 USDT");
  });

  await test.step("the default 0.05 % closing fee moves it towards entry; a short flips it above", async () => {
    await fillPosition(page, { fee: "0.05" });
    await expect(price).toHaveText("54,244.10");
    await fillPosition(page, { fee: "0" });
    await page.getByTestId("liq-side-short").click();
    await expect(price).toHaveText("65,737.05");
  });

  await test.step("a stop before liquidation is drawn on the axis and its loss estimated", async () => {
    await fillPosition(page, { stop: "63000" });
    await expect(page.getByTestId("liq-axis")).toBeVisible();
    for (const mark of ["entry", "liquidation", "stop"]) await expect(page.getByTestId(`liq-axis-${mark}`)).toBeVisible();
    await expect(page.getByTestId("liq-stop-note")).toContainText("fires before liquidation");
    await fillPosition(page, { stop: "70000" });
    await expect(page.getByTestId("liq-stop-note")).toContainText("liquidated first");
  });

  await test.step("cross margin needs a wallet balance; too much leverage is refused with the reason", async () => {
    await page.getByTestId("liq-margin-mode-cross").click();
    await expect(page.getByTestId("liq-error-walletBalance")).toContainText("walletBalance is required");
    await fillPosition(page, { wallet: "10000" });
    await expect(price).toHaveText(/\d/);
    await fillPosition(page, { quantity: "10", entry: "50000", leverage: "125" });
    await expect(page.getByTestId("liq-error-leverage")).toContainText("at most 100x");
  });

  await test.step("the page works at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    // 0.1 BTC at 20x needs 250 USDT of the 10,000 wallet.
    await fillPosition(page, { quantity: "0.1", leverage: "20" });
    await expect(price).toHaveText(/\d/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
  });

  // The calculator shows validation answers (400 with details) inline; the browser logs each such response.
  expect(problems.filter((problem) => !problem.includes("status of 400"))).toEqual([]);
});
