import { expect, test } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { get } from "node:http";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";

// Two production instances sharing PostgreSQL and Redis: a client on the instance that does not
// ingest receives the ticks the other ingests, and killing the ingester moves ingestion within 30 s.
const adminUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

test.skip(!adminUrl || !redisUrl, "needs TEST_DATABASE_URL and TEST_REDIS_URL (a real PostgreSQL and Redis)");
test.setTimeout(240_000);

type Instance = { name: string; url: string; child: ChildProcess; output: string[] };

function startInstance(name: string, port: number, env: Record<string, string>): Promise<Instance> {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...inherited, ...env, PORT: String(port), DATA_DIR: mkdtempSync(path.join(tmpdir(), `tp-${name}-`)) } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const instance: Instance = { name, url: `http://127.0.0.1:${port}`, child, output: [] };
  child.stdout!.on("data", (chunk: Buffer) => instance.output.push(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => instance.output.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (instance.output.join("").includes("ready on")) {
        clearInterval(timer);
        resolve(instance);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`${name} exited:\n${instance.output.join("")}`));
      }
    }, 200);
  });
}

/** A production environment on the given database and the shared Redis, under a key prefix of its own. */
function productionEnv(databaseUrl: URL, prefix: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl!,
    REDIS_KEY_PREFIX: `${prefix}:${randomBytes(4).toString("hex")}:`,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `v1:${randomBytes(32).toString("base64")}`,
    RUN_JOBS: "0",
    LOG_LEVEL: "warn",
  };
}

async function health(instance: Instance): Promise<{ market: { isIngester: boolean; lastTickAt: string | null } }> {
  return (await fetch(`${instance.url}/api/health`)).json();
}

