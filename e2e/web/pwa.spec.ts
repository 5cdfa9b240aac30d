import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { signOut, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";

function readDemoPassword(): string {
  const account = JSON.parse(readFileSync(path.join(E2E_DATA_DIR, "demo-account.json"), "utf8")) as { password?: string };
  if (!account.password) throw new Error("demo-account.json has no password");
  return account.password;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking the signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), "PNG signature").toBe(true);
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type ManifestIcon = { src: string; sizes?: string; type?: string; purpose?: string };
type Manifest = {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  id?: string;
  display?: string;
  theme_color?: string;
  background_color?: string;
  icons?: ManifestIcon[];
};

async function checkIcon(request: APIRequestContext, icon: ManifestIcon): Promise<void> {
  const response = await request.get(icon.src);
  expect(response.status(), icon.src).toBe(200);
  if (icon.type !== "image/png") return;
  expect(response.headers()["content-type"]).toContain("image/png");
  const { width, height } = pngSize(await response.body());
  expect(`${width}x${height}`, `${icon.src} has the size the manifest states`).toBe(icon.sizes);
}

/** Names of the user caches and the URLs they hold (read in the page, through the Cache API). */
async function userCaches(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(async () => {
    const result: Record<string, string[]> = {};
    for (const name of await caches.keys()) {
      if (!name.startsWith("tp-user-")) continue;
      const cache = await caches.open(name);
      result[name] = (await cache.keys()).map((request) => new URL(request.url).pathname + new URL(request.url).search);
    }
    return result;
  });
}

