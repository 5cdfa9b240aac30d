// npm run db:migrate – apply the committed migrations to DATABASE_URL, or to the embedded database.
// With the embedded database, stop the app first: PGlite allows one process per data directory.
import { closeDb, databaseEngine } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

await migrateDatabase();
console.log(`Migrations applied (${databaseEngine()}).`);
await closeDb();
