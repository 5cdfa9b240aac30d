// @ts-check
import { withSerwist } from "@serwist/turbopack";

// Security headers on every response, static files and errors included (lib/security/headers.ts has the
// same list for answers that bypass Next; keep them in step). The Content-Security-Policy is set per
// request by proxy.ts, with a nonce for pages. HSTS only in production builds: browsers ignore it on http.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  {
    key: "Permissions-Policy",
    value:
      "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()",
  },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The Docker image is built from the standalone output; `npm start` serves .next directly.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // Native, WASM or worker-thread packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "pino",
    "pino-pretty",
    "ioredis",
    "@node-rs/argon2",
    "ccxt",
    "nodemailer",
    // Loaded once from node_modules, not copied into each route's bundle: limiters and metrics are
    // process singletons, and a rejection's class must be the same one `instanceof` checks against.
    "rate-limiter-flexible",
    "prom-client",
  ],
  // `npm test` (and so CI) gates on `tsc --noEmit` over the whole project, tests included; the build
  // does not repeat it, which keeps a user's first `npm start` short.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

// withSerwist: esbuild (which bundles the service worker, app/serwist/[path]/route.ts) stays external.
export default withSerwist(nextConfig);
