import { expect, type Locator, type Page } from "@playwright/test";

// Every auth form shares one limit per client address (10 a minute), and the whole e2e run comes from
// 127.0.0.1. A rate-limited submit waits out the window and tries again instead of failing the run.
const RATE_LIMITED = /too many attempts/i;
const RATE_LIMIT_WINDOW_MS = 61_000;

/**
 * Runs `submit` (fill and click) until `success` shows. Retries only when the form reports the
 * per-address rate limit; any other error fails at once with its message.
 */
export async function submitUntil(page: Page, { submit, success }: { submit: () => Promise<void>; success: Locator }): Promise<void> {
  const formError = page.getByTestId("form-error");
  for (let attempt = 1; ; attempt += 1) {
    const stale = (await formError.count()) > 0 ? await formError.first().elementHandle() : null;
    await submit();
    // The form clears its alert when it submits, so an alert from before is never read as the answer.
    if (stale) await stale.waitForElementState("hidden");
    await expect(success.or(formError).first()).toBeVisible({ timeout: 30_000 });
    if (await success.first().isVisible()) return;
    const message = (await formError.first().textContent()) ?? "";
    if (!RATE_LIMITED.test(message) || attempt >= 3) throw new Error(`The form answered with an error: ${message}`);
    await page.waitForTimeout(RATE_LIMIT_WINDOW_MS);
  }
}

/** Step one of sign-in; ends on the code step when 2FA is on, otherwise signed in. */
export async function submitPassword(page: Page, { email, password }: { email: string; password: string }): Promise<void> {
  await submitUntil(page, {
    submit: async () => {
      await page.getByTestId("login-email").fill(email);
      await page.getByTestId("login-password").fill(password);
      await page.getByTestId("login-submit").click();
    },
    success: page.getByTestId("login-code").or(page.getByTestId("user-menu-trigger")),
  });
}

/** Step two: `getCode` runs on every attempt, so a retry after a wait sends a current TOTP code. */
export async function submitSecondFactor(page: Page, getCode: () => Promise<string> | string): Promise<void> {
  await submitUntil(page, {
    submit: async () => {
      await page.getByTestId("login-code").fill(await getCode());
      await page.getByTestId("login-code-submit").click();
    },
    success: page.getByTestId("user-menu-trigger"),
  });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("user-menu-trigger").click();
  await page.getByTestId("sign-out").click();
  await page.waitForURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("login-email")).toBeVisible();
}

export const AUTH_PAGES = /^\/(login|register|forgot-password|reset-password|verify-email)\/?$/;

/**
 * Console errors and uncaught exceptions of a page while it shows a path matching `paths`, for a
 * final `expect(...).toEqual([])`.
 */
export function collectPageErrors(page: Page, paths: RegExp = AUTH_PAGES): string[] {
  const problems: string[] = [];
  const record = (text: string) => {
    const url = new URL(page.url());
    if (paths.test(url.pathname)) problems.push(`${url.pathname}: ${text}`);
  };
  page.on("console", (message) => {
    if (message.type() === "error") record(message.text());
  });
  page.on("pageerror", (error) => record(error.message));
  return problems;
}
