import "server-only";
import { and, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { db, type Database } from "@/db/client";
import { refreshTokens, sessions, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/queries";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { CHANNELS } from "@/lib/market/events";
import { getBus } from "@/lib/realtime/bus";
import { generateRefreshToken, getRefreshTtlMs, hashToken, isWellFormedToken, type UserRole, type UserTier } from "./tokens";

/** Everything a request needs to know about who is acting. */
export type AuthContext = {
  sessionId: string;
  userId: string;
  email: string;
  name: string | null;
  role: UserRole;
  /** The effective tier: an expired tier reads as free. */
  tier: UserTier;
  emailVerified: boolean;
  totpEnabled: boolean;
  sessionKind: "web" | "api";
};

export const LIVE_SESSION_CACHE_MS = 30_000;
const TOUCH_INTERVAL_MS = 60_000;
export const SESSIONS_CHANNEL = CHANNELS.sessions;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Executor = Database | Tx;

type CacheEntry = { context: AuthContext | null; expiresAtMs: number; sessionExpiresAtMs: number };

const globalForSessions = globalThis as unknown as {
  __tradepulseSessionCache?: Map<string, CacheEntry>;
  __tradepulseSessionTouched?: Map<string, number>;
  __tradepulseSessionSubscribed?: boolean;
};

function cache(): Map<string, CacheEntry> {
  globalForSessions.__tradepulseSessionCache ??= new Map();
  if (!globalForSessions.__tradepulseSessionSubscribed) {
    globalForSessions.__tradepulseSessionSubscribed = true;
    // Revocations from any instance drop the cached entries here at once; the 30 s TTL is the backstop.
    getBus().subscribe(SESSIONS_CHANNEL, (message) => {
      const { sessionIds, userId } = (message ?? {}) as { sessionIds?: string[]; userId?: string };
      const entries = globalForSessions.__tradepulseSessionCache!;
      for (const id of sessionIds ?? []) entries.delete(id);
      if (userId) {
        for (const [id, entry] of entries) if (entry.context?.userId === userId) entries.delete(id);
      }
    });
  }
  return globalForSessions.__tradepulseSessionCache;
}

export function effectiveTier(tier: UserTier, tierExpiresAt: Date | null, now: Date): UserTier {
  return tierExpiresAt && tierExpiresAt.getTime() <= now.getTime() ? "free" : tier;
}

export function sessionTtlMs(rememberMe: boolean): number {
  return getRefreshTtlMs(rememberMe);
}

const sessionColumns = {
  sessionId: sessions.id,
  kind: sessions.kind,
  expiresAt: sessions.expiresAt,
  revokedAt: sessions.revokedAt,
  userId: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  tier: users.tier,
  tierExpiresAt: users.tierExpiresAt,
  isBlocked: users.isBlocked,
  emailVerifiedAt: users.emailVerifiedAt,
  totpEnabled: users.totpEnabled,
};

const selectSessions = () => db.select(sessionColumns).from(sessions).innerJoin(users, eq(users.id, sessions.userId));
type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];

function toCacheEntry(row: SessionRow | undefined, now: Date): CacheEntry {
  const cacheUntil = now.getTime() + LIVE_SESSION_CACHE_MS;
  if (!row || row.revokedAt || row.isBlocked || row.expiresAt.getTime() <= now.getTime()) {
    return { context: null, expiresAtMs: cacheUntil, sessionExpiresAtMs: 0 };
  }
  return {
    context: {
      sessionId: row.sessionId,
      userId: row.userId,
      email: row.email,
      name: row.name,
      role: row.role,
      tier: effectiveTier(row.tier, row.tierExpiresAt, now),
      emailVerified: row.emailVerifiedAt !== null,
      totpEnabled: row.totpEnabled,
      sessionKind: row.kind,
    },
    expiresAtMs: Math.min(cacheUntil, row.expiresAt.getTime()),
    sessionExpiresAtMs: row.expiresAt.getTime(),
  };
}

async function loadSession(sessionId: string, now: Date): Promise<CacheEntry> {
  const [row] = await selectSessions().where(eq(sessions.id, sessionId));
  return toCacheEntry(row, now);
}

const isSessionId = (value: string) => /^[0-9a-f-]{36}$/i.test(value);

function cacheEntry(entries: Map<string, CacheEntry>, sessionId: string, entry: CacheEntry): void {
  entries.set(sessionId, entry);
  if (entries.size > 50_000) entries.delete(entries.keys().next().value!);
}

/**
 * The live-session check behind every authenticated request: the session exists, is neither revoked nor
 * expired, and its user is not blocked. Cached for at most 30 s per process.
 */
export async function getLiveSession(sessionId: string, now = new Date()): Promise<AuthContext | null> {
  if (!isSessionId(sessionId)) return null;
  const entries = cache();
  let entry = entries.get(sessionId);
  if (!entry || entry.expiresAtMs <= now.getTime()) {
    entry = await loadSession(sessionId, now);
    cacheEntry(entries, sessionId, entry);
  }
  if (entry.context) touchSessions([entry.context], now);
  return entry.context;
}

/** Sessions re-checked in one statement (the SSE hub's periodic check): what getLiveSession would say of each. */
export async function getLiveSessions(sessionIds: readonly string[], now = new Date()): Promise<Map<string, AuthContext | null>> {
  const out = new Map<string, AuthContext | null>();
  const entries = cache();
  const missing: string[] = [];
  for (const sessionId of new Set(sessionIds)) {
    const entry = entries.get(sessionId);
    if (!isSessionId(sessionId)) out.set(sessionId, null);
    else if (entry && entry.expiresAtMs > now.getTime()) out.set(sessionId, entry.context);
    else missing.push(sessionId);
  }
  for (let at = 0; at < missing.length; at += 1_000) {
    const ids = missing.slice(at, at + 1_000);
    const rows = await selectSessions().where(inArray(sessions.id, ids));
    const byId = new Map(rows.map((row) => [row.sessionId, row]));
    for (const sessionId of ids) {
      const entry = toCacheEntry(byId.get(sessionId), now);
      cacheEntry(entries, sessionId, entry);
      out.set(sessionId, entry.context);
    }
  }
  touchSessions(
    [...out.values()].filter((context): context is AuthContext => context !== null),
    now,
  );
  return out;
}

// Last-seen is written at most once a minute per session, off the request path, in one statement for
// however many sessions are due. Web sessions slide; API sessions end when their refresh token does.
function touchSessions(contexts: readonly AuthContext[], now: Date): void {
  globalForSessions.__tradepulseSessionTouched ??= new Map();
  const touched = globalForSessions.__tradepulseSessionTouched;
  const due: AuthContext[] = [];
  for (const context of contexts) {
    const last = touched.get(context.sessionId) ?? 0;
    if (now.getTime() - last < TOUCH_INTERVAL_MS) continue;
    touched.set(context.sessionId, now.getTime());
    if (touched.size > 50_000) touched.delete(touched.keys().next().value!);
    due.push(context);
  }
  if (due.length === 0) return;
  const ids = due.map((context) => context.sessionId);
  const webIds = due.filter((context) => context.sessionKind === "web").map((context) => context.sessionId);
  const slid = new Date(now.getTime() + sessionTtlMs(false)).toISOString();
  const update =
    webIds.length === 0
      ? { lastSeenAt: now }
      : { lastSeenAt: now, expiresAt: sql`case when ${inArray(sessions.id, webIds)} then greatest(${sessions.expiresAt}, ${slid}::timestamptz) else ${sessions.expiresAt} end` };
  db.update(sessions)
    .set(update)
    .where(and(inArray(sessions.id, ids), isNull(sessions.revokedAt)))
    .catch((error: unknown) => logger.warn({ err: error }, "could not update session last-seen"));
}

export type NewSessionInput = {
  userId: string;
  kind: "web" | "api";
  rememberMe: boolean;
  deviceName?: string | null;
  userAgent?: string | null;
  ip?: string | null;
  now?: Date;
};

/** Creates a session row; API sessions also get their first refresh token. */
export async function createSession(input: NewSessionInput, executor: Executor = db) {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + sessionTtlMs(input.rememberMe));
  const [session] = await executor
    .insert(sessions)
    .values({
      userId: input.userId,
      kind: input.kind,
      rememberMe: input.rememberMe,
      deviceName: input.deviceName?.slice(0, 120) ?? describeDevice(input.userAgent),
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      ipAddress: input.ip ?? null,
      lastSeenAt: now,
      expiresAt,
    })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  if (input.kind === "web") return { sessionId: session!.id, refreshToken: null, expiresAt };
  const refresh = generateRefreshToken();
  await executor.insert(refreshTokens).values({
    sessionId: session!.id,
    userId: input.userId,
    tokenHash: refresh.tokenHash,
    expiresAt,
  });
  return { sessionId: session!.id, refreshToken: refresh.token, expiresAt };
}

