// Browser-side helpers for the PWA: talking to the service worker and wiping what it keeps.
// Only for client components ("use client"); every function is a no-op where service workers are missing.
import {
  CACHED_AT_HEADER,
  META_CACHE,
  META_USER_URL,
  SW_SCOPE,
  SW_URL,
  USER_CACHE_PREFIX,
  userCacheName,
  type FromWorker,
  type ToWorker,
} from "./constants";

const ANSWER_TIMEOUT_MS = 10_000;

function hasServiceWorker(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator;
}

/** The active worker of our registration, if there is one (without waiting for it). */
async function activeWorker(): Promise<ServiceWorker | null> {
  if (!hasServiceWorker()) return null;
  const registration = await navigator.serviceWorker.getRegistration(SW_SCOPE);
  const worker = registration?.active ?? null;
  return worker && worker.scriptURL.endsWith(SW_URL) ? worker : null;
}

/** Sends `message` to the worker and waits for its answer (null without a worker or on timeout). */
export async function askWorker(message: ToWorker, worker?: ServiceWorker | null): Promise<FromWorker | null> {
  const target = worker ?? (await activeWorker());
  if (!target) return null;
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = window.setTimeout(() => resolve(null), ANSWER_TIMEOUT_MS);
    channel.port1.onmessage = (event: MessageEvent<FromWorker | null>) => {
      window.clearTimeout(timer);
      resolve(event.data ?? null);
    };
    target.postMessage(message, [channel.port2]);
  });
}

/** Waits (up to `timeoutMs`) for an active worker of our registration. */
export async function readyWorker(timeoutMs = 30_000): Promise<ServiceWorker | null> {
  if (!hasServiceWorker()) return null;
  const ready = navigator.serviceWorker.ready.then((registration) => registration.active);
  const timeout = new Promise<null>((resolve) => window.setTimeout(() => resolve(null), timeoutMs));
  const worker = await Promise.race([ready, timeout]);
  return worker && worker.scriptURL.endsWith(SW_URL) ? worker : null;
}

/**
 * Deletes every copy of user data kept on this device (all user caches and the worker's idea of who is
 * signed in), directly through the Cache API and through the worker, so it works with or without one.
 */
export async function clearUserData(): Promise<void> {
  if (typeof caches === "undefined") return;
  await Promise.allSettled([
    askWorker({ type: "TP_LOGOUT" }),
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((name) => name.startsWith(USER_CACHE_PREFIX)).map((name) => caches.delete(name)));
      await (await caches.open(META_CACHE)).delete(META_USER_URL);
    })(),
  ]);
}

export type KeptPage = { url: string; path: string; cachedAt: string | null };

/** The signed-in user's pages kept for offline reading, newest first. */
export async function listKeptPages(): Promise<KeptPage[]> {
  if (typeof caches === "undefined") return [];
  const saved = await (await caches.open(META_CACHE)).match(META_USER_URL);
  const userKey = saved ? ((await saved.json()) as { userKey?: unknown }).userKey : null;
  if (typeof userKey !== "string" || !(await caches.has(userCacheName(userKey)))) return [];
  const cache = await caches.open(userCacheName(userKey));
  const pages: KeptPage[] = [];
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    if (url.origin !== window.location.origin || url.pathname.startsWith("/api/")) continue;
    const response = await cache.match(request, { ignoreVary: true });
    pages.push({ url: url.pathname + url.search, path: url.pathname, cachedAt: response?.headers.get(CACHED_AT_HEADER) ?? null });
  }
  return pages.sort((a, b) => (b.cachedAt ?? "").localeCompare(a.cachedAt ?? ""));
}
