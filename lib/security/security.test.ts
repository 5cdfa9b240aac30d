import { describe, expect, test } from "vitest";
import { routePattern } from "@/lib/api/handler";
import { API_CSP, buildPageCsp, createNonce, staticSecurityHeaders } from "./headers";
import { isHoneypotPath } from "./honeypot";
import { corsHeaders, corsPreflightHeaders, isCrossSiteCookieWrite } from "./origin";

const OWN = ["http://localhost:3000"];
const COOKIE = { cookie: "theme=dark; authjs.session-token=abc" };

describe("page CSP", () => {
  test("scripts need the nonce; no inline scripts, frames or plugins; same-origin connections", () => {
    const csp = buildPageCsp({ nonce: "n0nce", isDevelopment: false, upgradeInsecure: false });
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-n0nce' 'strict-dynamic'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  test("development allows eval and the dev server's websocket; https deployments upgrade requests", () => {
    expect(buildPageCsp({ nonce: "n", isDevelopment: true, upgradeInsecure: false })).toMatch(/'unsafe-eval'.*connect-src 'self' ws: wss:/);
    expect(buildPageCsp({ nonce: "n", isDevelopment: false, upgradeInsecure: true })).toMatch(/upgrade-insecure-requests$/);
  });

  test("nonces are random base64 of 16 bytes", () => {
    const a = createNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(createNonce()).not.toBe(a);
  });

  test("API answers load nothing; HSTS only in production", () => {
    expect(API_CSP).toMatch(/^default-src 'none'.*frame-ancestors 'none'/);
    expect(staticSecurityHeaders(true)["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(staticSecurityHeaders(false)["strict-transport-security"]).toBeUndefined();
    expect(staticSecurityHeaders(false)).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "DENY" });
  });
});

describe("honeypot paths", () => {
  test.each([
    ["/wp-login.php", true],
    ["/WP-LOGIN.PHP", true],
    ["/.env", true],
    ["//.env/", true],
    ["/.git/config", true],
    ["/.git/HEAD", true],
    ["/phpmyadmin", true],
    ["/phpmyadmin/index.php", true],
    ["/wp-admin/", true],
    ["/wp-admin/setup-config.php", true],
    ["/xmlrpc.php", true],
    ["/%2Eenv", true],
    ["/", false],
    ["/dashboard", false],
    ["/api/v1/portfolios", false],
    ["/environment", false],
    ["/wp-adminx", false],
    ["/markets/BTC-USDT", false],
  ])("%s → %s", (path, trap) => {
    expect(isHoneypotPath(path)).toBe(trap);
  });
});

describe("cross-site cookie writes", () => {
  const headers = (extra: Record<string, string>) => new Headers({ ...COOKIE, ...extra });
  test.each([
    ["POST from another origin", "POST", { origin: "https://evil.example" }, true],
    ["DELETE marked cross-site", "DELETE", { "sec-fetch-site": "cross-site" }, true],
    ["PATCH from a sibling site", "PATCH", { "sec-fetch-site": "same-site", origin: "http://localhost:3000" }, true],
    ["an opaque origin", "PUT", { origin: "null" }, true],
    ["a foreign Referer without Origin", "POST", { referer: "https://evil.example/page" }, true],
    ["POST from the app itself", "POST", { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" }, false],
    ["a typed-in navigation", "POST", { "sec-fetch-site": "none" }, false],
    ["a non-browser client without Origin", "POST", {}, false],
    ["GET from another origin", "GET", { origin: "https://evil.example" }, false],
  ])("%s", (_name, method, extra, refused) => {
    expect(isCrossSiteCookieWrite({ method, headers: headers(extra), ownOrigins: OWN })).toBe(refused);
  });

  test("bearer requests and requests without a session cookie are not CSRF-able", () => {
    expect(isCrossSiteCookieWrite({ method: "POST", headers: new Headers({ ...COOKIE, origin: "https://evil.example", authorization: "Bearer x" }), ownOrigins: OWN })).toBe(false);
    expect(isCrossSiteCookieWrite({ method: "POST", headers: new Headers({ cookie: "theme=dark", origin: "https://evil.example" }), ownOrigins: OWN })).toBe(false);
    expect(isCrossSiteCookieWrite({ method: "POST", headers: new Headers({ cookie: "__Secure-authjs.session-token.0=a", origin: "https://evil.example" }), ownOrigins: OWN })).toBe(true);
  });
});

describe("CORS", () => {
  const allowed = ["https://app.example"];
  test("allowed origins get the origin echoed, without credentials", () => {
    const simple = corsHeaders("https://app.example", allowed);
    expect(simple["access-control-allow-origin"]).toBe("https://app.example");
    expect(simple["access-control-allow-credentials"]).toBeUndefined();
    expect(simple["access-control-expose-headers"]).toContain("retry-after");
    const preflight = corsPreflightHeaders("https://app.example", allowed)!;
    expect(preflight["access-control-allow-methods"]).toContain("DELETE");
    expect(preflight["access-control-allow-headers"]).toContain("authorization");
    expect(preflight["access-control-allow-credentials"]).toBeUndefined();
  });

  test("other origins get nothing", () => {
    expect(corsHeaders("https://evil.example", allowed)).toEqual({});
    expect(corsHeaders(null, allowed)).toEqual({});
    expect(corsPreflightHeaders("https://evil.example", allowed)).toBeNull();
  });
});

describe("route patterns for metrics", () => {
  test.each([
    ["/api/v1/portfolios/3f1e/transactions/99aa", { portfolioId: "3f1e", transactionId: "99aa" }, "/api/v1/portfolios/[portfolioId]/transactions/[transactionId]"],
    ["/api/v1/market/ticker/BTC-USDT", { symbol: "BTC-USDT" }, "/api/v1/market/ticker/[symbol]"],
    ["/api/v1/a/b/c", { path: ["a", "b", "c"] }, "/api/v1/[...path]"],
    ["/api/v1/portfolios", {}, "/api/v1/portfolios"],
  ])("%s", (path, params, pattern) => {
    expect(routePattern(path, params)).toBe(pattern);
  });
});