/** A short human label for a session from its user agent ("Chrome on Linux"). */
export function describeDevice(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser =
    /Edg\//.test(userAgent) ? "Edge" : /OPR\//.test(userAgent) ? "Opera" : /Firefox\//.test(userAgent) ? "Firefox"
      : /Chrome\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : /curl\//.test(userAgent) ? "curl" : null;
  const os =
    /Android/.test(userAgent) ? "Android" : /iPhone|iPad|iOS/.test(userAgent) ? "iOS" : /Windows/.test(userAgent) ? "Windows"
      : /Mac OS X|Macintosh/.test(userAgent) ? "macOS" : /Linux/.test(userAgent) ? "Linux" : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}

async function publishRevocation(message: { sessionIds?: string[]; userId?: string }): Promise<void> {
  const entries = cache();
  for (const id of message.sessionIds ?? []) entries.delete(id);
  if (message.userId) for (const [id, entry] of entries) if (entry.context?.userId === message.userId) entries.delete(id);
  await getBus()
    .publish(SESSIONS_CHANNEL, message)
    .catch((error: unknown) => logger.error({ err: error }, "could not publish a session revocation"));
}

/** Revokes one of the user's sessions. Another user's session id answers 404. */
export async function revokeSession(input: {
  userId: string;
  sessionId: string;
  reason: string;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<void> {
  const [row] = await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: input.reason })
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (!row) {
    const [exists] = await db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.id, input.sessionId), eq(sessions.userId, input.userId)));
    if (!exists) throw new AppError("NOT_FOUND", "Session not found.");
    return;
  }
  await recordAudit({ userId: input.userId, action: "session.revoked", ip: input.ip, userAgent: input.userAgent, metadata: { sessionId: input.sessionId, reason: input.reason } });
  await publishRevocation({ sessionIds: [input.sessionId] });
}

