import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { mkdirSync } from "node:fs";
import postgres from "postgres";
import { env } from "@/lib/env";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = "postgres" | "pglite";

type Handle = {
  engine: Engine;
  db: Database;
  /** Runs SQL and returns plain rows whatever the engine. */
  rows: <T>(query: SQL) => Promise<T[]>;
  close: () => Promise<void>;
};

// One client per process: Next bundles instrumentation and routes separately, so a module-level
// variable would exist once per bundle. PGlite must never be opened twice on one data directory.
const globalForDb = globalThis as unknown as { __tradepulseDb?: Handle };

function createHandle(): Handle {
  if (env.databaseUrl) {
    const client = postgres(env.databaseUrl, {
      max: env.databasePoolSize,
      onnotice: () => {},
      connection: { application_name: "tradepulse" },
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" }) as unknown as Database;
    return {
      engine: "postgres",
      db,
      rows: async <T,>(query: SQL) => (await db.execute(query)) as unknown as T[],
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (env.pgliteDir !== "memory://") mkdirSync(env.pgliteDir, { recursive: true });
  const client = new PGlite(env.pgliteDir === "memory://" ? undefined : env.pgliteDir);
  const db = drizzlePglite(client, { schema, casing: "snake_case" }) as unknown as Database;
  return {
    engine: "pglite",
    db,
    rows: async <T,>(query: SQL) => ((await db.execute(query)) as unknown as { rows: T[] }).rows,
    close: () => client.close(),
  };
}

export function getDbHandle(): Handle {
  globalForDb.__tradepulseDb ??= createHandle();
  return globalForDb.__tradepulseDb;
}

export async function closeDb(): Promise<void> {
  const handle = globalForDb.__tradepulseDb;
  globalForDb.__tradepulseDb = undefined;
  if (handle) await handle.close();
}

/** The process's database, opened on first use (importing this module opens nothing). */
export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const real = getDbHandle().db;
    const value = Reflect.get(real, property, real) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(real) : value;
  },
});

export function queryRows<T>(query: SQL): Promise<T[]> {
  return getDbHandle().rows<T>(query);
}

export function databaseEngine(): Engine {
  return env.databaseUrl ? "postgres" : "pglite";
}
