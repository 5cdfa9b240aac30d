import { expect, test } from "@playwright/test";

test("the landing page says what TradePulse does, links to sign-in, and logs no console errors", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("body")).toContainText(/portfolio/i);
  await expect(page.locator("body")).toContainText(/signal/i);
  const signIn = page.getByTestId("landing-sign-in");
  await expect(signIn).toBeVisible();
  await expect(signIn).toHaveAttribute("href", "/login");
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});