/** Revokes every live session of a user, optionally keeping one (the caller's own). */
export async function revokeAllSessions(
  input: { userId: string; exceptSessionId?: string; reason: string },
  executor: Executor = db,
): Promise<string[]> {
  const conditions = [eq(sessions.userId, input.userId), isNull(sessions.revokedAt)];
  if (input.exceptSessionId) conditions.push(ne(sessions.id, input.exceptSessionId));
  const rows = await executor
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: input.reason })
    .where(and(...conditions))
    .returning({ id: sessions.id });
  const ids = rows.map((r) => r.id);
  if (ids.length) await publishRevocation({ sessionIds: ids });
  return ids;
}

/** Drops any cached state of a user (after a block, a tier or role change). */
export async function invalidateUserSessions(userId: string): Promise<void> {
  await publishRevocation({ userId });
}

export async function listSessions({ userId, currentSessionId, now = new Date() }: { userId: string; currentSessionId?: string; now?: Date }) {
  const rows = await db
    .select({
      id: sessions.id,
      kind: sessions.kind,
      deviceName: sessions.deviceName,
      userAgent: sessions.userAgent,
      ipAddress: sessions.ipAddress,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((row) => ({ ...row, isCurrent: row.id === currentSessionId }));
}

export type RotatedTokens = { userId: string; sessionId: string; refreshToken: string; expiresAt: Date };

/**
 * Spends a refresh token and issues the next one. A token presented after it was spent means it was
 * copied: the whole session is revoked and 401 TOKEN_REUSED answered.
 */
export async function rotateRefreshToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<RotatedTokens> {
  if (!isWellFormedToken(token)) throw new AppError("UNAUTHENTICATED", "The refresh token is not valid.");
  const tokenHash = hashToken(token);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: refreshTokens.id,
        sessionId: refreshTokens.sessionId,
        userId: refreshTokens.userId,
        expiresAt: refreshTokens.expiresAt,
        usedAt: refreshTokens.usedAt,
        revokedAt: sessions.revokedAt,
        sessionExpiresAt: sessions.expiresAt,
        rememberMe: sessions.rememberMe,
        isBlocked: users.isBlocked,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, refreshTokens.userId))
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .for("update", { of: refreshTokens });
    if (!row) return { kind: "unknown" as const };
    if (row.usedAt) return { kind: "reused" as const, row };
    if (row.revokedAt || row.isBlocked) return { kind: "dead" as const };
    if (row.expiresAt.getTime() <= now.getTime() || row.sessionExpiresAt.getTime() <= now.getTime()) return { kind: "expired" as const };
    const spent = await tx
      .update(refreshTokens)
      .set({ usedAt: now })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.usedAt)))
      .returning({ id: refreshTokens.id });
    if (spent.length === 0) return { kind: "reused" as const, row };
    const next = generateRefreshToken();
    const expiresAt = new Date(now.getTime() + sessionTtlMs(row.rememberMe));
    await tx.insert(refreshTokens).values({ sessionId: row.sessionId, userId: row.userId, tokenHash: next.tokenHash, expiresAt });
    await tx.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
    return { kind: "rotated" as const, result: { userId: row.userId, sessionId: row.sessionId, refreshToken: next.token, expiresAt } };
  });

  switch (outcome.kind) {
    case "rotated":
      return outcome.result;
    case "reused": {
      await db
        .update(sessions)
        .set({ revokedAt: now, revokedReason: "refresh token reused" })
        .where(and(eq(sessions.id, outcome.row.sessionId), isNull(sessions.revokedAt)));
      await recordAudit({ userId: outcome.row.userId, action: "token.reused", metadata: { sessionId: outcome.row.sessionId } });
      await publishRevocation({ sessionIds: [outcome.row.sessionId] });
      throw new AppError("TOKEN_REUSED", "This refresh token was already used; the session has been revoked. Sign in again.");
    }
    case "expired":
      throw new AppError("TOKEN_EXPIRED", "The refresh token has expired. Sign in again.");
    default:
      throw new AppError("UNAUTHENTICATED", "The refresh token is not valid.");
  }
}

/** Some actions (adding exchange keys) need a verified email address: 403 EMAIL_NOT_VERIFIED. */
export function assertEmailVerified(auth: Pick<AuthContext, "emailVerified">): void {
  if (!auth.emailVerified) throw new AppError("EMAIL_NOT_VERIFIED", "Verify your email address first: use the link we sent you, or ask for a new one.");
}
