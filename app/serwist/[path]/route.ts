// GET /serwist/sw.js (and its source map): the PWA service worker, bundled from lib/pwa/sw.ts by Serwist
// with esbuild at build time (Turbopack has no plugin hook for it) and served as a static file.
// The precache manifest lists Next's static build files, public/ and the offline page.
import { randomUUID } from "node:crypto";
import { createSerwistRoute } from "@serwist/turbopack";

import { OFFLINE_URL } from "@/lib/pwa/constants";

// A new revision per build: the offline page is fetched again whenever a new worker installs.
const revision = randomUUID();

export const { dynamic, dynamicParams, revalidate, generateStaticParams, GET } = createSerwistRoute({
  swSrc: "lib/pwa/sw.ts",
  useNativeEsbuild: true,
  additionalPrecacheEntries: [{ url: OFFLINE_URL, revision }],
  // The push worker registers on its own scope (components/notifications/push-toggle.tsx); the icon
  // generator is a development script.
  globIgnores: ["**/node_modules/**/*", "public/push-sw.js", "lib/**/*"],
  // A classic script (not an ES module): registered without `type: "module"`, which every browser supports.
  esbuildOptions: { format: "iife" },
});
