// Shared by the service worker (lib/pwa/sw.ts) and the pages that talk to it (components/pwa/*).
// Plain data only: the worker bundle must not pull in server or React code.

/** Where the worker is served (app/serwist/[path]/route.ts) and the scope it controls. */
export const SW_URL = "/serwist/sw.js";
export const SW_SCOPE = "/";

/** The page shown for a document request that neither the network nor the cache can answer. */
export const OFFLINE_URL = "/~offline";

/**
 * Caches holding a user's data are named per user (a hash of the user id, never the id or e-mail):
 * one user's pages and API answers are never served to another, and logout deletes them all.
 */
export const USER_CACHE_PREFIX = "tp-user-";
export const userCacheName = (userKey: string): string => `${USER_CACHE_PREFIX}${userKey}`;

/** The worker's own small state (the signed-in user's key), kept in a cache so it survives restarts. */
export const META_CACHE = "tp-meta";
export const META_USER_URL = "/__tradepulse/pwa-user";

/** Stamped by the worker on every response it stores: when the server produced it (ISO 8601). */
export const CACHED_AT_HEADER = "x-tradepulse-cached-at";
/** On a response answered from the cache instead of the network: "1". */
export const FROM_CACHE_HEADER = "x-tradepulse-from-cache";

/** Signed-in sections whose pages are kept for offline reading (settings and admin never are). */
export const OFFLINE_SECTIONS = ["/dashboard", "/portfolios", "/markets", "/signals", "/journal", "/alerts", "/notifications", "/robot", "/tools"] as const;

/** GET API answers kept as "the last portfolio and market responses". */
export const CACHED_API = [/^\/api\/v1\/portfolios(\/[^/]+(\/(holdings|history|allocation|analytics|activity))?)?$/, /^\/api\/v1\/market\/(tickers|ticker\/[^/]+|candles\/[^/]+|orderbook\/[^/]+)$/];

/** Never cached, never answered from a cache: the live stream, authentication and account endpoints. */
export const NEVER_CACHED = [/^\/api\/v1\/stream/, /^\/api\/auth\//, /^\/api\/v1\/auth\//, /^\/api\/v1\/user\//, /^\/api\/v1\/admin\//];

/** How old a kept page may get before a visit refreshes the copy in the background. */
export const PAGE_REFRESH_MS = 5 * 60_000;

export function isOfflineSection(pathname: string): boolean {
  return OFFLINE_SECTIONS.some((section) => pathname === section || pathname.startsWith(`${section}/`));
}

export function isCachedApi(pathname: string): boolean {
  return CACHED_API.some((pattern) => pattern.test(pathname));
}

export function isNeverCached(pathname: string): boolean {
  return NEVER_CACHED.some((pattern) => pattern.test(pathname));
}

/** Messages from pages to the worker. */
export type ToWorker =
  | { type: "TP_USER"; userKey: string }
  | { type: "TP_LOGOUT" }
  | { type: "TP_CACHE_PAGE"; url: string }
  | { type: "TP_DOCUMENT_STATUS" };

/** Answers, sent back on the MessageChannel port of the request. */
export type FromWorker =
  | { type: "TP_USER"; changed: boolean }
  | { type: "TP_LOGOUT"; cleared: number }
  | { type: "TP_CACHE_PAGE"; cached: boolean }
  | { type: "TP_DOCUMENT_STATUS"; fromCache: boolean; cachedAt: string | null };
