import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";

// The web server's seed writes the demo user's random password here before /api/health answers.
function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

test("robot: configure a paper robot, start it, stop it with the kill switch and read the answer; journal a manual trade", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = collectPageErrors(page, /^\/(robot|journal)\/?$/);
  const status = page.getByTestId("robot-status");

  await test.step("sign in as the demo user and open the robot from the navigation", async () => {
    await page.goto("/login");
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/robot");
    await expect(page.getByRole("heading", { name: "Trading robot" })).toBeVisible();
    await expect(page.getByTestId("robot-symbol")).toHaveText(/BTC-USDT/);
  });

  await test.step("invalid settings show the field's message; valid ones save a stopped robot", async () => {
    await page.getByTestId("robot-leverage").fill("200");
    await page.getByTestId("robot-balancePct").fill("0");
    await page.getByTestId("robot-save").click();
    await expect(page.getByTestId("robot-error-leverage")).toHaveText("Leverage must be at most 125.");
    await expect(page.getByTestId("robot-error-balancePct")).toHaveText("Balance per trade must be at least 1 %.");
    await expect(page.getByTestId("robot-start")).toBeDisabled();

    await page.getByTestId("robot-leverage").fill("2");
    await page.getByTestId("robot-balancePct").fill("10");
    await page.getByTestId("robot-takeProfitPct").fill("2");
    await page.getByTestId("robot-stopLossPct").fill("1");
    await page.getByTestId("robot-minConfidence").fill("70");
    await page.getByTestId("robot-save").click();
    await expect(page.getByTestId("robot-error-leverage")).toHaveCount(0);
    await expect(status).toHaveAttribute("data-state", "stopped");
    await expect(page.getByTestId("robot-paper-balance")).toContainText("10,000.00 USDT");
    await expect(page.getByTestId("robot-event").first()).toContainText("Robot for BTC-USDT created");
  });

  await test.step("start: the status turns to running and the log says so", async () => {
    await page.getByTestId("robot-start").click();
    await expect(status).toHaveAttribute("data-state", "running");
    await expect(status).toHaveText("Running");
    await expect(page.getByTestId("robot-event").first()).toContainText("Robot for BTC-USDT started in paper mode");
    await expect(page.getByTestId("robot-start")).toBeDisabled();
  });

  await test.step("kill switch: the confirmation says what will happen, the answer says what was done", async () => {
    await page.getByTestId("robot-stop").click();
    const confirm = page.getByTestId("robot-stop-confirm");
    await expect(confirm).toContainText("1 running robot will stop: BTC-USDT.");
    await expect(confirm).toContainText("No position is open.");
    await page.getByTestId("robot-stop-submit").click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId("robot-stop-summary")).toHaveText("Stopped 1 robot (BTC-USDT). No position was open.");
    await expect(status).toHaveAttribute("data-state", "stopped");
    await expect(page.getByTestId("robot-event").first()).toContainText("Robot for BTC-USDT stopped by the kill switch");
  });

  await test.step("journal: add a closed manual trade; it shows with its P&L and the win rate", async () => {
    await page.goto("/journal");
    await page.getByTestId("journal-add").click();
    await page.getByTestId("trade-symbol").fill("ETH-USDT");
    await page.getByTestId("trade-entryPrice").fill("3000");
    await page.getByTestId("trade-quantity").fill("2");
    await page.getByTestId("trade-exitPrice").fill("3100");
    await page.getByTestId("trade-fees").fill("5");
    await page.getByTestId("trade-submit").click();
    const row = page.getByTestId("journal-row").filter({ hasText: "ETH-USDT" });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("journal-row-pnl")).toHaveText("195.00");
    await expect(page.getByTestId("journal-win-rate")).toHaveText("100.0 %");
  });

  expect(problems).toEqual([]);
});
