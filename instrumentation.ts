// Runs once when the server starts: validates the environment, migrates, seeds the demo account.
export async function register() {
  // Next's documented runtime switch, read before lib/env loads.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootServer } = await import("./lib/boot");
  await bootServer();
}
