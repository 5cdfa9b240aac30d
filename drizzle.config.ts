import { defineConfig } from "drizzle-kit";

// Generation needs only the schema; migrations are applied by db/migrate.ts on start.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema",
  out: "./db/migrations",
  casing: "snake_case",
  strict: true,
  verbose: true,
});
