import { NextResponse, type NextRequest } from "next/server";
import { resolveClientIp } from "@/lib/api/client-ip";
import { env } from "@/lib/env";
import { API_CSP, buildPageCsp, createNonce } from "@/lib/security/headers";
import { corsHeaders, corsPreflightHeaders } from "@/lib/security/origin";
import { screenRequest } from "@/lib/security/screen";

// Runs before every request except Next's static files (Node.js runtime, so it may use the database):
// 1. blocked addresses get 403 before any work, and trap paths (/wp-login.php, /.env, …) block theirs;
// 2. /api: a strict CSP and CORS for the origins in CORS_ORIGINS (preflights answered here);
// 3. pages: a per-request CSP nonce (Next puts it on its own scripts; the root layout reads x-nonce),
//    and the optimistic sign-in redirect below.
// The other security headers (nosniff, Referrer-Policy, …) come from next.config.js `headers()`.

// Signed-in sections. Optimistic only: a cookie that merely exists lets the request through; the real
// check (a live session row) is requireUser() in every signed-in page, layout and action. Add a new
// signed-in section here.
const SIGNED_IN_SECTIONS = [
  "/dashboard",
  "/portfolios",
  "/markets",
  "/signals",
  "/tools",
  "/robot",
  "/journal",
  "/alerts",
  "/notifications",
  "/ai",
  "/settings",
  "/admin",
];

const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];

function hasSessionCookie(request: NextRequest): boolean {
  // Auth.js splits a large session cookie into "<name>.0", "<name>.1", …
  return request.cookies
    .getAll()
    .some(({ name }) => SESSION_COOKIES.some((cookie) => name === cookie || name.startsWith(`${cookie}.`)));
}

function isSignedInSection(pathname: string): boolean {
  return SIGNED_IN_SECTIONS.some((section) => pathname === section || pathname.startsWith(`${section}/`));
}

function refuse(isApi: boolean, message: string): NextResponse {
  if (isApi) {
    const body = { success: false, error: { code: "IP_BLOCKED", message }, meta: { timestamp: new Date().toISOString(), requestId: crypto.randomUUID() } };
    return NextResponse.json(body, {
      status: 403,
      headers: { "cache-control": "no-store", "content-security-policy": API_CSP, "x-request-id": body.meta.requestId },
    });
  }
  return new NextResponse(`403 Forbidden\n\n${message}\n`, {
    status: 403,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "content-security-policy": API_CSP },
  });
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname === "/api" || pathname.startsWith("/api/");
  const ip = resolveClientIp(request.headers, env.trustProxyHops);
  const verdict = await screenRequest({ ip, pathname, method: request.method, headers: request.headers });
  if (!verdict.allowed) return refuse(isApi, "Requests from your address are blocked.");

  if (isApi) {
    const origin = request.headers.get("origin");
    const isV1 = pathname.startsWith("/api/v1/");
    if (isV1 && request.method === "OPTIONS" && origin && request.headers.has("access-control-request-method")) {
      const preflight = corsPreflightHeaders(origin, env.corsOrigins);
      if (!preflight) return new NextResponse(null, { status: 403, headers: { "content-security-policy": API_CSP, vary: "Origin" } });
      return new NextResponse(null, { status: 204, headers: { ...preflight, "content-security-policy": API_CSP } });
    }
    const response = NextResponse.next();
    response.headers.set("content-security-policy", API_CSP);
    if (isV1) for (const [name, value] of Object.entries(corsHeaders(origin, env.corsOrigins))) response.headers.set(name, value);
    return response;
  }

  if (isSignedInSection(pathname) && !hasSessionCookie(request)) {
    const kept = new URLSearchParams(request.nextUrl.searchParams);
    kept.delete("_rsc");
    const query = kept.toString();
    const login = new URL("/login", request.url);
    login.searchParams.set("redirectTo", query ? `${pathname}?${query}` : pathname);
    return NextResponse.redirect(login);
  }

  const nonce = createNonce();
  const csp = buildPageCsp({ nonce, isDevelopment: env.nodeEnv === "development", upgradeInsecure: env.appUrl.startsWith("https://") });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

// Everything but Next's immutable build files. Pages, /api and unknown paths (traps, 404s) all pass.
export const config = {
  matcher: ["/((?!_next/static/|_next/image).*)"],
};
