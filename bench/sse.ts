// SSE fan-out benchmark: N concurrent GET /api/v1/stream clients on one production instance.
// Run: npx tsx --conditions=react-server bench/sse.ts [--clients 2000] [--seconds 30] [--workers 4]
//      [--symbols 50] [--port 3320] [--processes 1] [--baseline] [--transport socket|http]
//      (needs Redis on 127.0.0.1:6379, or REDIS_URL=…)
// --baseline measures the floor instead of the app: the same clients and batches against a bare
// node:http SSE server (bench/lib/baseline-server.ts), so the gap between the two is the app's cost.
// --processes N serves with WEB_CONCURRENCY=N (node:cluster workers on one port), which needs PostgreSQL:
// the bench then creates a throw-away database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
// Goal: 10,000 streams on one instance, p99 publish → receipt < 250 ms, server RSS < 1.5 GB.
//
// Tickers come from this script, not the exchange: the demo exchange has 26 markets, so the server
// runs with MARKET_INGEST=0 and the bench publishes a synthetic TickerBatch of 50 changed quotes
// once a second on the server's Redis bus channel, exactly as the market feed does. Each quote's
// timestamp is the batch's publishedAt, which the clients read to measure latency.
// Clients: streams with bearer tokens, parsed by eventsource-parser (the `eventsource` package's
// parser), spread over forked processes. --transport socket (the default) reads each stream from a bare
// TCP socket into one shared buffer and unframes the chunked body itself; --transport http reads it
// through node:http (an IncomingMessage stream per response), which costs the clients about twice the
// CPU. At most 5 streams per user, so N/5 users sign up first (TRUST_PROXY=1 and a distinct
// X-Forwarded-For per user keeps the per-address auth limit out of the way). The clients share the
// machine's CPUs with the server, so the latency includes client-side queueing: the leaner the
// clients, the more the figure is the server's.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import postgres from "postgres";
import { CHANNELS, type TickerBatch, type TickerEvent } from "../lib/market/events";
import type { ClientCommand, ClientMessage, Transport } from "./lib/sse-client";
import { percentile, round, startServer, type BenchServer } from "./lib/server";

function arg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const value = Number(inline ?? (at >= 0 ? process.argv[at + 1] : undefined) ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const CLIENTS = arg("clients", 2_000);
const SECONDS = arg("seconds", 30);
// Four client processes measured best on 2 cores: with two, their event loops add seconds at 10,000 streams;
// with eight, their overhead does.
const WORKERS = arg("workers", 4);
const SYMBOLS = arg("symbols", 50);
const PROCESSES = arg("processes", 1);
const BASELINE = process.argv.includes("--baseline");
const TRANSPORT = ((): Transport => {
  const at = process.argv.indexOf("--transport");
  const value = process.argv.find((a) => a.startsWith("--transport="))?.split("=")[1] ?? (at >= 0 ? process.argv[at + 1] : "socket");
  if (value !== "socket" && value !== "http") throw new Error("--transport must be socket or http");
  return value;
})();
const PORT = arg("port", 3320);
const STREAMS_PER_USER = 5;
const WARMUP_MS = 3_000;
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PREFIX = `tpbench:${Date.now().toString(36)}${randomBytes(2).toString("hex")}:`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (kib: number) => round(kib / 1024, 1);

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) : NaN;
}

/** The server's process and its descendants (cluster workers), from /proc. */
function processTree(pid: number): number[] {
  const out = [pid];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const children = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
    if (children) for (const child of children.split(" ")) out.push(...processTree(Number(child)));
  }
  return out;
}
const treeRssKiB = (pid: number) => processTree(pid).reduce((sum, p) => sum + rssKiB(p), 0);
const treeCpuSeconds = (pid: number) => processTree(pid).reduce((sum, p) => sum + cpuSeconds(p), 0);

async function runPool<T>(count: number, concurrency: number, job: (index: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const index = next++;
        out[index] = await job(index);
      }
    }),
  );
  return out;
}

const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
await redis.ping();
console.log(
  `sse bench${BASELINE ? " (baseline: a bare node:http SSE server, not the app)" : ""} · ${CLIENTS} streams · ${WORKERS} client processes · ${SYMBOLS} symbols per batch at 1 Hz · server: ${PROCESSES === 1 ? "one process" : `${PROCESSES} worker processes (WEB_CONCURRENCY)`} · ${availableParallelism()} CPUs · node ${process.version}`,
);

