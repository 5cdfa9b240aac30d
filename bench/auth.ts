// npm run bench:auth – argon2id hash time, login latency, and the per-request cost of authentication.
// Goal (issue 3): auth overhead = p50(GET /api/v1/user/me, bearer) − p50(GET /api/health) ≤ 2 ms.
import { hash } from "@node-rs/argon2";
import { ARGON2_MEMORY_COST_KIB, ARGON2_PARALLELISM, ARGON2_TIME_COST } from "../lib/auth/password";
import { percentile, round, startServer } from "./lib/server";

const LOGINS = Number(process.argv.find((a) => a.startsWith("--logins="))?.split("=")[1] ?? 40);
const REQUESTS = Number(process.argv.find((a) => a.startsWith("--requests="))?.split("=")[1] ?? 2000);

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const hashTimes: number[] = [];
for (let i = 0; i < 15; i++) {
  hashTimes.push(await timed(() => hash(`bench-password-${i}`, { algorithm: 2, memoryCost: ARGON2_MEMORY_COST_KIB, timeCost: ARGON2_TIME_COST, parallelism: ARGON2_PARALLELISM })));
}

// TRUST_PROXY lets each login come from its own (documentation-range) address, so the per-address
// auth limit of 10/min measures latency here rather than refusals.
const server = await startServer({ port: 3310, env: { TRUST_PROXY: "1" } });
let ip = 0;
const nextIp = () => `203.0.113.${(ip++ % 250) + 1}`;
const post = (path: string, body: unknown) =>
  fetch(server.url + path, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": nextIp() }, body: JSON.stringify(body) });

try {
  const email = `bench-${Date.now()}@example.test`;
  const password = "Bench-Harbor-Compass-42!";
  const registered = await post("/api/v1/auth/register", { email, password });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${await registered.text()}`);

  const loginTimes: number[] = [];
  let accessToken = "";
  for (let i = 0; i < LOGINS; i++) {
    let res: Response | undefined;
    loginTimes.push(await timed(async () => (res = await post("/api/v1/auth/login", { email, password }))));
    if (res!.status !== 200) throw new Error(`login failed: ${res!.status} ${await res!.text()}`);
    accessToken = ((await res!.json()) as { data: { accessToken: string } }).data.accessToken;
  }

  const get = (path: string, token?: string) =>
    fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} }).then(async (r) => {
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      await r.arrayBuffer();
    });
  // The API allows 100 requests a minute per user: the authenticated requests rotate over enough users
  // (each signed in once) that none of them reaches the limit.
  const tokens = [accessToken];
  const needed = Math.ceil((REQUESTS + 200) / 90);
  for (let u = 1; u < needed; u++) {
    const other = `bench-${Date.now()}-${u}@example.test`;
    const made = await post("/api/v1/auth/register", { email: other, password });
    if (made.status !== 201) throw new Error(`register failed: ${made.status} ${await made.text()}`);
    const res = await post("/api/v1/auth/login", { email: other, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { data: { accessToken: string } }).data.accessToken);
  }
  let turn = 0;
  const nextToken = () => tokens[Math.floor(turn++ / 90) % tokens.length]!;
  for (let i = 0; i < 200; i++) {
    await get("/api/health");
    await get("/api/v1/user/me", nextToken());
  }
  // Interleaved, so drift in machine load affects both series alike.
  const health: number[] = [];
  const me: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    health.push(await timed(() => get("/api/health")));
    const token = nextToken();
    me.push(await timed(() => get("/api/v1/user/me", token)));
  }

  const overhead = percentile(me, 50) - percentile(health, 50);
  console.log(`argon2id hash (m=${ARGON2_MEMORY_COST_KIB} KiB, t=${ARGON2_TIME_COST}, p=${ARGON2_PARALLELISM}): median ${round(percentile(hashTimes, 50))} ms`);
  console.log(`login (${LOGINS} sequential, over HTTP): p50 ${round(percentile(loginTimes, 50))} ms, p99 ${round(percentile(loginTimes, 99))} ms`);
  console.log(`GET /api/health: p50 ${round(percentile(health, 50), 3)} ms; GET /api/v1/user/me (bearer): p50 ${round(percentile(me, 50), 3)} ms  (${REQUESTS} each)`);
  console.log(`auth overhead: ${round(overhead, 3)} ms (goal ≤ 2 ms) ${overhead <= 2 ? "OK" : "ABOVE GOAL"}`);
} finally {
  await server.stop();
}
