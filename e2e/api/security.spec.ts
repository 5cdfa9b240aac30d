import { expect, test } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { request as httpRequest } from "node:http";

// Security acceptance against the production build. Tests that get an address limited or blocked send
// from their own loopback address (127.0.0.x: Linux routes the whole /8 to lo), so the rest of the
// suite, which runs from 127.0.0.1, is never affected.

const BASE = new URL(process.env.E2E_BASE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`);

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

function send(path: string, options: { method?: string; from?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: BASE.hostname,
        port: BASE.port,
        path,
        method: options.method ?? "GET",
        localAddress: options.from,
        headers: { ...(payload ? { "content-type": "application/json" } : {}), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const loopback = () => `127.${1 + (randomBytes(1)[0]! % 200)}.${randomBytes(1)[0]}.${1 + (randomBytes(1)[0]! % 250)}`;

async function registerAndLogin(from: string): Promise<string> {
  const email = `sec-${randomBytes(5).toString("hex")}@example.test`;
  const password = "Velvet-Harbor-Compass-42!";
  expect((await send("/api/v1/auth/register", { method: "POST", from, body: { email, password } })).status).toBe(201);
  const login = await send("/api/v1/auth/login", { method: "POST", from, body: { email, password } });
  expect(login.status).toBe(200);
  return JSON.parse(login.body).data.accessToken as string;
}

test("the 101st API request of a user within a minute gets 429 with Retry-After and RateLimit-* headers", async () => {
  const from = loopback();
  const token = await registerAndLogin(from);
  const auth = { authorization: `Bearer ${token}` };
  let last: Answer | undefined;
  for (let i = 1; i <= 100; i += 1) {
    last = await send("/api/v1/user/me", { from, headers: auth });
    expect(last.status, `request ${i}`).toBe(200);
  }
  expect(last!.headers["ratelimit-limit"]).toBe("100");
  expect(last!.headers["ratelimit-remaining"]).toBe("0");
  const refused = await send("/api/v1/user/me", { from, headers: auth });
  expect(refused.status).toBe(429);
  expect(JSON.parse(refused.body)).toMatchObject({ success: false, error: { code: "RATE_LIMITED" } });
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
  expect(refused.headers["ratelimit-limit"]).toBe("100");
  expect(refused.headers["ratelimit-remaining"]).toBe("0");
  expect(Number(refused.headers["ratelimit-reset"])).toBeGreaterThan(0);
  // The limit is the user's: another user on the same address is unaffected.
  const other = await registerAndLogin(loopback());
  expect((await send("/api/v1/user/me", { from, headers: { authorization: `Bearer ${other}` } })).status).toBe(200);
});

test("signed out, the limit is per address", async () => {
  const from = loopback();
  // Signed-out requests to a user route: each answers 401 and still spends the address's budget.
  for (let i = 1; i <= 100; i += 1) expect((await send("/api/v1/exchanges", { from })).status, `request ${i}`).toBe(401);
  const refused = await send("/api/v1/exchanges", { from });
  expect(refused.status).toBe(429);
  expect(refused.headers["retry-after"]).toBeTruthy();
  expect((await send("/api/v1/exchanges", { from: loopback() })).status).toBe(401);
});

test("a trap path blocks the address: 403 for it afterwards on pages and API, others unaffected", async () => {
  const from = loopback();
  expect((await send("/api/health", { from })).status).toBe(200);
  const trap = await send("/wp-login.php", { from });
  expect(trap.status).toBe(403);
  for (const path of ["/", "/login", "/api/health", "/api/v1/exchanges"]) {
    const res = await send(path, { from });
    expect(res.status, path).toBe(403);
    expect(res.headers["x-content-type-options"], path).toBe("nosniff");
  }
  expect(JSON.parse((await send("/api/v1/exchanges", { from })).body)).toMatchObject({ success: false, error: { code: "IP_BLOCKED" } });
  expect((await send("/api/v1/exchanges", { from: loopback() })).status).toBe(401);
  for (const path of ["/.env", "/.git/config", "/phpmyadmin/index.php", "/wp-admin/install.php", "/xmlrpc.php"]) {
    expect((await send(path, { from: loopback() })).status, path).toBe(403);
  }
});

// The browser checks of e2e/web/security.spec.ts, at the HTTP level (also where no Chromium is available).
test("pages: security headers and a per-response nonce on every inline and framework script", async () => {
  const nonces = new Set<string>();
  for (const path of ["/", "/login", "/no-such-page"]) {
    const res = await send(path);
    expect(res.status, path).toBe(path === "/no-such-page" ? 404 : 200);
    expect(res.headers["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers["x-frame-options"], path).toBe("DENY");
    expect(res.headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(String(res.headers["permissions-policy"]), path).toContain("camera=()");
    expect(String(res.headers["strict-transport-security"]), path).toMatch(/max-age=\d+/);
    const csp = String(res.headers["content-security-policy"]);
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("connect-src 'self'");
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
    nonces.add(nonce);
    const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, `${path}: ${tag}`).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);
  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec((await send("/login")).body)![1]!;
  const assetRes = await send(asset);
  expect(assetRes.status).toBe(200);
  expect(assetRes.headers["x-content-type-options"]).toBe("nosniff");
  for (const path of ["/api/v1/exchanges", "/api/v1/no-such-route", "/api/health"]) {
    const res = await send(path);
    expect(res.headers["x-content-type-options"], path).toBe("nosniff");
    expect(String(res.headers["content-security-policy"]), path).toContain("default-src 'none'");
  }
});

test("a cross-origin POST with a session cookie is refused; the same with the app's origin is not", async () => {
  const cookie = { cookie: "authjs.session-token=not-even-valid" };
  const forged = await send("/api/v1/portfolios", { method: "POST", body: { name: "x" }, headers: { ...cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
  expect(forged.status).toBe(403);
  expect(JSON.parse(forged.body)).toMatchObject({ success: false, error: { code: "FORBIDDEN" } });
  const own = await send("/api/v1/portfolios", { method: "POST", body: { name: "x" }, headers: { ...cookie, origin: BASE.origin, "sec-fetch-site": "same-origin" } });
  expect(own.status).toBe(401);
});

test("CORS: a preflight from an origin not in CORS_ORIGINS gets no CORS headers", async () => {
  const res = await send("/api/v1/portfolios", {
    method: "OPTIONS",
    headers: { origin: "https://evil.example", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
  });
  expect(res.status).toBe(403);
  expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  const simple = await send("/api/v1/exchanges", { headers: { origin: "https://evil.example" } });
  expect(simple.status).toBe(401);
  expect(simple.headers["access-control-allow-origin"]).toBeUndefined();
});

test("GET /api/metrics is Prometheus text with the app's series", async () => {
  await send("/api/v1/exchanges");
  await send("/api/v1/nope");
  const token = await registerAndLogin(loopback());
  expect((await send("/api/v1/exchanges", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  const res = await send("/api/metrics");
  expect(res.status).toBe(200);
  expect(String(res.headers["content-type"])).toMatch(/^text\/plain; version=0\.0\.4/);
  const samples = new Map<string, number>();
  for (const line of res.body.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/.exec(line);
    expect(match, `unparseable line: ${line}`).not.toBeNull();
    samples.set(match![1]!, Number(match![2]));
  }
  const names = [...samples.keys()];
  for (const family of [
    "tradepulse_http_requests_total",
    "tradepulse_http_request_duration_seconds_bucket",
    "tradepulse_sse_active_streams",
    "tradepulse_cache_hit_ratio",
    "tradepulse_process_cpu_seconds_total",
    "tradepulse_nodejs_heap_size_used_bytes",
  ]) {
    expect(names.some((name) => name === family || name.startsWith(`${family}{`)), family).toBe(true);
  }
  // Route patterns, never raw paths: the unknown path is counted under the catch-all route.
  expect(names.some((name) => name.startsWith("tradepulse_http_requests_total{") && name.includes('route="/api/v1/exchanges"') && name.includes('status="200"'))).toBe(true);
  expect(names.some((name) => name.includes('route="/api/v1/[...path]"') && name.includes('status="404"'))).toBe(true);
  expect(names.some((name) => name.includes("/api/v1/nope"))).toBe(false);
});
