import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";

import { E2E_DATA_DIR } from "../../playwright.config";
import { collectPageErrors, submitPassword } from "../helpers/auth";

const DEMO_EMAIL = "demo@tradepulse.local";
const SYMBOL = "BTC-USDT";
const AI_PAGE = /^\/ai\/?$/;
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

test("ai: the demo user (pro, offline analyst) analyzes BTC-USDT and chats with a streamed answer", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  const problems = collectPageErrors(page, AI_PAGE);

  await test.step("sign in and open the AI analyst from the navigation", async () => {
    await page.goto("/login");
    await submitPassword(page, { email: DEMO_EMAIL, password: readDemoPassword() });
    await page.goto("/ai");
    await expect(page.getByRole("heading", { level: 1, name: "AI analyst" })).toBeVisible();
    await expect(page.getByTestId("ai-analyst-kind")).toContainText("offline analyst");
    await expect(page.getByTestId("ai-symbol")).toContainText(SYMBOL);
    await expect(page.getByTestId("ai-quota")).toContainText(/\d+ of 50 AI requests left today/);
  });

  await test.step("analyze: the structured answer renders as a card", async () => {
    await page.getByTestId("ai-analyze").click();
    const card = page.getByTestId("ai-analysis");
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card).toHaveAttribute("data-source", "offline");
    await expect(card.getByTestId("ai-source")).toHaveText("Offline analyst");
    await expect(card.getByTestId("ai-stance")).toHaveText(/^(bullish|bearish|neutral)$/);
    await expect(card.getByTestId("ai-trend")).toHaveText(/(up|down|sideways) · (weak|moderate|strong)/i);
    await expect(card.getByTestId("ai-confidence")).toHaveText(/^\d{1,3} %$/);
    await expect(card.getByTestId("ai-summary")).toContainText("Offline analyst");
    await expect(card.getByTestId("ai-summary")).toContainText(SYMBOL);
    await expect(card.getByTestId("ai-level").first()).toBeVisible();
    await expect(card.getByTestId("ai-risks").locator("li").first()).toBeVisible();
    await expect(card.getByTestId("ai-generated-at")).toContainText(/Made at \d{2}:\d{2}:\d{2}/);
  });

  await test.step("a second analysis within five minutes comes from the cache", async () => {
    const quotaBefore = await page.getByTestId("ai-quota").textContent();
    await page.getByTestId("ai-analyze").click();
    await expect(page.getByTestId("ai-analysis")).toHaveAttribute("data-cached", "true");
    await expect(page.getByTestId("ai-generated-at")).toContainText("from cache");
    await expect(page.getByTestId("ai-quota")).toHaveText(quotaBefore ?? "");
  });

  await test.step("chat: the answer streams in pieces and is honest that it is offline", async () => {
    const input = page.getByTestId("ai-chat-input");
    await input.fill("Where are the support levels and what are the risks?");
    // Watch the answer grow: record its length every few milliseconds while it streams.
    const lengths = page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const seen: number[] = [];
          const started = performance.now();
          const timer = setInterval(() => {
            const answer = document.querySelector('[data-testid="ai-chat-answer"]');
            if (answer) seen.push(answer.textContent?.length ?? 0);
            if ((answer && answer.getAttribute("data-streaming") === "false" && seen.length > 1) || performance.now() - started > 20_000) {
              clearInterval(timer);
              resolve(seen);
            }
          }, 10);
        }),
    );
    await page.getByTestId("ai-chat-send").click();
    const answer = page.getByTestId("ai-chat-answer").last();
    await expect(answer).toHaveAttribute("data-streaming", "false", { timeout: 30_000 });
    await expect(answer).toContainText("offline analyst");
    await expect(answer).toContainText("Support:");
    await expect(answer).toContainText("Risks:");
    const growth = new Set((await lengths).filter((n) => n > 0));
    expect(growth.size, "the answer should arrive in several pieces").toBeGreaterThan(2);
    await expect(page.getByTestId("ai-chat-error")).toHaveCount(0);
    await expect(page.getByTestId("ai-chat-user")).toContainText("Where are the support levels");
  });

  expect(problems).toEqual([]);
});

test("ai: a free account sees an honest upgrade message and the API refuses it", async ({ page, request }) => {
  test.setTimeout(5 * 60_000);
  const user = { email: `ai-free-${randomBytes(4).toString("hex")}@example.com`, password: `Tp!${randomBytes(12).toString("base64url")}x9`, name: "Frida Free" };
  await registerUser(request, user);
  await page.goto("/login");
  await submitPassword(page, { email: user.email, password: user.password });
  await page.goto("/ai");
  const upgrade = page.getByTestId("ai-upgrade");
  await expect(upgrade).toBeVisible();
  await expect(upgrade).toContainText("not part of the Free plan");
  await expect(upgrade).toContainText("50 AI requests a day");
  await expect(page.getByTestId("ai-analyze")).toHaveCount(0);
  const response = await page.request.post(`/api/v1/ai/analyze/${SYMBOL}`);
  expect(response.status()).toBe(403);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("TIER_REQUIRED");
});