// Cluster workers share data through PostgreSQL: a database of the bench's own, dropped at the end.
let database: { url: string; drop: () => Promise<void> } | null = null;
if (PROCESSES > 1 && !BASELINE) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `tp_bench_sse_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  database = {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

// Users sign up on a first server process; the streams go to a second one on the same data dir, so the
// memory the sign-ups leave behind (argon2 buffers) is not counted as the streams'.
const dataDir = mkdtempSync(path.join(tmpdir(), "tp-bench-sse-"));
const serverEnv: Record<string, string> = { TRUST_PROXY: "1", REDIS_URL, REDIS_KEY_PREFIX: PREFIX, MARKET_INGEST: "0", RUN_JOBS: "0", DATA_DIR: dataDir };
if (database) serverEnv.DATABASE_URL = database.url;
const users = Math.ceil(CLIENTS / STREAMS_PER_USER);
const tokens = BASELINE ? Array.from({ length: users }, (_, i) => `baseline-${i}`) : await signUp(await startServer({ port: PORT, env: serverEnv }), users);

const server = BASELINE ? await startBaseline() : await startServer({ port: PORT, env: { ...serverEnv, WEB_CONCURRENCY: String(PROCESSES) } });
const serverPid = server.child.pid!;
// --verbose: the server's own output (warnings, errors) on this terminal.
if (process.argv.includes("--verbose")) {
  server.child.stdout!.on("data", (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
  server.child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
}
const workers: ChildProcess[] = [];

async function startBaseline(): Promise<BenchServer> {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), "lib", "baseline-server.ts");
  const child = fork(file, [], { env: { ...process.env, PORT: String(PORT), REDIS_URL, REDIS_KEY_PREFIX: PREFIX }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes("ready on")) {
    if (child.exitCode !== null) throw new Error(`baseline server exited:\n${output}`);
    await sleep(100);
  }
  return {
    url: `http://127.0.0.1:${PORT}`,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    },
  };
}

