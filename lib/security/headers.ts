// Security headers: pure builders shared by proxy.ts (pages and /api) and the direct SSE path.
// The static ones are also in next.config.js `headers()` so that files Next serves without the proxy
// (_next/static, public/) carry them too; keep the two lists in step (e2e/web/security.spec.ts checks).

export type CspOptions = { nonce: string; isDevelopment: boolean; upgradeInsecure: boolean };

/** A random, unguessable nonce for one response (base64 of 16 bytes). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64");
}

/**
 * The page policy. Scripts run only with this response's nonce ('strict-dynamic' lets them load
 * Next's chunks); no 'unsafe-inline' scripts. Styles allow inline because charts and toasts set style
 * attributes (a nonce in style-src would switch 'unsafe-inline' off). EventSource and fetch stay
 * same-origin.
 */
export function buildPageCsp({ nonce, isDevelopment, upgradeInsecure }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${isDevelopment ? " ws: wss:" : ""}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "media-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    ...(upgradeInsecure ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** JSON, SSE and other API answers load nothing and may not be framed. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const PERMISSIONS_POLICY =
  "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()";

export const HSTS = "max-age=63072000; includeSubDomains";

/** Headers every response carries (without the CSP, which depends on the kind of response). */
export function staticSecurityHeaders(isProduction: boolean): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": PERMISSIONS_POLICY,
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    ...(isProduction ? { "strict-transport-security": HSTS } : {}),
  };
}

/** Everything an API answer needs when it does not pass through Next (the direct SSE path). */
export function apiSecurityHeaders(isProduction: boolean): Record<string, string> {
  return { ...staticSecurityHeaders(isProduction), "content-security-policy": API_CSP };
}
