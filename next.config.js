// @ts-check

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
  ],
  // `npm test` (and so CI) gates on `tsc --noEmit` over the whole project, tests included; the build
  // does not repeat it, which keeps a user's first `npm start` short.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
