// Entry point of the Docker image: the project's own HTTP server (scripts/server.mjs, which serves the
// SSE stream straight from the socket and passes the client address on) over Next's standalone output.
// Next's generated standalone server.js is not used. Like it, this runs on the configuration resolved at
// build time (.next/required-server-files.json), so next.config.js and its build-time imports (Serwist,
// esbuild) are not needed in the image.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
process.env.NODE_ENV = "production";
const { config } = JSON.parse(readFileSync(path.join(root, ".next", "required-server-files.json"), "utf8"));
process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);

await import("../scripts/server.mjs");
