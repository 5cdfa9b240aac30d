// npm run admin:create -- <email> – give an existing account the administrator role. The account must
// exist (register first): this tool never creates accounts or sets passwords. Works on DATABASE_URL and
// on the embedded database; with the embedded one, stop the app first (PGlite allows one process per
// data directory). The change applies from the user's next request; it is written to the audit log.
// Exit codes: 0 promoted or already an admin · 1 no account with that email · 2 usage · 3 failure.
const USAGE = "Usage: npm run admin:create -- <email>";

async function main(args: string[]): Promise<number> {
  const emails = args.filter((arg) => arg !== "--");
  if (emails.length !== 1 || emails[0]!.startsWith("-") || !emails[0]!.includes("@")) {
    console.error(USAGE);
    return 2;
  }
  const email = emails[0]!;
  // Imported here so that a bad environment is reported like any other failure.
  const [{ databaseEngine }, { grantAdminRole }] = await Promise.all([import("@/db/client"), import("@/lib/admin/queries")]);
  const result = await grantAdminRole({ email });
  const where = databaseEngine() === "postgres" ? "DATABASE_URL" : "the embedded database";
  switch (result.status) {
    case "not-found":
      console.error(`No account with the email ${email} in ${where}. Register it first (at /register), then run this again.`);
      return 1;
    case "already-admin":
      console.log(`${result.user!.email} is already an administrator.`);
      break;
    case "promoted":
      console.log(`${result.user!.email} is now an administrator (${where}). The console is at /admin.`);
      break;
  }
  if (result.user!.isBlocked) console.log("Note: this account is blocked; it cannot sign in until it is unblocked.");
  return 0;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (error) {
  const message = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ""}` : String(error);
  console.error(
    /relation "users" does not exist/.test(message)
      ? "admin:create failed: the database has no tables yet. Start the app once (or run npm run db:migrate), register, then run this again."
      : `admin:create failed: ${message.trim()}`,
  );
  code = 3;
}
await import("@/db/client").then(({ closeDb }) => closeDb()).catch(() => {});
process.exit(code);

export {};
