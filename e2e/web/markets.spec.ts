import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";
const SYMBOL = "BTC-USDT";

// The web server's seed writes the demo user's random password here before /api/health answers.
function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

function marketPrice(page: Page, symbol: string) {
  return page.locator(`[data-testid="market-price"][data-symbol="${symbol}"]`);
}

async function candleCount(page: Page): Promise<number> {
  return Number((await page.getByTestId("candle-chart").getAttribute("data-candles")) ?? "0");
}

test("markets: the live table, search, favourites and a pair's chart, book and trades", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = collectPageErrors(page, /^\/(dashboard|markets|markets\/(?!NOPE-)[A-Z0-9]+-[A-Z0-9]+)\/?$/);
  const rows = page.getByTestId("market-row");

  await test.step("sign in as the demo user; the dashboard shows the ticker strip", async () => {
    await page.goto("/login");
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/dashboard");
    const strip = page.getByTestId("ticker-strip");
    await expect(strip).toBeVisible();
    await expect(strip.getByTestId("ticker-strip-item").first()).toHaveAttribute("data-symbol", SYMBOL);
    await expect(strip.locator(`[data-testid="ticker-strip-price"][data-symbol="${SYMBOL}"]`)).toHaveText(/\d/);
  });

  await test.step("Markets is in the navigation and lists every tracked pair", async () => {
    await page.getByRole("navigation", { name: "Main", exact: true }).getByTestId("nav-markets").click();
    await page.waitForURL((url) => url.pathname === "/markets");
    await expect(page.getByTestId("markets-table")).toBeVisible();
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
    await expect(marketPrice(page, SYMBOL)).toHaveText(/^[\d,]+\.\d{2}$/);
  });

  await test.step("the stream goes live and the BTC-USDT price moves within 5 s", async () => {
    await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "live", { timeout: 15_000 });
    const first = (await marketPrice(page, SYMBOL).textContent())?.trim();
    await expect
      .poll(async () => (await marketPrice(page, SYMBOL).textContent())?.trim(), { timeout: 5_000, intervals: [200] })
      .not.toBe(first);
  });

  await test.step("search filters by symbol", async () => {
    await page.getByTestId("market-search").fill("eth/usd");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-symbol", "ETH-USDT");
    await page.getByTestId("market-search").fill("no such pair");
    await expect(page.getByTestId("markets-empty")).toBeVisible();
    await page.getByTestId("market-search").fill("");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(5);
  });

  await test.step("sorting by price puts the dearest pair first, and flips", async () => {
    await page.getByTestId("market-sort-price").click();
    await expect(rows.first()).toHaveAttribute("data-symbol", SYMBOL);
    await page.getByTestId("market-sort-price").click();
    await expect(rows.last()).toHaveAttribute("data-symbol", SYMBOL);
  });

  await test.step("a starred pair stays a favourite after a reload", async () => {
    const star = page.locator(`[data-testid="market-favourite"][data-symbol="${SYMBOL}"]`);
    await expect(star).toHaveAttribute("aria-pressed", "false");
    await star.click();
    await expect(star).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId("market-filter-favourites").click();
    await expect(rows).toHaveCount(1);
    await page.reload();
    await expect(star).toHaveAttribute("aria-pressed", "true");
    await page.getByTestId("market-filter-favourites").click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-symbol", SYMBOL);
    await page.getByTestId("market-filter-all").click();
  });

  await test.step("the pair page draws candles, the book and the trades", async () => {
    await rows.filter({ has: page.locator(`[data-symbol="${SYMBOL}"]`) }).first().getByTestId("market-link").click();
    await page.waitForURL((url) => url.pathname === `/markets/${SYMBOL}`);
    await expect(page.getByTestId("symbol-price")).toHaveText(/\d/);
    await expect.poll(() => candleCount(page), { timeout: 15_000 }).toBeGreaterThan(50);
    await expect(page.getByTestId("candle-chart").locator("canvas").first()).toBeVisible();
    await expect(page.getByTestId("orderbook").getByTestId("orderbook-level").first()).toBeVisible();
    await expect(page.getByTestId("recent-trades").getByTestId("recent-trade").first()).toBeVisible();
    await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "live", { timeout: 15_000 });
  });

  await test.step("switching to 1h loads and redraws the hourly candles", async () => {
    const frame = page.getByTestId("candle-chart-frame");
    await expect(frame).not.toHaveAttribute("data-timeframe", "1h");
    await page.getByTestId("timeframe-1h").click();
    await expect(page.getByTestId("timeframe-1h")).toHaveAttribute("aria-pressed", "true");
    await expect(frame).toHaveAttribute("data-timeframe", "1h", { timeout: 15_000 });
    await expect.poll(() => candleCount(page)).toBeGreaterThan(50);
    await expect(page.getByTestId("chart-error")).toHaveCount(0);
    expect(new URL(page.url()).searchParams.get("tf")).toBe("1h");
  });

  await test.step("an unknown pair is a 404", async () => {
    const response = await page.goto("/markets/NOPE-USDT");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  expect(problems).toEqual([]);
});
