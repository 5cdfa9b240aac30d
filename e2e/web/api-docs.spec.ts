import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

test("/docs/api renders the OpenAPI document itself: grouped, searchable, accessible, offline", async ({ page, baseURL }) => {
  const foreign: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(baseURL!) && !request.url().startsWith("data:")) foreign.push(request.url());
  });
  page.on("pageerror", (error) => problems.push(error.message));

  const response = await page.goto("/docs/api");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: /TradePulse REST API/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Portfolios" })).toBeVisible();

  const holdings = page.getByTestId("api-op-getHoldings");
  await expect(holdings).toContainText("/api/v1/portfolios/{portfolioId}/holdings");
  await expect(holdings).toContainText("Signed in");
  await page.getByTestId("api-op-getHoldings-toggle").click();
  await expect(holdings).toContainText("NOT_FOUND");
  await expect(holdings).toContainText("unrealizedPnl");

  const search = page.getByLabel("Search the API");
  await search.fill("transactions POST");
  await expect(page.getByTestId("api-op-createTransaction")).toBeVisible();
  await expect(page.getByTestId("api-op-getHoldings")).toHaveCount(0);
  await page.getByTestId("api-op-createTransaction-toggle").click();
  await expect(page.getByTestId("api-op-createTransaction")).toContainText("executedAt");
  await expect(page.getByTestId("api-op-createTransaction")).toContainText("INSUFFICIENT_HOLDINGS");
  await search.fill("zzz-no-such-operation");
  await expect(page.getByRole("status")).toContainText("No operation matches");
  await search.fill("holdings");
  await page.getByTestId("api-op-getHoldings-toggle").click();
  await expect(page.getByTestId("api-op-getHoldings")).toContainText("unrealizedPnl");

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).include("main").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);

  const doc = await page.request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(doc.headers()["cache-control"]).toMatch(/public/);
  expect((await doc.json()).openapi).toBe("3.1.0");

  expect(foreign).toEqual([]);
  expect(problems).toEqual([]);
});
