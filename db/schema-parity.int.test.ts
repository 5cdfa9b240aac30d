import { PGlite } from "@electric-sql/pglite";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { describe, expect, test } from "vitest";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { env } from "@/lib/env";
import { MIGRATIONS_FOLDER } from "./migrate";

// One catalogue query, run on both engines: columns, constraints, indexes and enum labels.
// NOT NULL is compared through the columns: newer PostgreSQL (PGlite) also lists it in pg_constraint.
const CATALOGUE = `
  select 'column' as kind, table_name || '.' || column_name as name,
         concat_ws(' ', data_type, udt_name, is_nullable, column_default) as definition
    from information_schema.columns where table_schema = 'public'
  union all
  select 'constraint', conrelid::regclass::text || '.' || conname, pg_get_constraintdef(oid)
    from pg_constraint where connamespace = 'public'::regnamespace and contype <> 'n'
  union all
  select 'index', tablename || '.' || indexname, indexdef from pg_indexes where schemaname = 'public'
  union all
  select 'enum', t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder)
    from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname
  order by 1, 2`;

type Row = { kind: string; name: string; definition: string };

const adminUrl = process.env.TEST_DATABASE_URL;

// Runs once, in the PGlite project, whenever a PostgreSQL server is available to compare with.
describe.skipIf(!adminUrl || env.databaseUrl)("schema parity", () => {
  test("the same migrations produce the same schema on PGlite and on PostgreSQL", async () => {
    const name = `tradepulse_parity_${randomBytes(4).toString("hex")}`;
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(adminUrl!);
    url.pathname = `/${name}`;
    const server = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const embedded = new PGlite();
    try {
      await migratePostgres(drizzlePostgres(server), { migrationsFolder: MIGRATIONS_FOLDER });
      await migratePglite(drizzlePglite(embedded), { migrationsFolder: MIGRATIONS_FOLDER });
      const onServer = (await server.unsafe(CATALOGUE)) as unknown as Row[];
      const onEmbedded = (await embedded.query<Row>(CATALOGUE)).rows;
      const [version] = (await server.unsafe("show server_version")) as unknown as { server_version: string }[];
      console.log(`[parity] compared ${onServer.length} catalogue entries with PostgreSQL ${version!.server_version}`);
      expect(onServer.length).toBeGreaterThan(100);
      expect(onEmbedded.map((r) => ({ ...r }))).toEqual(onServer.map((r) => ({ ...r })));
    } finally {
      await server.end();
      await embedded.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  });
});
