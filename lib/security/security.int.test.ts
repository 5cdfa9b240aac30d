import { and, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { auditLogs, blockedIps } from "@/db/schema";
import { SOCKET_ADDRESS_HEADER } from "@/lib/api/client-ip";
import { withApi } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { blockIp } from "@/lib/auth/blocked-ips";
import { requireMetricsAccess } from "@/lib/metrics/access";
import { GET as metrics } from "@/app/api/metrics/route";
import { POST as login } from "@/app/api/v1/auth/login/route";
import { POST as register } from "@/app/api/v1/auth/register/route";
import { GET as me } from "@/app/api/v1/user/me/route";
import { GET as listPortfolios, POST as createPortfolio } from "@/app/api/v1/portfolios/route";
import { proxy } from "@/proxy";
import { call, STRONG_PASSWORD, uniqueEmail, uniqueIp } from "@/test/helpers/api";
import { actingUserId } from "./context";

async function signUp() {
  const email = uniqueEmail("sec");
  const ip = uniqueIp();
  await call(register, "POST", "/api/v1/auth/register", { body: { email, password: STRONG_PASSWORD }, ip });
  const res = await call(login, "POST", "/api/v1/auth/login", { body: { email, password: STRONG_PASSWORD }, ip });
  expect(res.status).toBe(200);
  return { token: res.body.data.accessToken as string, id: res.body.data.user.id as string };
}

function proxyRequest(path: string, ip: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(`http://localhost${path}`, { method: init.method ?? "GET", headers: { [SOCKET_ADDRESS_HEADER]: ip, ...init.headers } });
}

describe("rate limit in withApi", () => {
  test("the 101st request of a user within a minute gets 429 RATE_LIMITED with Retry-After and RateLimit-*", async () => {
    const { token } = await signUp();
    const ip = uniqueIp();
    for (let i = 1; i <= 100; i += 1) {
      const res = await call(me, "GET", "/api/v1/user/me", { token, ip });
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-remaining")).toBe(String(100 - i));
    }
    const refused = await call(me, "GET", "/api/v1/user/me", { token, ip: uniqueIp() });
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-limit")).toBe("100");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    // Keyed by user, not address: the same address serves another user.
    const other = await signUp();
    expect((await call(me, "GET", "/api/v1/user/me", { token: other.token, ip })).status).toBe(200);
  });

  test("signed out, requests count per address, including the ones answered 401", async () => {
    const ip = uniqueIp();
    for (let i = 1; i <= 100; i += 1) expect((await call(me, "GET", "/api/v1/user/me", { ip })).status).toBe(401);
    const refused = await call(me, "GET", "/api/v1/user/me", { ip });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
    expect((await call(me, "GET", "/api/v1/user/me", { ip: uniqueIp() })).status).toBe(401);
  });
});

describe("cross-site requests with a session cookie", () => {
  test("a state-changing request from another origin is refused before anything runs", async () => {
    const { token } = await signUp();
    const forged = await call(createPortfolio, "POST", "/api/v1/portfolios", {
      body: { name: "Forged" },
      ip: uniqueIp(),
      headers: { cookie: "authjs.session-token=whatever", origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe("FORBIDDEN");
    // A bearer token is never sent by a browser on its own: the same request with one goes through.
    const withBearer = await call(createPortfolio, "POST", "/api/v1/portfolios", {
      token,
      body: { name: "Mine" },
      ip: uniqueIp(),
      headers: { cookie: "authjs.session-token=whatever", origin: "https://evil.example" },
    });
    expect(withBearer.status).toBe(201);
    const list = await call(listPortfolios, "GET", "/api/v1/portfolios", { token, ip: uniqueIp() });
    expect(list.body.data.map((p: { name: string }) => p.name)).toEqual(["Mine"]);
  });
});

describe("blocked addresses and honeypots", () => {
  test("a blocked address gets 403 IP_BLOCKED from the API before any work", async () => {
    const ip = uniqueIp();
    await blockIp({ ip, reason: "test", expiresAt: new Date(Date.now() + 60_000) });
    const res = await call(me, "GET", "/api/v1/user/me", { ip });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("IP_BLOCKED");
  });

  test("a trap path is audited and blocks the address for 24 h, on pages and the API", async () => {
    const ip = uniqueIp();
    expect((await proxy(proxyRequest("/login", ip))).status).toBe(200);
    const trap = await proxy(proxyRequest("/wp-login.php", ip, { headers: { "user-agent": "scanner/1.0" } }));
    expect(trap.status).toBe(403);

    const [audit] = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "security.honeypot_hit"), eq(auditLogs.ipAddress, ip)));
    expect(audit).toMatchObject({ userId: null, userAgent: "scanner/1.0", metadata: { path: "/wp-login.php", method: "GET", blocked: true } });
    const [block] = await db.select().from(blockedIps).where(eq(blockedIps.ip, ip));
    const hours = (block!.expiresAt!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    for (const path of ["/", "/dashboard", "/login"]) expect((await proxy(proxyRequest(path, ip))).status).toBe(403);
    const api = await proxy(proxyRequest("/api/v1/portfolios", ip));
    expect(api.status).toBe(403);
    expect(await api.json()).toMatchObject({ success: false, error: { code: "IP_BLOCKED" } });
    expect((await call(me, "GET", "/api/v1/user/me", { ip })).body.error.code).toBe("IP_BLOCKED");
    expect((await proxy(proxyRequest("/login", uniqueIp()))).status).toBe(200);
  });

  test("behind an untrusted reverse proxy a trap hit is audited but does not block the proxy's address", async () => {
    const proxyIp = `10.${Math.floor(Math.random() * 250)}.0.${1 + Math.floor(Math.random() * 250)}`;
    const res = await proxy(proxyRequest("/.env", proxyIp, { headers: { "x-forwarded-for": "203.0.113.9" } }));
    expect(res.status).toBe(403);
    expect(await db.select().from(blockedIps).where(eq(blockedIps.ip, proxyIp))).toEqual([]);
    const [audit] = await db.select().from(auditLogs).where(and(eq(auditLogs.action, "security.honeypot_hit"), eq(auditLogs.ipAddress, proxyIp)));
    expect(audit!.metadata).toMatchObject({ blocked: false });
  });
});

describe("proxy headers", () => {
  test("pages get a CSP with a fresh nonce, forwarded to the render as x-nonce", async () => {
    const first = await proxy(proxyRequest("/login", uniqueIp()));
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    const second = await proxy(proxyRequest("/login", uniqueIp()));
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
  });

  test("signed-in sections redirect without a session cookie; /api gets the API policy", async () => {
    const redirect = await proxy(proxyRequest("/portfolios/abc?tab=x", uniqueIp()));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get("location")).toBe("http://localhost/login?redirectTo=%2Fportfolios%2Fabc%3Ftab%3Dx");
    const api = await proxy(proxyRequest("/api/v1/portfolios", uniqueIp()));
    expect(api.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  });

  test("a CORS preflight from an origin not in CORS_ORIGINS is refused", async () => {
    const res = await proxy(proxyRequest("/api/v1/portfolios", uniqueIp(), { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } }));
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("row-level security context", () => {
  test("an authenticated handler runs as its user; public and admin handlers run as system work", async () => {
    const { token, id } = await signUp();
    const seen = withApi({ auth: "user" }, () => ok({ actingUserId: actingUserId() ?? null }));
    const open = withApi({}, () => ok({ actingUserId: actingUserId() ?? null }));
    expect((await call(seen, "GET", "/api/v1/x", { token, ip: uniqueIp() })).body.data).toEqual({ actingUserId: id });
    expect((await call(open, "GET", "/api/v1/x", { token, ip: uniqueIp() })).body.data).toEqual({ actingUserId: null });
    expect(actingUserId()).toBeUndefined();
  });
});

describe("GET /api/metrics", () => {
  test("Prometheus text with request counts by route pattern and status, auth failures and default metrics", async () => {
    const { token } = await signUp();
    await call(me, "GET", "/api/v1/user/me", { token, ip: uniqueIp() });
    await call(me, "GET", "/api/v1/user/me", { ip: uniqueIp() });
    const res = await metrics(new Request("http://localhost/api/metrics", { headers: { [SOCKET_ADDRESS_HEADER]: uniqueIp() } }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const samples = text.split("\n").filter((line) => line && !line.startsWith("#"));
    for (const line of samples) expect(line).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? [-+0-9.eNaInf]+$/);
    expect(text).toMatch(/tradepulse_http_requests_total\{[^}]*route="\/api\/v1\/user\/me"[^}]*status="200"[^}]*\} [1-9]/);
    expect(text).toMatch(/tradepulse_http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/user\/me"/);
    expect(text).toMatch(/tradepulse_auth_failures_total\{[^}]*reason="unauthenticated"[^}]*\} [1-9]/);
    for (const family of ["tradepulse_sse_active_streams", "tradepulse_cache_hit_ratio", "tradepulse_job_runs_total", "tradepulse_exchange_call_duration_seconds", "tradepulse_process_cpu_seconds_total"]) {
      expect(text).toContain(`# TYPE ${family}`);
    }
  });

  test("with METRICS_TOKEN set, only its bearer gets in", () => {
    const headers = (value?: string) => new Headers(value ? { authorization: value } : {});
    expect(() => requireMetricsAccess(headers(), undefined)).not.toThrow();
    expect(() => requireMetricsAccess(headers(), "s3cret")).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED", status: 401 }));
    expect(() => requireMetricsAccess(headers("Bearer nope"), "s3cret")).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => requireMetricsAccess(headers("Bearer s3cret"), "s3cret")).not.toThrow();
  });
});
