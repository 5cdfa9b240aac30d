import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const ADMIN_PAGES = /^\/(admin(\/.*)?|settings\/profile|pricing)\/?$/;
const RATE_LIMIT_WINDOW_MS = 61_000;

// The embedded demo setup seeds an administrator next to the demo trader (lib/admin/demo-admin.ts) and
// writes its random password here before /api/health answers. Real deployments have no such account.
function readDemoAdmin(): { email: string; password: string } {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-admin-account.json"), "utf8")) as { email?: string; password?: string };
  if (!account.email || !account.password) throw new Error("demo-admin-account.json is incomplete");
  return { email: account.email, password: account.password };
}

async function registerUser(request: APIRequestContext, user: { email: string; password: string; name: string }): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await request.post("/api/v1/auth/register", { data: user });
    if (response.status() === 201) return;
    if (response.status() !== 429 || attempt >= 3) throw new Error(`register answered ${response.status()}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, RATE_LIMIT_WINDOW_MS));
  }
}

test("admin: find a user, change their plan, block an address, and see both in the audit log", async ({ page, browser, request }) => {
  test.setTimeout(5 * 60_000);
  const problems = collectPageErrors(page, ADMIN_PAGES);
  const tag = randomBytes(4).toString("hex");
  const member = { email: `member-${tag}@example.com`, password: `Tp!${randomBytes(12).toString("base64url")}x9`, name: `Mina Member ${tag}` };
  const blockedAddress = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
  const planEnd = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

  await test.step("a member registers; the public plans page compares the tiers", async () => {
    await registerUser(request, member);
    await page.goto("/");
    await page.getByTestId("landing-pricing").click();
    await expect(page).toHaveURL(/\/pricing$/);
    await expect(page.getByTestId("tier-row-maxPortfolios").locator('[data-tier="free"]')).toHaveText("3");
    await expect(page.getByTestId("tier-row-signalDelayMinutes").locator('[data-tier="premium"]')).toHaveText("Real time");
  });

  await test.step("the administrator signs in and opens the console from the user menu", async () => {
    await page.goto("/login");
    await submitPassword(page, readDemoAdmin());
    await page.getByTestId("user-menu-trigger").click();
    await page.getByTestId("user-menu-admin").click();
    await expect(page).toHaveURL(/\/admin$/);
    expect(Number(await page.getByTestId("admin-stat-users").getAttribute("data-value"))).toBeGreaterThanOrEqual(3);
  });

  await test.step("finds the member and gives them Premium for 30 days", async () => {
    await page.getByTestId("admin-tab-users").click();
    await page.getByTestId("user-search").fill(member.email);
    await page.getByTestId("user-search-submit").click();
    const row = page.locator(`[data-testid="user-row"][data-email="${member.email}"]`);
    await expect(row).toHaveCount(1);
    await expect(page.getByTestId("user-row")).toHaveCount(1);
    await expect(row).toHaveAttribute("data-tier", "free");

    await row.getByTestId("user-edit-open").click();
    const dialog = page.getByTestId("user-edit-dialog");
    await dialog.getByTestId("user-edit-tier").selectOption("premium");
    await dialog.getByTestId("user-edit-expiry").fill(planEnd);
    await dialog.getByTestId("user-edit-save").click();
    await expect(dialog).toBeHidden();
    await expect(row).toHaveAttribute("data-tier", "premium");
    await expect(row).toContainText(`ends ${planEnd} 23:59 UTC`);
  });

  await test.step("blocking an address needs a valid address; then it is listed", async () => {
    await page.getByTestId("admin-tab-blocked-ips").click();
    await page.getByTestId("block-ip-address").fill("10.0.0.0/8");
    await page.getByTestId("block-ip-reason").fill("Range attempt");
    await page.getByTestId("block-ip-submit").click();
    await expect(page.getByTestId("block-ip-form")).toContainText("CIDR");

    await page.getByTestId("block-ip-address").fill(blockedAddress);
    await page.getByTestId("block-ip-reason").fill(`Credential stuffing ${tag}`);
    await page.getByTestId("block-ip-duration").selectOption("10080");
    await page.getByTestId("block-ip-submit").click();
    const entry = page.locator(`[data-testid="blocked-ip-row"][data-ip="${blockedAddress}"]`);
    await expect(entry).toContainText(`Credential stuffing ${tag}`);
    await expect(entry).toContainText("admin@tradepulse.local");
  });

  await test.step("the audit log shows both changes with their before and after", async () => {
    await page.getByTestId("admin-tab-audit").click();
    await page.getByTestId("audit-filter-action").fill("admin.");
    await page.getByTestId("audit-filter-submit").click();
    await expect(page).toHaveURL(/action=admin\./);
    const tierRow = page.locator('[data-testid="admin-audit-row"][data-action="admin.user.tier_changed"]', { hasText: member.email });
    await expect(tierRow).toHaveCount(1);
    await expect(tierRow.getByTestId("admin-audit-details")).toContainText(`free (ends never) → premium (ends ${planEnd} 23:59 UTC)`);
    await expect(tierRow).toContainText("admin@tradepulse.local");
    const ipRow = page.locator('[data-testid="admin-audit-row"][data-action="admin.ip.blocked"]', { hasText: blockedAddress });
    await expect(ipRow).toHaveCount(1);
    await expect(ipRow.getByTestId("admin-audit-details")).toContainText(`Credential stuffing ${tag}`);

    // The address filter finds the block on its own.
    await page.getByTestId("audit-filter-action").fill("");
    await page.getByTestId("audit-filter-ip").fill(blockedAddress);
    await page.getByTestId("audit-filter-submit").click();
    await expect(page.getByTestId("admin-audit-row")).toHaveCount(1);
    await expect(page.getByTestId("admin-audit-row")).toHaveAttribute("data-action", "admin.ip.blocked");
  });

  await test.step("the member sees the new plan in settings, and has no admin console", async () => {
    const context = await browser.newContext();
    const memberPage = await context.newPage();
    await memberPage.goto("/login");
    await submitPassword(memberPage, member);
    await memberPage.goto("/settings/profile");
    await expect(memberPage.getByTestId("plan-name")).toHaveText("Premium");
    await expect(memberPage.getByTestId("plan-expiry")).toContainText(`Until ${planEnd} 23:59 UTC`);
    await expect(memberPage.getByTestId("plan-limit-maxPortfolios")).toContainText("of 50");
    await memberPage.getByTestId("user-menu-trigger").click();
    await expect(memberPage.getByTestId("user-menu-admin")).toHaveCount(0);
    await memberPage.keyboard.press("Escape");
    const response = await memberPage.goto("/admin/users");
    expect(response?.status()).toBe(404);
    await expect(memberPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const api = await memberPage.request.get("/api/v1/admin/users");
    expect(api.status()).toBe(403);
    await context.close();
  });

  expect(problems).toEqual([]);
});
