import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { mkdirSync } from "node:fs";
import postgres from "postgres";
import { env } from "@/lib/env";
import { actingUserId } from "@/lib/security/context";
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

// Row-level security (migration 0003_rls): policies on user-owned tables compare each row's owner with
// the transaction-local setting `app.user_id`; unset means system work (jobs, the feed, sign-in lookups).
// While a request acts for a user (lib/security/context, opened by withApi), every statement sent
// through `db` runs in a short transaction that sets it first, and every db.transaction() sets it as
// its first statement. A transaction per statement (not per request) keeps PGlite's single connection
// free during a request's slow external calls.
const SET_ACTING_USER = "select set_config('app.user_id', $1, true)";

type PendingRows = Promise<unknown> & { values: () => Promise<unknown> };

/** postgres.js client whose statements and transactions carry the acting user. */
export function withActingUserPostgres(client: postgres.Sql): postgres.Sql {
  const unsafe = (query: string, params?: unknown[], options?: unknown): PendingRows => {
    const userId = actingUserId();
    const direct = () => client.unsafe(query, params as postgres.ParameterOrJSON<never>[], options as postgres.UnsafeQueryOptions);
    if (!userId) return direct() as unknown as PendingRows;
    const run = (asValues: boolean) =>
      client
        .begin(async (tx) => {
          // Sent together (pipelined); the setting is in effect before the statement runs.
          const set = tx.unsafe(SET_ACTING_USER, [userId]);
          const statement = tx.unsafe(query, params as postgres.ParameterOrJSON<never>[], options as postgres.UnsafeQueryOptions);
          await set;
          // Wrapped: begin() would flatten an array result with Promise.all and drop its fields.
          return { rows: asValues ? await statement.values() : await statement };
        })
        .then((wrapped) => (wrapped as unknown as { rows: unknown }).rows);
    let settled: Promise<unknown> | undefined;
    const pending = {
      then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => (settled ??= run(false)).then(onFulfilled, onRejected),
      catch: (onRejected?: (reason: unknown) => unknown) => (settled ??= run(false)).catch(onRejected),
      finally: (onFinally?: () => void) => (settled ??= run(false)).finally(onFinally),
      values: () => run(true),
    };
    return pending as unknown as PendingRows;
  };
  const begin = (...args: unknown[]) => {
    const userId = actingUserId();
    const callback = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
    const head = args.slice(0, -1) as [string?];
    if (!userId) return (client.begin as (...a: unknown[]) => unknown)(...head, callback);
    return (client.begin as (...a: unknown[]) => unknown)(...head, async (tx: postgres.TransactionSql) => {
      await tx.unsafe(SET_ACTING_USER, [userId]);
      return callback(tx);
    });
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") return unsafe;
      if (property === "begin") return begin;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** PGlite whose statements and transactions carry the acting user. */
export function withActingUserPglite(client: PGlite): PGlite {
  type Query = PGlite["query"];
  type Transaction = PGlite["transaction"];
  const query = ((sql: string, params?: unknown[], options?: Parameters<Query>[2]) => {
    const userId = actingUserId();
    if (!userId) return client.query(sql, params, options);
    return client.transaction(async (tx) => {
      await tx.query(SET_ACTING_USER, [userId]);
      return tx.query(sql, params, options);
    });
  }) as Query;
  const transaction = (async (callback: Parameters<Transaction>[0]) => {
    const userId = actingUserId();
    if (!userId) return client.transaction(callback);
    return client.transaction(async (tx) => {
      await tx.query(SET_ACTING_USER, [userId]);
      return callback(tx);
    });
  }) as Transaction;
  return new Proxy(client, {
    get(target, property) {
      if (property === "query") return query;
      if (property === "transaction") return transaction;
      const value = Reflect.get(target, property, target) as unknown;
      // PGlite keeps state in private fields: its methods must run on the real instance.
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function createHandle(): Handle {
  if (env.databaseUrl) {
    const client = postgres(env.databaseUrl, {
      max: env.databasePoolSize,
      onnotice: () => {},
      connection: { application_name: "tradepulse" },
    });
    const db = drizzlePostgres({ client: withActingUserPostgres(client), schema, casing: "snake_case" }) as unknown as Database;
    return {
      engine: "postgres",
      db,
      rows: async <T,>(query: SQL) => (await db.execute(query)) as unknown as T[],
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (env.pgliteDir !== "memory://") mkdirSync(env.pgliteDir, { recursive: true });
  const client = new PGlite(env.pgliteDir === "memory://" ? undefined : env.pgliteDir);
  const db = drizzlePglite({ client: withActingUserPglite(client), schema, casing: "snake_case" }) as unknown as Database;
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
