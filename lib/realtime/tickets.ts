import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getLiveSession, type AuthContext } from "@/lib/auth/sessions";
import { getRedis } from "@/lib/redis";

// Stream tickets: for clients that cannot send headers (EventSource in a browser on another origin, some
// mobile SSE libraries). A ticket is a random 256-bit string, good for one GET /api/v1/stream within
// a minute, bound to the session that asked for it. Only its SHA-256 is stored (Redis, or this process).

export const STREAM_TICKET_TTL_SECONDS = 60;
const KEY_PREFIX = "stream:ticket:";
const TICKET = /^[A-Za-z0-9_-]{43}$/;

type Stored = { sessionId: string; userId: string };

const globalForTickets = globalThis as unknown as {
  __tradepulseStreamTickets?: { entries: Map<string, Stored & { expiresAtMs: number }>; prunedAtMs: number };
};

function memoryStore(now: number) {
  const store = (globalForTickets.__tradepulseStreamTickets ??= { entries: new Map(), prunedAtMs: now });
  if (now - store.prunedAtMs >= 5_000) {
    store.prunedAtMs = now;
    for (const [key, entry] of store.entries) if (entry.expiresAtMs <= now) store.entries.delete(key);
  }
  return store.entries;
}

const digest = (ticket: string) => createHash("sha256").update(ticket).digest("base64url");

export async function createStreamTicket(
  auth: Pick<AuthContext, "sessionId" | "userId">,
  { ttlMs = STREAM_TICKET_TTL_SECONDS * 1000, now = Date.now() }: { ttlMs?: number; now?: number } = {},
): Promise<{ ticket: string; expiresIn: number }> {
  const ticket = randomBytes(32).toString("base64url");
  const stored: Stored = { sessionId: auth.sessionId, userId: auth.userId };
  const redis = getRedis();
  if (redis) {
    await redis.set(KEY_PREFIX + digest(ticket), JSON.stringify(stored), "PX", ttlMs);
  } else {
    memoryStore(now).set(digest(ticket), { ...stored, expiresAtMs: now + ttlMs });
  }
  return { ticket, expiresIn: Math.ceil(ttlMs / 1000) };
}

/** Spends a ticket: the session it was issued to, if the ticket is unused, unexpired and the session live. */
export async function redeemStreamTicket(ticket: string, now = Date.now()): Promise<AuthContext | null> {
  if (!TICKET.test(ticket)) return null;
  let stored: Stored | null = null;
  const redis = getRedis();
  if (redis) {
    // GETDEL: of two concurrent redemptions only one gets the value.
    const raw = await redis.getdel(KEY_PREFIX + digest(ticket));
    stored = raw ? (JSON.parse(raw) as Stored) : null;
  } else {
    const store = memoryStore(now);
    const key = digest(ticket);
    const entry = store.get(key);
    store.delete(key);
    stored = entry && entry.expiresAtMs > now ? entry : null;
  }
  if (!stored) return null;
  const context = await getLiveSession(stored.sessionId);
  return context && context.userId === stored.userId ? context : null;
}
