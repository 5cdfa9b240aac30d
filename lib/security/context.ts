import { AsyncLocalStorage } from "node:async_hooks";

// What the current request is and on whose behalf it acts. withApi opens it; the logger stamps the
// request id on every line, and db/client.ts runs every statement with `app.user_id` = userId so that
// PostgreSQL row-level security sees the acting user (unset = system work: jobs, the feed, sign-in).
export type RequestContext = {
  requestId?: string;
  /** The acting user; undefined or null = system context (no row-level filter). */
  userId?: string | null;
};

// One store per process: Next bundles routes, the proxy and instrumentation separately, and the
// database client (also a process singleton) must see the store the route handler opened.
const globalForContext = globalThis as unknown as { __tradepulseRequestContext?: AsyncLocalStorage<RequestContext> };
const storage = (globalForContext.__tradepulseRequestContext ??= new AsyncLocalStorage<RequestContext>());

export function runWithContext<T>(context: RequestContext, run: () => T): T {
  return storage.run(context, run);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The user row-level security acts for, if any. */
export function actingUserId(): string | undefined {
  return storage.getStore()?.userId ?? undefined;
}

/** Runs `run` with row-level security scoped to `userId` (keeps the request id). */
export function runAsUser<T>(userId: string, run: () => T): T {
  return storage.run({ ...storage.getStore(), userId }, run);
}

/**
 * Runs `run` as system work: no acting user, so row-level security lets every row through. For the rare
 * request that must touch other users' rows on purpose (e.g. notifying a user a portfolio was shared
 * with). The app's own user filters still apply; use it where that is deliberate and reviewed.
 */
export function runAsSystem<T>(run: () => T): T {
  return storage.run({ ...storage.getStore(), userId: null }, run);
}