test("pwa: valid linked manifest, a registered service worker, the dashboard offline and a clean logout", async ({ page, context, request, baseURL }) => {
  test.setTimeout(4 * 60_000);

  await test.step("the manifest is linked from the pages and valid, its icons exist with the stated sizes", async () => {
    await page.goto("/");
    const href = await page.locator('head link[rel="manifest"]').getAttribute("href");
    expect(href).toBeTruthy();
    await page.goto("/login");
    await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", href!);
    await expect(page.locator('head meta[name="theme-color"]').first()).toHaveAttribute("content", /^#[0-9a-f]{6}$/i);

    const response = await request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/application\/(manifest\+)?json/);
    const manifest = (await response.json()) as Manifest;
    expect(manifest.name).toBe("TradePulse");
    expect(manifest.short_name?.length ?? 0).toBeGreaterThan(0);
    expect(manifest.short_name!.length).toBeLessThanOrEqual(12);
    expect(["standalone", "fullscreen", "minimal-ui"]).toContain(manifest.display);
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    // Lighthouse's installability rules: a start URL inside the scope, on this origin.
    const start = new URL(manifest.start_url ?? "", baseURL);
    const scope = new URL(manifest.scope ?? "/", baseURL);
    expect(start.origin).toBe(new URL(baseURL!).origin);
    expect(start.pathname.startsWith(scope.pathname)).toBe(true);
    const icons = manifest.icons ?? [];
    const any = icons.filter((icon) => (icon.purpose ?? "any").split(" ").includes("any") && icon.type === "image/png");
    expect(any.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(icons.some((icon) => icon.purpose?.split(" ").includes("maskable") && icon.sizes === "512x512")).toBe(true);
    for (const icon of icons) await checkIcon(request, icon);
  });

  await test.step("the service worker registers and controls the pages, under the pages' CSP", async () => {
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto("/login");
    const registration = await page.evaluate(async () => {
      const ready = await navigator.serviceWorker.ready;
      return { scope: ready.scope, script: ready.active?.scriptURL ?? "" };
    });
    expect(registration.scope).toBe(new URL("/", baseURL).href);
    expect(new URL(registration.script).pathname).toBe("/serwist/sw.js");
    // Installed (the shell precached) and activated.
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state ?? ""), { timeout: 30_000 })
      .toBe("activated");
    // clientsClaim: the page that registered it is controlled without a reload.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? "")).toContain("/serwist/sw.js");
    const script = await request.get("/serwist/sw.js");
    expect(script.status()).toBe(200);
    expect(script.headers()["content-type"]).toContain("javascript");
    expect(script.headers()["service-worker-allowed"]).toBe("/");
    expect(cspViolations).toEqual([]);
    // The shell is precached, the offline page included.
    const precached = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        if (!name.includes("precache")) continue;
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
      }
      return urls;
    });
    expect(precached).toContain("/~offline");
    expect(precached.some((url) => url.startsWith("/_next/static/"))).toBe(true);
    expect(precached).toContain("/icons/icon-192.png");
  });

  let totalValue = "";
  await test.step("signed in, the dashboard and the portfolio API answers are kept for this user only", async () => {
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/dashboard");
    const total = page.getByTestId("dashboard-total-value");
    await expect(total).toHaveText(/^\$\d{1,3}(,\d{3})*\.\d{2}$/);
    totalValue = (await total.textContent()) ?? "";
    await expect.poll(async () => Object.values(await userCaches(page)).flat(), { timeout: 30_000 }).toContain("/dashboard");
    // A portfolio API answer fetched by the page is kept too; the stream and auth endpoints never are.
    const fetched = await page.evaluate(async () => {
      const response = await fetch("/api/v1/portfolios", { headers: { accept: "application/json" } });
      return { status: response.status, count: ((await response.json()) as { data: unknown[] }).data.length };
    });
    expect(fetched.status).toBe(200);
    expect(fetched.count).toBeGreaterThan(0);
    await expect.poll(async () => Object.values(await userCaches(page)).flat()).toContain("/api/v1/portfolios");
    const caches = await userCaches(page);
    expect(Object.keys(caches)).toHaveLength(1);
    const kept = Object.values(caches).flat();
    expect(kept.some((url) => url.startsWith("/api/v1/stream") || url.startsWith("/api/auth") || url.startsWith("/api/v1/auth"))).toBe(false);
    expect(Object.keys(caches)[0]).toMatch(/^tp-user-[a-f0-9]{32}$/);
  });

  await test.step("the install button appears when the browser offers installation, and asks the browser", async () => {
    // Headless Chromium does not offer installation by itself: hand the page the event it would fire.
    await page.evaluate(() => {
      const offer = new Event("beforeinstallprompt", { cancelable: true }) as Event & Record<string, unknown>;
      offer.prompt = async () => {
        (window as unknown as Record<string, unknown>).__installPrompted = true;
      };
      offer.userChoice = Promise.resolve({ outcome: "dismissed", platform: "web" });
      window.dispatchEvent(offer);
    });
    const install = page.getByTestId("pwa-install");
    await expect(install).toBeVisible();
    await expect(install).toHaveAccessibleName("Install app");
    await install.click();
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__installPrompted)).toBe(true);
    // An offer can be used once: the button goes until the browser offers again.
    await expect(install).toHaveCount(0);
  });

  await test.step("with the network cut, the dashboard shows the kept portfolio marked offline with its time", async () => {
    const before = Date.now();
    await context.setOffline(true);
    await page.reload();
    const banner = page.getByTestId("offline-banner");
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/Offline, as of/);
    await expect(banner).toHaveAttribute("data-from-cache", "true");
    const asOf = Date.parse((await page.getByTestId("offline-as-of").getAttribute("datetime")) ?? "");
    expect(asOf).toBeLessThanOrEqual(before + 1_000);
    expect(asOf).toBeGreaterThan(before - 5 * 60_000);
    await expect(page.getByTestId("dashboard-total-value")).toHaveText(totalValue);

    // The kept API answer is served, marked as a copy.
    const offlineApi = await page.evaluate(async () => {
      const response = await fetch("/api/v1/portfolios", { headers: { accept: "application/json" } });
      return { status: response.status, fromCache: response.headers.get("x-tradepulse-from-cache"), cachedAt: response.headers.get("x-tradepulse-cached-at") };
    });
    expect(offlineApi).toMatchObject({ status: 200, fromCache: "1" });
    expect(Number.isFinite(Date.parse(offlineApi.cachedAt ?? ""))).toBe(true);
  });

  await test.step("a page never kept (settings) gets the offline page, which lists what is saved", async () => {
    await page.goto("/settings/profile");
    await expect(page.getByTestId("offline-page")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
    const saved = page.getByTestId("offline-pages");
    await expect(saved.getByRole("link", { name: /Dashboard/ })).toBeVisible();
    // The offline page hydrates at an address not its own, and Next may reload it once while doing so: a
    // click in that moment is lost, so the step retries the click until the saved dashboard opens.
    await expect(async () => {
      if (await saved.isVisible()) await saved.getByRole("link", { name: /Dashboard/ }).click();
      await expect(page.getByTestId("dashboard-total-value")).toHaveText(totalValue, { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("offline-banner")).toBeVisible();
  });

  await test.step("back online the live page returns; signing out wipes the kept user data", async () => {
    // The copy on screen reloads itself into the live page when the connection returns.
    await context.setOffline(false);
    await expect(page.getByTestId("offline-banner")).toHaveCount(0, { timeout: 40_000 });
    await page.waitForLoadState("load");
    await expect(page.getByTestId("dashboard-total-value")).toBeVisible();
    expect(Object.keys(await userCaches(page))).toHaveLength(1);
    await signOut(page);
    await expect.poll(async () => Object.keys(await userCaches(page))).toEqual([]);
    const signedInUserKept = await page.evaluate(async () => (await (await caches.open("tp-meta")).match("/__tradepulse/pwa-user")) !== undefined);
    expect(signedInUserKept).toBe(false);

    // Signed out and offline, a signed-in page shows the offline page with nothing saved.
    await context.setOffline(true);
    await page.goto("/dashboard");
    await expect(page.getByTestId("offline-page")).toBeVisible();
    await expect(page.getByTestId("offline-no-pages")).toBeVisible();
    await context.setOffline(false);
  });
});