/** Reads `event: tickers` batches from a stream until `count` arrived; returns their symbols' sequence of prices. */
async function readTickerEvents(url: string, token: string, count: number, timeoutMs: number): Promise<{ symbol: string; last: number }[][]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const res = await fetch(`${url}/api/v1/stream?channels=tickers`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const batches: { symbol: string; last: number }[][] = [];
  let buffer = "";
  try {
    while (batches.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!/^event: tickers$/m.test(block)) continue;
        const data = block
          .split("\n")
          .filter((line) => line.startsWith("data:"))
          .map((line) => line.slice(5).trimStart())
          .join("\n");
        batches.push(JSON.parse(data));
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return batches;
}

test("ticks ingested on one instance reach clients of another; ingestion moves when the ingester dies", async () => {
  const database = `tradepulse_cluster_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  const databaseUrl = new URL(adminUrl!);
  databaseUrl.pathname = `/${database}`;
  const shared = productionEnv(databaseUrl, "tpcluster");
  const instances: Instance[] = [];
  try {
    const a = await startInstance("a", 3211, shared);
    instances.push(a);
    await expect.poll(async () => (await health(a)).market.isIngester, { timeout: 30_000 }).toBe(true);
    const b = await startInstance("b", 3212, shared);
    instances.push(b);
    expect((await health(b)).market.isIngester).toBe(false);

    const email = `cluster-${randomBytes(4).toString("hex")}@example.test`;
    const password = "Cluster-Harbor-Compass-42!";
    const post = (url: string, path: string, body: unknown) =>
      fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post(a.url, "/api/v1/auth/register", { email, password })).status).toBe(201);
    const login = await (await post(b.url, "/api/v1/auth/login", { email, password })).json();
    const token = login.data.accessToken as string;

    // B does not ingest, yet its client receives A's ticks through Redis.
    const before = await readTickerEvents(b.url, token, 3, 20_000);
    expect(before).toHaveLength(3);
    expect(before[0]!.length).toBeGreaterThan(0);

    a.child.kill("SIGKILL");
    const killedAt = Date.now();
    await expect.poll(async () => (await health(b)).market.isIngester, { timeout: 30_000, intervals: [500] }).toBe(true);
    const takeoverSeconds = (Date.now() - killedAt) / 1000;
    console.log(`[cluster] ingestion moved to the second instance ${takeoverSeconds.toFixed(1)} s after the first was killed`);
    expect(takeoverSeconds).toBeLessThan(30);
    const after = await readTickerEvents(b.url, token, 2, 20_000);
    expect(after).toHaveLength(2);
  } finally {
    for (const instance of instances) instance.child.kill("SIGKILL");
    await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
    await admin.end();
  }
});

/** The primary's worker processes, from /proc (node:cluster forks them as its children). */
function childPids(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
      .trim()
      .split(" ")
      .filter(Boolean)
      .map(Number),
  );
}

/** Whether a process is alive (a zombie waiting to be reaped is not). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

/** GET /api/health on a connection of its own (fetch would reuse one kept-alive connection, so one worker). */
function isIngesterOnNewConnection(url: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    get(`${url}/api/health`, { agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve((JSON.parse(body) as { market: { isIngester: boolean } }).market.isIngester));
    }).on("error", reject);
  });
}

test("WEB_CONCURRENCY=2 serves one port from two workers; each streams ticks; a dead worker is replaced; SIGTERM stops all", async () => {
  const database = `tradepulse_workers_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${database}"`);
  const databaseUrl = new URL(adminUrl!);
  databaseUrl.pathname = `/${database}`;
  let primary: Instance | null = null;
  try {
    primary = await startInstance("workers", 3213, { ...productionEnv(databaseUrl, "tpworkers"), WEB_CONCURRENCY: "2" });
    expect(primary.output.join("")).toContain("(2 worker processes)");
    const workers = childPids(primary.child.pid!);
    expect(workers).toHaveLength(2);

    // Connections go round-robin: requests on new connections reach both workers, exactly one of which ingests.
    // (Polled: the first worker may still be taking the ingest lease when the second is ready.)
    await expect
      .poll(
        async () => {
          const ingesting = new Set<boolean>();
          for (let i = 0; i < 6; i++) ingesting.add(await isIngesterOnNewConnection(primary!.url));
          return [...ingesting].sort();
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toEqual([false, true]);

    const email = `workers-${randomBytes(4).toString("hex")}@example.test`;
    const password = "Workers-Harbor-Compass-42!";
    const post = (path: string, body: unknown) =>
      fetch(`${primary!.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await post("/api/v1/auth/register", { email, password })).status).toBe(201);
    const token = (await (await post("/api/v1/auth/login", { email, password })).json()).data.accessToken as string;
    // Four concurrent streams are four connections, dealt to the workers in turn; each gets the ticks.
    const streams = await Promise.all(Array.from({ length: 4 }, () => readTickerEvents(primary!.url, token, 2, 20_000)));
    for (const batches of streams) expect(batches).toHaveLength(2);

    process.kill(workers[0]!, "SIGKILL");
    await expect
      .poll(() => childPids(primary!.child.pid!).filter((pid) => !workers.includes(pid)).length, { timeout: 60_000, intervals: [500] })
      .toBe(1);
    // Each try on a connection of its own, given up after 3 s: a connection that was being handed to the
    // worker as it died is lost with it, as behind any load balancer, and a client retries.
    await expect
      .poll(
        async () =>
          fetch(`${primary!.url}/api/health`, { signal: AbortSignal.timeout(3_000), headers: { connection: "close" } }).then(
            (res) => res.status,
            () => 0,
          ),
        { timeout: 60_000 },
      )
      .toBe(200);
    expect(primary.output.join("")).toContain("starting another");

    const all = childPids(primary.child.pid!);
    primary.child.kill("SIGTERM");
    const code = await new Promise((resolve) => primary!.child.once("exit", resolve));
    expect(code).toBe(0);
    for (const pid of all) expect(isRunning(pid), `worker ${pid} still running`).toBe(false);
    primary = null;
  } catch (error) {
    console.log(`[workers] server output:\n${primary?.output.join("").slice(-4000)}`);
    throw error;
  } finally {
    if (primary) {
      for (const pid of childPids(primary.child.pid!)) process.kill(pid, "SIGKILL");
      primary.child.kill("SIGKILL");
    }
    await admin.unsafe(`drop database if exists "${database}" with (force)`).catch(() => {});
    await admin.end();
  }
});
