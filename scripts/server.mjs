// Production HTTP server: Next's request handler behind a plain node:http server, so that the
// client's socket address reaches the app in a header no client can forge (see lib/api/client-ip.ts).
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || "0.0.0.0";

const app = next({ dev: false, dir, hostname: host === "0.0.0.0" ? "localhost" : host, port });
const handle = app.getRequestHandler();
await app.prepare();

const STREAM_PATH = "/api/v1/stream";

const server = createServer((req, res) => {
  req.headers["x-tradepulse-socket-address"] = req.socket.remoteAddress ?? "";
  // Server-sent events skip Next's response pipeline: lib/realtime/node-stream.ts, registered at boot,
  // runs the route's own handler and then writes events straight to the socket.
  const direct = globalThis.__tradepulseStreamHandler;
  if (direct && req.method === "GET" && (req.url === STREAM_PATH || req.url?.startsWith(`${STREAM_PATH}?`))) {
    direct(req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500).end();
    });
    return;
  }
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
// Longer than typical load-balancer idle timeouts, so they close idle connections first.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, host, async () => {
  // Next runs instrumentation (env check, migrations, demo seed) on the first request: make that
  // request ourselves so "ready" means ready.
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    if (!res.ok) console.error(`Health check after start: ${res.status} ${await res.text()}`);
  } catch (error) {
    console.error("Health check after start failed:", error);
  }
  console.log(`TradePulse is ready on http://localhost:${port}`);
});

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  console.log(`${signal} received: closing`);
  setTimeout(() => process.exit(0), 10_000).unref();
  server.close(async () => {
    // Set by lib/boot.ts: closes the database (PGlite flushes to disk) and Redis.
    await globalThis.__tradepulseShutdown?.().catch((error) => console.error(error));
    process.exit(0);
  });
  server.closeAllConnections?.();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
