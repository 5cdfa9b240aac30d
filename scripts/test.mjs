// `npm test`: lint, typecheck, unit + integration tests (PGlite, and PostgreSQL + Redis when
// TEST_DATABASE_URL and TEST_REDIS_URL are set), a production build, then e2e in Chromium.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const reports = path.join(root, ".data", "reports");
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.NODE_ENV;

function findChromium() {
  const system = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => p && existsSync(p));
  if (system) return { path: system, kind: "system" };
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("playwright-core");
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: own, kind: "playwright" };
  } catch {
    // playwright-core missing: fall through to the message below.
  }
  return undefined;
}

const chromium = findChromium();
if (!chromium) {
  console.error(
    "npm test needs Chromium for the e2e tests and found none. Install one of:\n" +
      "  - your system's package (Debian/Ubuntu: sudo apt-get install chromium), or set CHROMIUM_PATH=/path/to/chromium\n" +
      "  - Playwright's own build: npx playwright install chromium (downloads it)",
  );
  process.exit(1);
}

const withServers = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);
const steps = [
  ["lint", bin("eslint"), ["--max-warnings", "0", "."]],
  ["typecheck", bin("tsc"), ["--noEmit"]],
  [
    withServers ? "unit + integration (PGlite; PostgreSQL + Redis)" : "unit + integration (PGlite)",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`],
  ],
  ["production build", process.execPath, ["scripts/start.mjs", "--build-only"]],
  ["e2e (Chromium)", bin("playwright"), ["test"]],
];

if (!withServers) {
  console.log("Note: TEST_DATABASE_URL and TEST_REDIS_URL are not set; integration tests run on embedded PGlite only.");
}
console.log(`Chromium for e2e: ${chromium.path} (${chromium.kind})`);

const timings = [];
let failedStep;
for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...env, CHROMIUM_PATH: chromium.path } });
  timings.push(`${name}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0) {
    failedStep = name;
    break;
  }
}

const counts = { passed: 0, failed: 0, skipped: 0 };
const vitestReport = path.join(reports, "vitest.json");
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, "utf8"));
  counts.passed += report.numPassedTests ?? 0;
  counts.failed += report.numFailedTests ?? 0;
  counts.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
const playwrightReport = path.join(reports, "playwright.json");
if (existsSync(playwrightReport)) {
  const stats = JSON.parse(readFileSync(playwrightReport, "utf8")).stats ?? {};
  counts.passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  counts.failed += stats.unexpected ?? 0;
  counts.skipped += stats.skipped ?? 0;
}

console.log(`\n${timings.join("\n")}`);
if (failedStep) console.log(`FAILED at: ${failedStep}`);
console.log(`${counts.passed} passed, ${counts.failed + (failedStep && counts.failed === 0 ? 1 : 0)} failed, ${counts.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
