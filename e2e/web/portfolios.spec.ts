import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";
const DEMO_PORTFOLIO = "Demo portfolio";
const PORTFOLIO_PAGES = /^\/(dashboard|portfolios(\/[0-9a-f-]{36})?)\/?$/;
const RATE_LIMIT_WINDOW_MS = 61_000;

// The web server's seed writes the demo user's random password here before /api/health answers.
function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

// Registration shares the auth routes' per-address limit with every sign-in of the run: wait it out.
async function registerUser(request: APIRequestContext, user: { email: string; password: string; name: string }): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await request.post("/api/v1/auth/register", { data: user });
    if (response.status() === 201) return;
    if (response.status() !== 429 || attempt >= 3) throw new Error(`register answered ${response.status()}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT_WINDOW_MS));
  }
}

async function heldQuantity(page: Page, symbol: string): Promise<number> {
  const cell = page.locator(`[data-testid="holding-row"][data-symbol="${symbol}"]`).getByTestId("holding-quantity");
  return Number((await cell.getAttribute("data-quantity")) ?? "NaN");
}

test("portfolios: dashboard totals, add a transaction, share read-only with another user", async ({ page, browser, request }) => {
  test.setTimeout(5 * 60_000);
  const problems = collectPageErrors(page, PORTFOLIO_PAGES);
  const viewer = { email: `viewer-${randomBytes(4).toString("hex")}@example.com`, password: `Tp!${randomBytes(12).toString("base64url")}x9`, name: "Vera Viewer" };
  let portfolioUrl = "";

  await test.step("sign in as the demo user: the dashboard shows a total, the value chart and the allocation", async () => {
    await page.goto("/login");
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/dashboard");
    const total = page.getByTestId("dashboard-total-value");
    await expect(total).toHaveText(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(Number(await total.getAttribute("data-value"))).toBeGreaterThan(0);
    await expect(page.getByTestId("dashboard-change-24h")).toBeVisible();
    await expect(page.getByTestId("dashboard-pnl")).toHaveText(/\$/);

    const chart = page.getByTestId("dashboard-value-chart");
    await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
    await page.getByTestId("range-1w").click();
    await expect(chart).toHaveAttribute("data-range", "1w");
    const weekPoints = Number(await chart.getAttribute("data-points"));
    await page.getByTestId("range-1y").click();
    await expect(chart).toHaveAttribute("data-range", "1y");
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(weekPoints);

    const allocation = page.getByTestId("dashboard-allocation");
    await expect(allocation.locator("svg.recharts-surface").first()).toBeVisible();
    await expect(allocation.locator('[data-testid="allocation-row"][data-symbol="BTC"]')).toBeVisible();
  });

  await test.step("open the demo portfolio from the list", async () => {
    await page.goto("/portfolios");
    const card = page.getByTestId("portfolio-card").filter({ hasText: DEMO_PORTFOLIO });
    await expect(card).toHaveAttribute("data-role", "owner");
    await card.getByTestId("portfolio-link").click();
    await page.waitForURL(/\/portfolios\/[0-9a-f-]{36}$/);
    portfolioUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId("portfolio-name-heading")).toHaveText(DEMO_PORTFOLIO);
    await expect(page.getByTestId("holdings-table")).toBeVisible();
  });

  await test.step("add a buy of 0.01 BTC: the BTC holding grows by 0.01", async () => {
    const before = await heldQuantity(page, "BTC");
    expect(before).toBeGreaterThan(0);
    await page.getByTestId("add-transaction").click();
    await page.getByTestId("tx-symbol").fill("btc");
    await page.getByTestId("tx-quantity").fill("0.01");
    await page.getByTestId("tx-price").fill("50000");
    await page.getByTestId("tx-fee").fill("0.5");
    await page.getByTestId("tx-note").fill("e2e buy");
    await page.getByTestId("tx-submit").click();
    await expect(page.getByTestId("transaction-form")).toHaveCount(0);
    await expect.poll(() => heldQuantity(page, "BTC")).toBeCloseTo(before + 0.01, 8);
    await expect(page.getByTestId("transaction-row").filter({ hasText: "e2e buy" })).toHaveCount(1);
  });

  await test.step("selling more than is held is refused in the dialog, nothing saved", async () => {
    const rowsBefore = await page.getByTestId("transaction-row").count();
    await page.getByTestId("add-transaction").click();
    await page.getByTestId("tx-type").click();
    await page.getByRole("option", { name: "Sell", exact: true }).click();
    await page.getByTestId("tx-symbol").fill("BTC");
    await page.getByTestId("tx-quantity").fill("1000");
    await page.getByTestId("tx-price").fill("50000");
    await page.getByTestId("tx-submit").click();
    const error = page.getByTestId("tx-error");
    await expect(error).toHaveAttribute("data-code", "INSUFFICIENT_HOLDINGS");
    await expect(error).toContainText("Not enough BTC");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("transaction-form")).toHaveCount(0);
    await expect(page.getByTestId("transaction-row")).toHaveCount(rowsBefore);
  });

  await test.step("register a second user and share the portfolio with them as view", async () => {
    await registerUser(request, viewer);
    await page.getByTestId("share-open").click();
    await page.getByTestId("share-email").fill(viewer.email);
    await page.getByTestId("share-permission").click();
    await page.getByRole("option", { name: "View", exact: true }).click();
    await page.getByTestId("share-submit").click();
    const row = page.locator(`[data-testid="share-row"][data-email="${viewer.email}"]`);
    await expect(row).toHaveAttribute("data-permission", "view");
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("share-form")).toHaveCount(0);
  });

  await test.step("the viewer sees the shared portfolio, marked view, without edit controls", async () => {
    const context = await browser.newContext();
    const viewerPage = await context.newPage();
    const viewerProblems = collectPageErrors(viewerPage, PORTFOLIO_PAGES);
    await viewerPage.goto("/login");
    await submitPassword(viewerPage, { email: viewer.email, password: viewer.password });
    await viewerPage.goto("/portfolios");
    const card = viewerPage.getByTestId("portfolio-card").filter({ hasText: DEMO_PORTFOLIO });
    await expect(card).toHaveAttribute("data-role", "view");
    await expect(card.getByTestId("portfolio-shared-badge")).toHaveText(/Shared by .+ · view/);
    await card.getByTestId("portfolio-link").click();
    await viewerPage.waitForURL((url) => url.pathname === portfolioUrl);
    await expect(viewerPage.getByTestId("portfolio-role")).toHaveAttribute("data-role", "view");
    await expect(viewerPage.getByTestId("portfolio-role")).toContainText("view");
    await expect(viewerPage.getByTestId("holdings-table")).toBeVisible();
    await expect(viewerPage.getByTestId("transaction-row").first()).toBeVisible();
    for (const control of ["add-transaction", "tx-edit", "tx-delete", "import-open", "share-open", "portfolio-actions"]) {
      await expect(viewerPage.getByTestId(control)).toHaveCount(0);
    }
    expect(viewerProblems).toEqual([]);
    await context.close();
  });

  expect(problems).toEqual([]);
});
