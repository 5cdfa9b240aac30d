// Production HTTP server: Next's request handler behind a plain node:http server, so that the
// client's socket address reaches the app in a header no client can forge (see lib/api/client-ip.ts).
// Production HTTP server: Next's request handler behind a plain node:http server, so that the
// client's socket address reaches the app in a header no client can forge (see lib/api/client-ip.ts).
//
// WEB_CONCURRENCY=N (or "auto": one per CPU) runs N such servers as node:cluster workers sharing the
// port: each worker is a full instance (its own bus subscription, SSE hub and fan-out), which is what
// lets one machine spread thousands of streams over its cores. Workers share state only through
// PostgreSQL and Redis, so N > 1 needs DATABASE_URL and REDIS_URL (embedded PGlite belongs to one process).
import cluster from "node:cluster";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

process.env.NODE_ENV ??= "production";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST || "0.0.0.0";

if (cluster.isPrimary) {
  const workers = await requestedWorkers();
  if (workers > 1) {
    await runPrimary(workers);
  } else {
    await runServer();
  }
} else {
  await runServer();
}

/** WEB_CONCURRENCY as the primary reads it (with .env files loaded the way Next loads them). */
async function requestedWorkers() {
  const { default: nextEnv } = await import("@next/env");
  nextEnv.loadEnvConfig(dir, false, { info: () => {}, error: console.error });
  const raw = (process.env.WEB_CONCURRENCY ?? "").trim();
  if (raw === "" || raw === "1") return 1;
  const count = raw === "auto" ? availableParallelism() : Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`TradePulse cannot start: WEB_CONCURRENCY must be a whole number from 1 to 64 or "auto" (got "${raw}").`);
    process.exit(1);
  }
  if (count > 1 && (!process.env.DATABASE_URL || !process.env.REDIS_URL)) {
    console.warn(
      `WEB_CONCURRENCY=${raw} needs DATABASE_URL and REDIS_URL (workers share data through PostgreSQL and events through Redis; embedded PGlite belongs to one process): serving with one process.`,
    );
    return 1;
  }
  return count;
}

/**
 * The primary only supervises: the first worker starts alone (it runs the migrations, seeds the demo
 * data and creates local secrets when those are generated), then the others; a worker that dies is
 * replaced. "ready" is printed once every worker answers.
 */
async function runPrimary(count) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  let stopping = false;
  let ready = 0;
  const fork = () =>
    new Promise((resolve) => {
      const worker = cluster.fork();
      worker.on("message", (message) => {
        if (message?.type === "tradepulse:ready") resolve(worker);
      });
      worker.on("exit", (code, signal) => {
        resolve(null);
        if (stopping) return;
        console.error(`Worker ${worker.process.pid} exited (${signal ?? code}); starting another.`);
        setTimeout(() => void fork(), 1_000).unref();
      });
    });
  const first = await fork();
  if (!first) {
    console.error("TradePulse cannot start: the first worker exited before it was ready; see the output above.");
    process.exit(1);
  }
  ready = 1 + (await Promise.all(Array.from({ length: count - 1 }, fork))).filter(Boolean).length;
  console.log(`TradePulse is ready on http://localhost:${port} (${ready} worker processes)`);
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: closing ${Object.keys(cluster.workers ?? {}).length} workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 12_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
    });
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
}

async function runServer() {
const { default: next } = await import("next");
  const app = next({ dev: false, dir, hostname: host === "0.0.0.0" ? "localhost" : host, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  const STREAM_PATH = "/api/v1/stream";
  const onRequest = (req, res) => {
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
  };
  const server = createServer(onRequest);
  // Longer than typical load-balancer idle timeouts, so they close idle connections first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  // Next runs instrumentation (env check, migrations, demo seed) while preparing or on the first
  // request: make that request ourselves so "ready" means ready. A cluster worker asks itself on a
  // private port (the shared one may hand the request to another worker).
  const healthCheck = async () => {
    let probe = null;
    let probePort = port;
    if (cluster.isWorker) {
      probe = createServer(onRequest);
      await new Promise((resolve, reject) => probe.once("error", reject).listen({ port: 0, host: "127.0.0.1", exclusive: true }, resolve));
      probePort = probe.address().port;
    }
    try {
      const res = await fetch(`http://127.0.0.1:${probePort}/api/health`);
      if (!res.ok) console.error(`Health check after start: ${res.status} ${await res.text()}`);
    } catch (error) {
      console.error("Health check after start failed:", error);
    } finally {
      probe?.closeAllConnections();
      probe?.close();
    }
  };

  server.listen(port, host, async () => {
    await healthCheck();
    if (cluster.isWorker) process.send?.({ type: "tradepulse:ready" });
    else console.log(`TradePulse is ready on http://localhost:${port}`);
  });

  let closing = false;
  const shutdown = (signal) => {
    if (closing) return;
    closing = true;
    if (!cluster.isWorker) console.log(`${signal} received: closing`);
    setTimeout(() => process.exit(0), 10_000).unref();
    server.close(async () => {
      // Set by lib/boot.ts: closes the database (PGlite flushes to disk) and Redis.
      await globalThis.__tradepulseShutdown?.().catch((error) => console.error(error));
      process.exit(0);
    });
    server.closeAllConnections?.();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  // Ctrl-C reaches the whole process group; a worker leaves the order to close to the primary.
  process.on("SIGINT", () => (cluster.isWorker ? undefined : shutdown("SIGINT")));
  // A worker whose primary is gone closes too.
  if (cluster.isWorker) process.on("disconnect", () => shutdown("disconnect"));
}
