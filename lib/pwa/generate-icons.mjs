// Renders the PWA's PNG icons from the logo's shapes (public/icon.svg) with the installed Chromium:
//   node lib/pwa/generate-icons.mjs
// Writes public/icons/icon-192.png, icon-512.png (rounded tile, "any") and maskable-512.png (full-bleed
// background, the mark inside the 80 % safe zone, so launchers may crop it to any shape). The PNGs are
// committed; run this again only when the logo changes.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const outDir = path.join(root, "public", "icons");
const BRAND = "#4f46e5";
const PULSE = "M10 36h11l5-13 8 22 6-15 4 6h10";

// The same drawing as public/icon.svg, at any size; `maskable` drops the rounded corners and shrinks
// the pulse line to the central safe zone.
function svg(size, maskable) {
  const inner = maskable
    ? `<g transform="translate(32 32) scale(0.72) translate(-32 -34)"><path d="${PULSE}" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></g>`
    : `<path d="${PULSE}" fill="none" stroke="#ffffff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="${size}" height="${size}"><rect width="64" height="64" rx="${maskable ? 0 : 14}" fill="${BRAND}"/>${inner}</svg>`;
}

const targets = [
  { file: "icon-192.png", size: 192, maskable: false },
  { file: "icon-512.png", size: 512, maskable: false },
  { file: "maskable-512.png", size: 512, maskable: true },
  { file: "apple-touch-icon.png", size: 180, maskable: true },
];

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((candidate) => existsSync(candidate));
const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  mkdirSync(outDir, { recursive: true });
  for (const { file, size, maskable } of targets) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg(size, maskable)}</body></html>`);
    await page.locator("svg").screenshot({ path: path.join(outDir, file), omitBackground: true });
    await page.close();
    console.log(`public/icons/${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