async function signUp(first: BenchServer, count: number): Promise<string[]> {
  const password = "Bench-Harbor-Compass-42!";
  const runId = randomBytes(3).toString("hex");
  // One address per user (TRUST_PROXY=1): two auth requests each, under the per-address limit.
  const ipFor = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const post = (route: string, body: unknown, ip: string) =>
    fetch(first.url + route, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": ip }, body: JSON.stringify(body) });
  const started = performance.now();
  let done = 0;
  try {
    const out = await runPool(count, 6, async (i) => {
      const email = `sse-${runId}-${i}@example.test`;
      const registered = await post("/api/v1/auth/register", { email, password }, ipFor(i + 1));
      if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
      const login = await post("/api/v1/auth/login", { email, password }, ipFor(i + 1));
      if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
      if (++done % 200 === 0) process.stdout.write(`  signed up ${done}/${count}\r`);
      return ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    });
    console.log(`signed up ${count} users in ${round((performance.now() - started) / 1000, 1)} s (first server process; streams go to a fresh one)`);
    return out;
  } finally {
    await first.stop();
  }
}

try {
  // The stream must come back uncompressed even when the client offers gzip (this also loads the route).
  const check = await fetch(`${server.url}/api/v1/stream?channels=tickers`, {
    headers: { authorization: `Bearer ${tokens[0]}`, "accept-encoding": "gzip, deflate, br" },
  });
  console.log(
    `compression on /api/v1/stream (client offered gzip, deflate, br): content-encoding ${check.headers.get("content-encoding") ?? "none"}, content-type ${check.headers.get("content-type")}, cache-control ${check.headers.get("cache-control")}`,
  );
  await check.body?.cancel();
  await sleep(2_000);
  const rssBefore = treeRssKiB(serverPid);

  // --- open the streams from WORKERS processes
  const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "lib", "sse-client.ts");
  const progress = new Map<ChildProcess, { open: number; failed: number }>();
  const reports = new Map<ChildProcess, Extract<ClientMessage, { type: "report" }>>();
  // Stream i belongs to user ⌊i / 5⌋; streams are dealt to the client processes in turn, so any
  // --workers count adds up to exactly --clients streams.
  const tokensOf: string[][] = Array.from({ length: WORKERS }, () => []);
  for (let i = 0; i < CLIENTS; i++) tokensOf[i % WORKERS]!.push(tokens[Math.floor(i / STREAMS_PER_USER)]!);
  const openStarted = performance.now();
  for (let w = 0; w < WORKERS; w++) {
    // BENCH_CLIENT_PROF=<dir>: a V8 CPU profile of each client process, written there when it exits.
    const profile = process.env.BENCH_CLIENT_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CLIENT_PROF}`] : [];
    const worker = fork(workerFile, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], execArgv: [...process.execArgv, ...profile] });
    workers.push(worker);
    progress.set(worker, { open: 0, failed: 0 });
    worker.on("message", (message: ClientMessage) => {
      if (message.type === "progress") progress.set(worker, { open: message.open, failed: message.failed });
      else reports.set(worker, message);
    });
    const command: ClientCommand = {
      type: "open",
      url: `${server.url}/api/v1/stream?channels=tickers,signals,pumps,notifications`,
      tokens: tokensOf[w]!,
      streamsPerToken: 1,
      total: tokensOf[w]!.length,
      inFlight: 50,
      transport: TRANSPORT,
    };
    worker.send(command);
  }
  const totals = () => [...progress.values()].reduce((sum, p) => ({ open: sum.open + p.open, failed: sum.failed + p.failed }), { open: 0, failed: 0 });
  for (;;) {
    const { open, failed } = totals();
    process.stdout.write(`  open ${open}/${CLIENTS}, failed ${failed}   \r`);
    if (open + failed >= CLIENTS) break;
    if (performance.now() - openStarted > 15 * 60_000) throw new Error(`only ${open} streams opened in 15 minutes`);
    await sleep(500);
  }
  const opened = totals();
  console.log(`opened ${opened.open} streams in ${round((performance.now() - openStarted) / 1000, 1)} s (${opened.failed} failed)`);
  await sleep(2_000);
  const rssIdle = treeRssKiB(serverPid);

  // --- publish 50-symbol batches at 1 Hz on the server's bus, measure after a warm-up
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => `SYN${String(i).padStart(2, "0")}-USDT`);
  let sequence = 0;
  const publishBatch = async () => {
    const publishedAt = Date.now();
    const tickers: TickerEvent[] = symbols.map((symbol, i) => {
      const last = round(100 + i + Math.sin(publishedAt / 10_000 + i) * 5 + Math.random(), 4);
      return {
        exchange: "demo",
        symbol,
        last,
        bid: round(last * 0.9999, 4),
        ask: round(last * 1.0001, 4),
        open24h: 100 + i,
        high24h: 106 + i,
        low24h: 94 + i,
        change24hPct: round(((last - (100 + i)) / (100 + i)) * 100, 3),
        volume24h: round(1_000 + Math.random() * 100, 2),
        quoteVolume24h: round(100_000 + Math.random() * 10_000, 2),
        timestamp: publishedAt,
      };
    });
    const batch: TickerBatch = { exchange: "demo", sequence: ++sequence, publishedAt, tickers };
    await redis.publish(`${PREFIX}bus:${CHANNELS.tickers}`, JSON.stringify(batch));
  };
  const publisher = setInterval(() => void publishBatch(), 1_000);
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, treeRssKiB(serverPid))), 1_000);
  await sleep(WARMUP_MS);
  for (const worker of workers) worker.send({ type: "measure" } satisfies ClientCommand);
  const published = sequence;
  const cpuAt = () => ({ server: treeCpuSeconds(serverPid), clients: workers.reduce((sum, worker) => sum + cpuSeconds(worker.pid!), 0), wall: performance.now() / 1000 });
  const cpuStart = cpuAt();
  await sleep(SECONDS * 1_000);
  const cpuEnd = cpuAt();
  const batches = sequence - published;
  for (const worker of workers) worker.send({ type: "report" } satisfies ClientCommand);
  while (reports.size < workers.length) await sleep(100);
  clearInterval(publisher);
  clearInterval(sampler);
  const rssEnd = treeRssKiB(serverPid);
  rssPeak = Math.max(rssPeak, rssEnd);

  const all = [...reports.values()];
  const latencies = all.flatMap((r) => r.latenciesMs);
  const events = all.reduce((sum, r) => sum + r.events, 0);
  const errors = all.reduce((sum, r) => sum + r.errors, 0);
  const ended = all.reduce((sum, r) => sum + r.ended, 0);
  const windowS = Math.max(...all.map((r) => r.windowMs)) / 1000;
  const perSecond = events / windowS;
  const expected = (opened.open * batches) / windowS;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const perThousand = ((rssPeak - rssBefore) / opened.open) * 1_000;

  console.log(`--- ${opened.open} streams, ${round(windowS, 1)} s, ${batches} batches of ${SYMBOLS} quotes`);
  console.log(`events delivered: ${Math.round(perSecond)}/s (expected ${Math.round(expected)}/s, ${round((perSecond / expected) * 100, 1)} %); stream errors ${errors}, ended by server ${ended}`);
  console.log(`latency publishedAt → receipt: p50 ${round(p50, 1)} ms, p99 ${round(p99, 1)} ms, max ${round(latencies.reduce((a, b) => Math.max(a, b), 0), 1)} ms (n=${latencies.length}) (goal p99 < 250 ms) ${p99 < 250 ? "OK" : "ABOVE GOAL"}`);
  const wall = cpuEnd.wall - cpuStart.wall;
  console.log(
    `CPU while streaming (${availableParallelism()} cores in all): server ${round(((cpuEnd.server - cpuStart.server) / wall) * 100, 0)} % of one core${PROCESSES > 1 ? ` (${PROCESSES} workers)` : ""}, client processes ${round(((cpuEnd.clients - cpuStart.clients) / wall) * 100, 0)} %`,
  );
  console.log(
    `server RSS: ${mb(rssBefore)} MB before streams, ${mb(rssIdle)} MB with ${opened.open} idle streams, ${mb(rssPeak)} MB peak while streaming → ${mb(perThousand)} MB per 1,000 clients (goal: total < 1.5 GB) ${rssPeak < 1.5 * 1024 * 1024 ? "OK" : "ABOVE GOAL"}`,
  );
} finally {
  for (const worker of workers) {
    worker.send({ type: "close" } satisfies ClientCommand);
    await new Promise((resolve) => {
      if (worker.exitCode !== null) resolve(null);
      else worker.once("exit", resolve);
    });
  }
  await server.stop();
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
}
