import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";

function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

/** Serious and critical WCAG 2.x A/AA violations of the page as it is now, one line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.impact} ${violation.id} (${violation.help}): ${node.target.join(" ")} — ${node.failureSummary?.replace(/\s+/g, " ") ?? ""}`),
    );
}

async function scan(page: Page, name: string, schemes: readonly ("light" | "dark")[] = ["light", "dark"]): Promise<void> {
  for (const scheme of schemes) {
    await page.emulateMedia({ colorScheme: scheme });
    // next-themes follows the system scheme: let the class and the colours settle before scanning.
    await expect(page.locator("html")).toHaveClass(new RegExp(`\\b${scheme}\\b`));
    await page.waitForTimeout(300);
    // Soft: one run reports every page and scheme, not just the first with a problem.
    expect.soft(await seriousViolations(page), `${name} (${scheme})`).toEqual([]);
  }
}

test("a11y: landing, login, dashboard and portfolio pages have no serious or critical axe violations", async ({ page }) => {
  test.setTimeout(4 * 60_000);

  await test.step("landing", async () => {
    await page.goto("/");
    await expect(page.locator("h1").first()).toBeVisible();
    await scan(page, "landing");
  });

  await test.step("login", async () => {
    await page.goto("/login");
    await expect(page.getByTestId("login-email")).toBeVisible();
    await scan(page, "login");
  });

  await test.step("dashboard", async () => {
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/dashboard");
    await expect(page.getByTestId("dashboard-total-value")).toBeVisible();
    await expect(page.getByTestId("dashboard-value-chart").locator("svg.recharts-surface").first()).toBeVisible();
    await scan(page, "dashboard");
  });

  await test.step("portfolios list and a portfolio", async () => {
    await page.goto("/portfolios");
    const card = page.getByTestId("portfolio-card").first();
    await expect(card).toBeVisible();
    await scan(page, "portfolios");
    await card.getByTestId("portfolio-link").click();
    await page.waitForURL(/\/portfolios\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("holding-row").first()).toBeVisible();
    await scan(page, "portfolio");
  });

  await test.step("mobile width: dashboard", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/dashboard");
    await expect(page.getByTestId("dashboard-total-value")).toBeVisible();
    await scan(page, "dashboard (phone)", ["light"]);
  });
});
