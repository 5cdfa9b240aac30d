import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  "server-only": path.join(root, "test/empty-module.ts"),
};

const INTEGRATION = ["{lib,db,app,scripts}/**/*.int.test.ts"];

// Unit tests (pure code) run once. Integration tests (*.int.test.ts) run on embedded PGlite with the
// in-process bus and limiter, and again on PostgreSQL + Redis when TEST_DATABASE_URL and TEST_REDIS_URL
// are set; that run gets a database and a Redis key prefix of its own (test/global-setup-postgres.ts).
const withServers = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["{lib,db,app,components,scripts,bench}/**/*.test.{ts,tsx}"],
          exclude: [...INTEGRATION, "node_modules/**"],
          environment: "node",
          env: { NODE_ENV: "test" as const, LOCAL_SECRETS: "1", DATA_DIR: ".data/test", PGLITE_DIR: "memory://" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration-pglite",
          include: INTEGRATION,
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          setupFiles: ["test/setup-integration.ts"],
          env: {
            NODE_ENV: "test" as const,
            LOCAL_SECRETS: "1",
            DATA_DIR: ".data/test",
            PGLITE_DIR: "memory://",
            DATABASE_URL: "",
            REDIS_URL: "",
          },
        },
      },
      ...(withServers
        ? [
            {
              resolve: { alias },
              test: {
                name: "integration-postgres-redis",
                include: INTEGRATION,
                environment: "node",
                testTimeout: 30_000,
                hookTimeout: 60_000,
                globalSetup: ["test/global-setup-postgres.ts"],
                setupFiles: ["test/setup-integration.ts"],
                env: { NODE_ENV: "test" as const, LOCAL_SECRETS: "1", DATA_DIR: ".data/test" },
              },
            },
          ]
        : []),
    ],
  },
});
