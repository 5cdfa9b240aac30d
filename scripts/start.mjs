// `npm start`: build when there is no build for the current sources, then serve (scripts/server.mjs).
// `npm run dev`: the Next development server.
import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

// Without an explicit NODE_ENV=production this is a local install: lib/env.ts may then generate the
// secrets into .data/dev-secrets.json. With NODE_ENV=production, missing secrets stop the start.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const explicitProduction = process.env.NODE_ENV === "production";
if (!explicitProduction) process.env.LOCAL_SECRETS ??= "1";

if (process.argv.includes("--dev")) {
  const child = spawn(process.execPath, [nextBin, "dev", "--port", process.env.PORT ?? "3000"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "development" },
  });
  child.on("exit", (code) => process.exit(code ?? 0));
} else if (process.argv.includes("--build-only")) {
  ensureBuild();
} else {
  ensureBuild();
  process.env.NODE_ENV = "production";
  await import("./server.mjs");
}

function ensureBuild() {
  const hashFile = path.join(root, ".next", "tradepulse-source-hash");
  const hash = sourceHash();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(hashFile);
  if (built && readFileSync(hashFile, "utf8").trim() === hash) return;
  console.log(built ? "Sources changed since the last build: building…" : "No build yet: building (a few minutes on first start)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    console.error("The build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
  writeFileSync(hashFile, hash + "\n");
  console.log(`Built in ${Math.round((Date.now() - started) / 1000)} s.`);
}

// Everything that changes the build output; tests, e2e and docs do not.
function sourceHash() {
  const hash = createHash("sha256");
  const files = [];
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!/\.(test|int\.test)\.tsx?$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of ["app", "components", "lib", "db", "public"]) walk(path.join(root, dir));
  for (const file of [
    "package-lock.json",
    "next.config.js",
    "tsconfig.json",
    "postcss.config.mjs",
    "proxy.ts",
    "instrumentation.ts",
  ]) {
    const full = path.join(root, file);
    if (existsSync(full) && statSync(full).isFile()) files.push(full);
  }
  files.sort();
  for (const file of files) {
    hash.update(path.relative(root, file));
    hash.update("\0");
    hash.update(readFileSync(file));
    hash.update("\0");
  }
  return hash.digest("hex");
}
