import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";

function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

const COMMON = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
};

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  for (const [name, value] of Object.entries(COMMON)) expect(headers[name], `${name} on ${where}`).toBe(value);
  expect(headers["permissions-policy"], `permissions-policy on ${where}`).toContain("camera=()");
  // The e2e server is a production build.
  expect(headers["strict-transport-security"], `hsts on ${where}`).toMatch(/max-age=\d+/);
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `csp on ${where}`).toContain("frame-ancestors 'none'");
}

function pageNonce(csp: string): string {
  const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1];
  expect(nonce).toBeTruthy();
  return nonce!;
}

/** Console messages about the Content-Security-Policy: any means the policy broke something. */
function collectCspViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/content security policy|refused to (execute|load|connect|apply)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("every kind of response carries the security headers; pages get a fresh script nonce", async ({ page, request }) => {
  const violations = collectCspViolations(page);
  const first = await page.goto("/");
  const headers = first!.headers();
  expectSecurityHeaders(headers, "/");
  const nonce = pageNonce(headers["content-security-policy"]!);
  // Next put the nonce on its scripts, next-themes on its inline theme script.
  const scripts = page.locator("script:not([src])");
  expect(await scripts.count()).toBeGreaterThan(0);
  for (const script of await scripts.all()) expect(await script.evaluate((el) => (el as HTMLScriptElement).nonce)).toBe(nonce);
  const second = await request.get("/");
  expect(pageNonce(second.headers()["content-security-policy"]!)).not.toBe(nonce);

  const answers: [string, APIResponse][] = [
    ["/login", await request.get("/login")],
    ["a missing page (404)", await request.get("/no-such-page")],
    ["API JSON", await request.get("/api/v1/exchanges")],
    ["an API 404", await request.get("/api/v1/no-such-route")],
    ["an API 401", await request.get("/api/v1/user/me")],
    ["health", await request.get("/api/health")],
  ];
  for (const [where, res] of answers) expectSecurityHeaders(res.headers(), where);
  expect(answers[1]![1].status()).toBe(404);
  expect(answers[3]![1].status()).toBe(404);
  expect(answers[4]![1].status()).toBe(401);
  expect(answers[2]![1].headers()["content-security-policy"]).toContain("default-src 'none'");

  // Static files come from Next without the proxy: the static headers still apply.
  const asset = await page.locator("script[src^='/_next/static/']").first().getAttribute("src");
  const assetRes = await request.get(asset!);
  expect(assetRes.status()).toBe(200);
  expect(assetRes.headers()["x-content-type-options"]).toBe("nosniff");

  // The theme switch still works under the policy (its script ran: <html> has a theme class).
  await expect(page.locator("html")).toHaveClass(/light|dark/);
  expect(violations).toEqual([]);
});

test("signed in: dashboard, live market page and charts work under the policy; cross-site cookie writes are refused", async ({ page }) => {
  test.setTimeout(2 * 60_000);
  const violations = collectCspViolations(page);
  await page.goto("/login");
  await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });

  const dashboard = await page.goto("/dashboard");
  pageNonce(dashboard!.headers()["content-security-policy"]!);
  await expect(page.getByTestId("ticker-strip")).toBeVisible();

  await page.goto("/markets/BTC-USDT");
  // The chart library draws (canvas), the order book polls (fetch) and live prices arrive over the
  // same-origin EventSource (connect-src 'self'): the stream reports itself live.
  await expect(page.getByTestId("symbol-price")).toHaveText(/\d/);
  await expect(page.getByTestId("candle-chart").locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("orderbook").getByTestId("orderbook-level").first()).toBeVisible();
  await expect(page.getByTestId("stream-status")).toHaveAttribute("data-status", "live", { timeout: 15_000 });

  // The browser context holds the session cookie. From another origin, a write is refused…
  const forged = await page.request.post("/api/v1/portfolios", {
    data: { name: "Forged" },
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
  });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ success: false, error: { code: "FORBIDDEN" } });
  const forgedNoFetchMeta = await page.request.post("/api/v1/portfolios", { data: { name: "Forged" }, headers: { origin: "https://evil.example" } });
  expect(forgedNoFetchMeta.status()).toBe(403);
  // …while reads, and writes from the app's own origin, go through.
  expect((await page.request.get("/api/v1/portfolios", { headers: { origin: "https://evil.example" } })).status()).toBe(200);
  const own = await page.request.post("/api/v1/portfolios", { data: { name: `Same-origin ${Date.now()}` }, headers: { origin: new URL(page.url()).origin } });
  expect(own.status()).toBe(201);
  await page.request.delete(`/api/v1/portfolios/${(await own.json()).data.id}`, { headers: { origin: new URL(page.url()).origin } });

  // The session cookie is HttpOnly and SameSite=Lax (Secure is added when served over https).
  const session = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  expect(violations).toEqual([]);
});
