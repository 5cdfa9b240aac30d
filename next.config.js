// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  output: "standalone",
  // Native, WASM or worker-thread packages are loaded from node_modules at run time, not bundled.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "postgres",
    "pino",
    "pino-pretty",
    "ioredis",
    "@node-rs/argon2",
    "ccxt",
  ],
  typedRoutes: false,
};

export default nextConfig;
