// Cross-origin rules for /api/v1: CORS for configured origins, and refusal of cookie-authenticated
// state changes coming from another site (CSRF). Bearer-token requests are immune to CSRF: a browser
// never attaches the token by itself.

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/;

export const CORS_ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
export const CORS_ALLOWED_HEADERS = "authorization, content-type, x-request-id, last-event-id, accept";
export const CORS_EXPOSED_HEADERS = "x-request-id, ratelimit-limit, ratelimit-remaining, ratelimit-reset, retry-after, content-disposition";
export const CORS_MAX_AGE_SECONDS = 600;

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a request must be refused as a cross-site forgery: a state-changing method, a session cookie
 * and no Authorization header, coming from another origin per Sec-Fetch-Site or Origin. `ownOrigins`
 * are the origins this app is served from (APP_URL and the request's own).
 */
export function isCrossSiteCookieWrite(input: { method: string; headers: Headers; ownOrigins: readonly string[] }): boolean {
  if (!STATE_CHANGING.has(input.method.toUpperCase())) return false;
  if (input.headers.get("authorization")) return false;
  if (!SESSION_COOKIE.test(input.headers.get("cookie") ?? "")) return false;
  const site = input.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return true;
  const origin = input.headers.get("origin");
  if (origin === null) {
    // No Origin and no Sec-Fetch-Site: not a modern browser's cross-site request; check Referer if sent.
    const referer = input.headers.get("referer");
    if (!referer) return false;
    const refOrigin = originOf(referer);
    return refOrigin === null || !input.ownOrigins.includes(refOrigin);
  }
  return origin === "null" || !input.ownOrigins.includes(origin.replace(/\/+$/, ""));
}

/** CORS headers for an allowed origin (none for others). Credentials are never allowed cross-origin. */
export function corsHeaders(origin: string | null, allowed: readonly string[]): Record<string, string> {
  if (!origin || !allowed.includes(origin.replace(/\/+$/, ""))) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": CORS_EXPOSED_HEADERS,
    vary: "Origin",
  };
}

export function corsPreflightHeaders(origin: string, allowed: readonly string[]): Record<string, string> | null {
  if (!allowed.includes(origin.replace(/\/+$/, ""))) return null;
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": CORS_ALLOWED_METHODS,
    "access-control-allow-headers": CORS_ALLOWED_HEADERS,
    "access-control-max-age": String(CORS_MAX_AGE_SECONDS),
    vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
  };
}
