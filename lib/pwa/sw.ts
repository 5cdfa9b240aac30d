/// <reference lib="webworker" />
// The PWA's service worker, bundled by Serwist (app/serwist/[path]/route.ts) and served at /serwist/sw.js.
//
// What it does:
// - precaches the app shell: Next's static build files, public/ (icons) and the offline page;
// - keeps the last copy of signed-in pages (dashboard, portfolios, markets, …) and of the portfolio and
//   market API answers, in a cache named after the signed-in user; the network always goes first, the
//   copy is only used when the network fails;
// - answers a document request that neither can serve with the offline page.
// What it never does: cache the live stream (/api/v1/stream is not even routed through it), auth or
// account endpoints, settings or admin pages, or any non-GET request; use one user's copy for another
// (the page tells it who is signed in; a different user, a login page or logout wipes the user caches).
import { CacheFirst, ExpirationPlugin, Serwist, StaleWhileRevalidate, type PrecacheEntry, type RouteHandlerCallbackOptions, type SerwistGlobalConfig } from "serwist";

import {
  CACHED_AT_HEADER,
  FROM_CACHE_HEADER,
  META_CACHE,
  META_USER_URL,
  OFFLINE_URL,
  PAGE_REFRESH_MS,
  USER_CACHE_PREFIX,
  isCachedApi,
  isNeverCached,
  isOfflineSection,
  userCacheName,
  type FromWorker,
  type ToWorker,
} from "./constants";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

const USER_KEY = /^[a-f0-9]{16,64}$/;

// ---- who is signed in (kept in a cache so a restarted worker still knows) ----------------------------

let userKey: string | null | undefined;

async function currentUserKey(): Promise<string | null> {
  if (userKey !== undefined) return userKey;
  const saved = await (await caches.open(META_CACHE)).match(META_USER_URL);
  const value = saved ? ((await saved.json()) as { userKey?: unknown }).userKey : null;
  userKey = typeof value === "string" && USER_KEY.test(value) ? value : null;
  return userKey;
}

async function setUserKey(next: string | null): Promise<void> {
  userKey = next;
  const meta = await caches.open(META_CACHE);
  if (next) await meta.put(META_USER_URL, Response.json({ userKey: next }));
  else await meta.delete(META_USER_URL);
}

/** Deletes every user cache (but `keep`'s); answers how many were deleted. */
async function deleteUserCaches(keep?: string): Promise<number> {
  const names = (await caches.keys()).filter((name) => name.startsWith(USER_CACHE_PREFIX) && name !== (keep ? userCacheName(keep) : undefined));
  await Promise.all(names.map((name) => caches.delete(name)));
  return names.length;
}

// ---- storing and reading copies ------------------------------------------------------------------------

/** Same-origin URL without the fragment: the key a page or an API answer is stored under. */
function copyKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = "";
  return parsed.href;
}

function isStorable(response: Response, contentType: RegExp): boolean {
  return response.status === 200 && response.type === "basic" && !response.redirected && contentType.test(response.headers.get("content-type") ?? "");
}

/** Stores `response` for `key`'s user, stamped with the time the server produced it. */
async function storeCopy(key: string, url: string, response: Response): Promise<boolean> {
  const headers = new Headers(response.headers);
  const served = Date.parse(response.headers.get("date") ?? "");
  headers.set(CACHED_AT_HEADER, new Date(Number.isFinite(served) ? served : Date.now()).toISOString());
  const copy = new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
  // The user may have signed out (or another signed in) while the body was read.
  if ((await currentUserKey()) !== key) return false;
  const cache = await caches.open(userCacheName(key));
  await cache.put(url, copy);
  if ((await currentUserKey()) !== key) {
    await caches.delete(userCacheName(key));
    return false;
  }
  return true;
}

/** The copy of `url`; for a page, a copy of the same path with another query will do. */
async function readCopy(key: string, url: string, { anyQuery = false } = {}): Promise<Response | undefined> {
  if (!(await caches.has(userCacheName(key)))) return undefined;
  const cache = await caches.open(userCacheName(key));
  return (await cache.match(url, { ignoreVary: true })) ?? (anyQuery ? cache.match(url, { ignoreVary: true, ignoreSearch: true }) : undefined);
}

