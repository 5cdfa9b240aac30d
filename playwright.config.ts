import { defineConfig } from "@playwright/test";
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

// e2e runs against a production build served by `npm start`'s launcher on its own port and data dir.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = path.resolve(".data/e2e");
const baseURL = `http://127.0.0.1:${PORT}`;

// The runner's main process starts from an empty database; workers (TEST_WORKER_INDEX) must not wipe it.
if (!process.env.TEST_WORKER_INDEX && !process.env.E2E_KEEP_DATA) rmSync(E2E_DATA_DIR, { recursive: true, force: true });

const systemChromium = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (candidate): candidate is string => Boolean(candidate && existsSync(candidate)),
);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"], ["json", { outputFile: ".data/reports/playwright.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium when present (no download); otherwise Playwright's own.
      executablePath: systemChromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "web", testMatch: /web\/.*\.spec\.ts/, use: { viewport: { width: 1280, height: 800 } } },
    { name: "api", testMatch: /api\/.*\.spec\.ts/ },
  ],
  webServer: {
    command: "node scripts/start.mjs",
    url: `${baseURL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      DATA_DIR: E2E_DATA_DIR,
      APP_URL: baseURL,
      LOG_LEVEL: "warn",
      DATABASE_URL: "",
      REDIS_URL: "",
      // Signals are also generated on 1m candles here, so the live path (candle close → generator → bus
      // → SSE after the demo user's 5 min pro delay) is seen within minutes instead of a 15m close.
      SIGNAL_TIMEFRAMES: "1m,15m,1h",
    },
  },
});