function markedFromCache(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.set(FROM_CACHE_HEADER, "1");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Documents answered from a copy, by the id of the window they created: the page asks on load
// (TP_DOCUMENT_STATUS) so it can say "offline, as of …" even when the browser believes it is online.
const documentsFromCache = new Map<string, string | null>();

// ---- route handlers ------------------------------------------------------------------------------------

/** Signed-in pages kept for offline reading: network first, the user's last copy when it fails. */
async function handleKeptPage({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const key = await currentUserKey();
  const url = copyKey(request.url);
  try {
    const response = await fetch(request);
    if (key && isStorable(response, /text\/html/)) event.waitUntil(storeCopy(key, url, response.clone()));
    return response;
  } catch (error) {
    const copy = key ? await readCopy(key, url, { anyQuery: true }) : undefined;
    if (!copy) throw error;
    const clientId = (event as FetchEvent).resultingClientId;
    if (clientId) {
      documentsFromCache.set(clientId, copy.headers.get(CACHED_AT_HEADER));
      if (documentsFromCache.size > 50) documentsFromCache.delete(documentsFromCache.keys().next().value as string);
    }
    return markedFromCache(copy);
  }
}

/** The last portfolio and market API answers of the signed-in user: network first, then the copy. */
async function handleKeptApi({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const key = await currentUserKey();
  const url = copyKey(request.url);
  try {
    const response = await fetch(request);
    if (key && isStorable(response, /application\/json/)) event.waitUntil(storeCopy(key, url, response.clone()));
    return response;
  } catch (error) {
    const copy = key ? await readCopy(key, url) : undefined;
    if (!copy) throw error;
    return markedFromCache(copy);
  }
}

/** Any other page: straight to the network (nothing kept); the offline page when it fails. */
async function handleOtherPage({ request }: RouteHandlerCallbackOptions): Promise<Response> {
  return fetch(request);
}

// ---- messages from pages -------------------------------------------------------------------------------

async function cachePage(rawUrl: string): Promise<boolean> {
  const key = await currentUserKey();
  if (!key) return false;
  const url = new URL(rawUrl, self.location.origin);
  if (url.origin !== self.location.origin || !isOfflineSection(url.pathname)) return false;
  const target = copyKey(url.href);
  const existing = await readCopy(key, target);
  const cachedAt = Date.parse(existing?.headers.get(CACHED_AT_HEADER) ?? "");
  if (existing && Number.isFinite(cachedAt) && Date.now() - cachedAt < PAGE_REFRESH_MS) return true;
  const response = await fetch(target, { credentials: "same-origin", redirect: "manual", headers: { accept: "text/html" } });
  if (!isStorable(response, /text\/html/)) return false;
  return storeCopy(key, target, response);
}

async function answer(message: ToWorker, source: Client | ServiceWorker | MessagePort | null): Promise<FromWorker | null> {
  switch (message.type) {
    case "TP_USER": {
      if (!USER_KEY.test(message.userKey)) return null;
      const changed = (await currentUserKey()) !== message.userKey;
      if (changed) {
        await deleteUserCaches();
        await setUserKey(message.userKey);
      }
      return { type: "TP_USER", changed };
    }
    case "TP_LOGOUT": {
      await setUserKey(null);
      return { type: "TP_LOGOUT", cleared: await deleteUserCaches() };
    }
    case "TP_CACHE_PAGE":
      return { type: "TP_CACHE_PAGE", cached: await cachePage(message.url).catch(() => false) };
    case "TP_DOCUMENT_STATUS": {
      const id = source && "id" in source ? source.id : "";
      const fromCache = documentsFromCache.has(id);
      return { type: "TP_DOCUMENT_STATUS", fromCache, cachedAt: fromCache ? (documentsFromCache.get(id) ?? null) : null };
    }
    default:
      return null;
  }
}

self.addEventListener("message", (event) => {
  const message = event.data as ToWorker | null;
  if (!message || typeof message !== "object" || typeof message.type !== "string" || !message.type.startsWith("TP_")) return;
  if (event.origin && event.origin !== self.location.origin) return;
  const port = event.ports[0];
  event.waitUntil(
    answer(message, event.source).then(
      (reply) => port?.postMessage(reply),
      () => port?.postMessage(null),
    ),
  );
});

// ---- wiring --------------------------------------------------------------------------------------------

const sameOrigin = (url: URL) => url.origin === self.location.origin;

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: { cleanupOutdatedCaches: true, concurrency: 8 },
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  runtimeCaching: [
    {
      matcher: ({ request, url }) => request.mode === "navigate" && sameOrigin(url) && isOfflineSection(url.pathname),
      handler: handleKeptPage,
    },
    {
      matcher: ({ request, url }) => request.mode === "navigate" && sameOrigin(url) && !url.pathname.startsWith("/api/"),
      handler: handleOtherPage,
    },
    {
      matcher: ({ request, url }) =>
        sameOrigin(url) && isCachedApi(url.pathname) && !isNeverCached(url.pathname) && !(request.headers.get("accept") ?? "").includes("text/event-stream"),
      handler: handleKeptApi,
      method: "GET",
    },
    {
      // Build files have hashed names: once fetched they never change (fonts, lazily loaded chunks).
      matcher: ({ url }) => sameOrigin(url) && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "tp-static", plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 })] }),
    },
    {
      matcher: ({ url }) => sameOrigin(url) && (url.pathname === "/manifest.webmanifest" || url.pathname.startsWith("/icons/") || url.pathname === "/icon.svg"),
      handler: new StaleWhileRevalidate({ cacheName: "tp-public", plugins: [new ExpirationPlugin({ maxEntries: 32 })] }),
    },
  ],
});

// A document nothing could answer gets the offline page; anything else fails as it would without us.
serwist.setCatchHandler(async ({ request }) => {
  if (request.destination === "document" || request.mode === "navigate") {
    const offline = await serwist.matchPrecache(OFFLINE_URL);
    if (offline) return offline;
  }
  return Response.error();
});

serwist.addEventListeners();
