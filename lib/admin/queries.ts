import "server-only";
import { and, asc, count, desc, eq, gt, gte, ilike, isNotNull, isNull, like, lte, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { auditLogs, blockedIps, portfolios, sessions, users, type User } from "@/db/schema";
import { computePagination, pageOffset } from "@/lib/api/pagination";
import { recordAudit } from "@/lib/audit/queries";
import { effectiveTier, invalidateUserSessions, revokeAllSessions } from "@/lib/auth/sessions";
import type { UserRole, UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { TIERS } from "@/lib/tiers";
import type { AuditQuery, BlockIpInput, ListBlockedIpsQuery, ListUsersQuery, UpdateUserInput } from "./schemas";

/** Who is acting and from where; admin audit rows keep it in metadata.actor (see recordAdminAudit). */
export type AdminActor = { userId: string; ip?: string | null; userAgent?: string | null };

export type AdminUserView = {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  /** The stored plan; `effectiveTier` is what the user gets now (an expired plan reads as free). */
  tier: UserTier;
  effectiveTier: UserTier;
  tierExpiresAt: string | null;
  isBlocked: boolean;
  blockedReason: string | null;
  blockedAt: string | null;
  emailVerified: boolean;
  totpEnabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  tier: users.tier,
  tierExpiresAt: users.tierExpiresAt,
  isBlocked: users.isBlocked,
  blockedReason: users.blockedReason,
  blockedAt: users.blockedAt,
  emailVerifiedAt: users.emailVerifiedAt,
  totpEnabled: users.totpEnabled,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
};

type UserRow = Pick<User, "id" | "email" | "name" | "role" | "tier" | "tierExpiresAt" | "isBlocked" | "blockedReason" | "blockedAt" | "emailVerifiedAt" | "totpEnabled" | "lastLoginAt" | "createdAt">;

function toAdminUserView(row: UserRow, now: Date): AdminUserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    tier: row.tier,
    effectiveTier: effectiveTier(row.tier, row.tierExpiresAt, now),
    tierExpiresAt: row.tierExpiresAt?.toISOString() ?? null,
    isBlocked: row.isBlocked,
    blockedReason: row.blockedReason,
    blockedAt: row.blockedAt?.toISOString() ?? null,
    emailVerified: row.emailVerifiedAt !== null,
    totpEnabled: row.totpEnabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Escapes LIKE wildcards so a search for "a_b%" matches those characters literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function effectiveTierIs(tier: UserTier, now: Date): SQL {
  const nowIso = now.toISOString();
  if (tier === "free") return or(eq(users.tier, "free"), lte(users.tierExpiresAt, sql`${nowIso}::timestamptz`))!;
  return and(eq(users.tier, tier), or(isNull(users.tierExpiresAt), gt(users.tierExpiresAt, sql`${nowIso}::timestamptz`)))!;
}

// ---------------------------------------------------------------- users

export async function listUsers(query: ListUsersQuery, now = new Date()) {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern))!);
  }
  if (query.tier) conditions.push(effectiveTierIs(query.tier, now));
  if (query.role) conditions.push(eq(users.role, query.role));
  if (query.blocked !== undefined) conditions.push(eq(users.isBlocked, query.blocked));
  const where = conditions.length ? and(...conditions) : undefined;

  const direction = query.order === "asc" ? asc : desc;
  const sortColumn = { createdAt: users.createdAt, email: users.email, name: users.name, lastLoginAt: users.lastLoginAt, tier: users.tier }[query.sort];
  // Empty names and never-signed-in users go last in either direction.
  const nullsLast = query.sort === "name" || query.sort === "lastLoginAt" ? [sql`${sortColumn} is null`] : [];

  const [rows, [total]] = await Promise.all([
    db
      .select(userColumns)
      .from(users)
      .where(where)
      .orderBy(...nullsLast, direction(sortColumn), asc(users.id))
      .limit(query.limit)
      .offset(pageOffset(query)),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return { items: rows.map((row) => toAdminUserView(row, now)), pagination: computePagination(query.page, query.limit, total?.value ?? 0) };
}

export type AdminUserDetail = AdminUserView & {
  activeSessions: number;
  ownedPortfolios: number;
  recentActivity: AuditEntryView[];
};

export async function getUserDetailOrThrow(userId: string, now = new Date()): Promise<AdminUserDetail> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, userId));
  if (!row) throw new AppError("NOT_FOUND", "User not found.");
  const [[liveSessions], [owned], recent] = await Promise.all([
    db
      .select({ value: count() })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now))),
    db.select({ value: count() }).from(portfolios).where(eq(portfolios.userId, userId)),
    listAuditLog({ page: 1, limit: 10, user: userId }),
  ]);
  return { ...toAdminUserView(row, now), activeSessions: liveSessions?.value ?? 0, ownedPortfolios: owned?.value ?? 0, recentActivity: recent.items };
}

type AdminAuditEntry = { userId: string | null; action: string; ip?: string | null; metadata: Record<string, unknown> };
type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// The actor's address goes into metadata rather than the ip column: rows about a user also show in that
// user's own security log (GET /user/audit), which should not reveal where the administrator works from.
function recordAdminAudit(actor: AdminActor, entry: AdminAuditEntry, executor: Tx) {
  return recordAudit(
    {
      userId: entry.userId,
      actorId: actor.userId,
      action: entry.action,
      ip: entry.ip ?? null,
      metadata: { ...entry.metadata, actor: { ip: actor.ip ?? null, userAgent: actor.userAgent?.slice(0, 512) ?? null } },
    },
    executor,
  );
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/**
 * Changes a user's plan, role or block as an administrator. One audit row per kind of change, with the
 * values before and after. A block revokes every session of the user; every change drops the user's
 * cached session state on all instances (the bus), so it applies from the user's next request.
 */
export async function updateUserAsAdmin({ actor, userId, input, now = new Date() }: { actor: AdminActor; userId: string; input: UpdateUserInput; now?: Date }): Promise<AdminUserView> {
  if (userId === actor.userId) {
    if (input.role === "user") throw new AppError("FORBIDDEN", "You cannot remove your own administrator role: ask another administrator.");
    if (input.isBlocked === true) throw new AppError("FORBIDDEN", "You cannot block your own account.");
  }
  const outcome = await db.transaction(async (tx) => {
    const [before] = await tx.select(userColumns).from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "User not found.");

    const after = { ...before };
    if (input.tier !== undefined) after.tier = input.tier;
    if (input.tierExpiresAt !== undefined) after.tierExpiresAt = input.tierExpiresAt;
    if (after.tier === "free") {
      if (input.tierExpiresAt) {
        throw new AppError("VALIDATION_ERROR", "The free plan does not expire.", { details: [{ field: "tierExpiresAt", message: "The free plan does not expire." }] });
      }
      after.tierExpiresAt = null;
    }
    if (input.role !== undefined) after.role = input.role;
    if (input.isBlocked === true) {
      after.isBlocked = true;
      after.blockedReason = input.blockReason!;
      after.blockedAt = before.isBlocked ? before.blockedAt : now;
    } else if (input.isBlocked === false) {
      after.isBlocked = false;
      after.blockedReason = null;
      after.blockedAt = null;
    } else if (input.blockReason !== undefined) {
      if (!before.isBlocked) {
        throw new AppError("VALIDATION_ERROR", "The account is not blocked.", { details: [{ field: "blockReason", message: "Only a blocked account has a block reason." }] });
      }
      after.blockedReason = input.blockReason;
    }

    const tierChanged = after.tier !== before.tier || iso(after.tierExpiresAt) !== iso(before.tierExpiresAt);
    const roleChanged = after.role !== before.role;
    const blockChanged = after.isBlocked !== before.isBlocked || after.blockedReason !== before.blockedReason;
    if (!tierChanged && !roleChanged && !blockChanged) return { row: before, changed: false };

    await tx
      .update(users)
      .set({
        tier: after.tier,
        tierExpiresAt: after.tierExpiresAt,
        role: after.role,
        isBlocked: after.isBlocked,
        blockedReason: after.blockedReason,
        blockedAt: after.blockedAt,
        updatedAt: now,
      })
      .where(eq(users.id, userId));

    const target = { email: before.email };
    if (tierChanged) {
      await recordAdminAudit(actor, {
        userId,
        action: "admin.user.tier_changed",
        metadata: { target, before: { tier: before.tier, tierExpiresAt: iso(before.tierExpiresAt) }, after: { tier: after.tier, tierExpiresAt: iso(after.tierExpiresAt) } },
      }, tx);
    }
    if (roleChanged) {
      await recordAdminAudit(actor, { userId, action: "admin.user.role_changed", metadata: { target, before: { role: before.role }, after: { role: after.role } } }, tx);
    }
    if (blockChanged) {
      let sessionsRevoked = 0;
      if (after.isBlocked && !before.isBlocked) {
        sessionsRevoked = (await revokeAllSessions({ userId, reason: "account blocked by an administrator" }, tx)).length;
      }
      await recordAdminAudit(actor, {
        userId,
        action: after.isBlocked ? "admin.user.blocked" : "admin.user.unblocked",
        metadata: {
          target,
          before: { isBlocked: before.isBlocked, blockedReason: before.blockedReason },
          after: { isBlocked: after.isBlocked, blockedReason: after.blockedReason },
          ...(after.isBlocked && !before.isBlocked ? { sessionsRevoked } : {}),
        },
      }, tx);
    }
    return { row: after, changed: true };
  });
  // After the commit: an instance that reloaded the user while the transaction ran drops it again.
  if (outcome.changed) await invalidateUserSessions(userId);
  return toAdminUserView(outcome.row, now);
}

/**
 * `npm run admin:create`: gives an existing account the administrator role. Never creates accounts:
 * the person registers first, so the password is only ever chosen by them.
 */
export async function grantAdminRole({ email }: { email: string }): Promise<{ status: "promoted" | "already-admin" | "not-found"; user?: AdminUserView }> {
  const now = new Date();
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx.select(userColumns).from(users).where(eq(sql`lower(${users.email})`, email.trim().toLowerCase())).for("update");
    if (!row) return { status: "not-found" as const };
    if (row.role === "admin") return { status: "already-admin" as const, row };
    await tx.update(users).set({ role: "admin", updatedAt: now }).where(eq(users.id, row.id));
    // Inserted directly: recordAudit would name the user as the actor when there is none (a shell).
    await tx.insert(auditLogs).values({
      userId: row.id,
      actorId: null,
      action: "admin.user.role_changed",
      metadata: { target: { email: row.email }, before: { role: row.role }, after: { role: "admin" }, via: "npm run admin:create" },
    });
    return { status: "promoted" as const, row: { ...row, role: "admin" as const } };
  });
  if (outcome.status === "not-found") return { status: "not-found" };
  if (outcome.status === "promoted") await invalidateUserSessions(outcome.row.id);
  return { status: outcome.status, user: toAdminUserView(outcome.row, now) };
}

// ---------------------------------------------------------------- blocked addresses

export type BlockedIpView = {
  ip: string;
  reason: string;
  expiresAt: string | null;
  isActive: boolean;
  createdBy: { id: string; email: string } | null;
  createdAt: string;
  updatedAt: string;
};

const creators = alias(users, "creators");

export async function listBlockedIps(query: ListBlockedIpsQuery, now = new Date()) {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const conditions: SQL[] = [];
  if (query.status === "active") conditions.push(or(isNull(blockedIps.expiresAt), gt(blockedIps.expiresAt, nowSql))!);
  if (query.status === "expired") conditions.push(and(isNotNull(blockedIps.expiresAt), lte(blockedIps.expiresAt, nowSql))!);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    conditions.push(or(ilike(blockedIps.ip, pattern), ilike(blockedIps.reason, pattern))!);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ip: blockedIps.ip,
        reason: blockedIps.reason,
        expiresAt: blockedIps.expiresAt,
        createdById: creators.id,
        createdByEmail: creators.email,
        createdAt: blockedIps.createdAt,
        updatedAt: blockedIps.updatedAt,
      })
      .from(blockedIps)
      .leftJoin(creators, eq(creators.id, blockedIps.createdBy))
      .where(where)
      .orderBy(desc(blockedIps.updatedAt), asc(blockedIps.ip))
      .limit(query.limit)
      .offset(pageOffset(query)),
    db.select({ value: count() }).from(blockedIps).where(where),
  ]);
  const items: BlockedIpView[] = rows.map((row) => ({
    ip: row.ip,
    reason: row.reason,
    expiresAt: iso(row.expiresAt),
    isActive: row.expiresAt === null || row.expiresAt.getTime() > now.getTime(),
    createdBy: row.createdById && row.createdByEmail ? { id: row.createdById, email: row.createdByEmail } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
  return { items, pagination: computePagination(query.page, query.limit, total?.value ?? 0) };
}

/**
 * Blocks an address (or replaces an existing entry's reason and expiry: the administrator's word wins,
 * unlike the automatic block, which only ever extends). Refuses the caller's own address, which would
 * lock the administrator out of signing in. Instances cache the check for up to 10 s (lib/auth/blocked-ips).
 */
export async function blockIpAsAdmin({ actor, input, now = new Date() }: { actor: AdminActor; input: BlockIpInput; now?: Date }): Promise<BlockedIpView> {
  if (actor.ip && actor.ip === input.ip) {
    throw new AppError("VALIDATION_ERROR", "This is the address you are using: blocking it would lock you out.", { details: [{ field: "ip", message: "This is your own address." }] });
  }
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(blockedIps).where(eq(blockedIps.ip, input.ip)).for("update");
    const [saved] = await tx
      .insert(blockedIps)
      .values({ ip: input.ip, reason: input.reason, expiresAt: input.expiresAt, createdBy: actor.userId })
      .onConflictDoUpdate({ target: blockedIps.ip, set: { reason: input.reason, expiresAt: input.expiresAt, createdBy: actor.userId, updatedAt: now } })
      .returning();
    await recordAdminAudit(actor, {
      userId: null,
      action: "admin.ip.blocked",
      ip: input.ip,
      metadata: {
        ip: input.ip,
        before: before ? { reason: before.reason, expiresAt: iso(before.expiresAt) } : null,
        after: { reason: input.reason, expiresAt: iso(input.expiresAt) },
      },
    }, tx);
    return saved!;
  });
  const [creator] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, actor.userId));
  return {
    ip: row.ip,
    reason: row.reason,
    expiresAt: iso(row.expiresAt),
    isActive: row.expiresAt === null || row.expiresAt.getTime() > now.getTime(),
    createdBy: creator ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Removes an address from the list (404 when it is not there). */
export async function unblockIpAsAdmin({ actor, ip }: { actor: AdminActor; ip: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [removed] = await tx.delete(blockedIps).where(eq(blockedIps.ip, ip)).returning();
    if (!removed) throw new AppError("NOT_FOUND", "This address is not on the block list.");
    await recordAdminAudit(actor, {
      userId: null,
      action: "admin.ip.unblocked",
      ip,
      metadata: { ip, before: { reason: removed.reason, expiresAt: iso(removed.expiresAt) }, after: null },
    }, tx);
  });
}

// ---------------------------------------------------------------- audit log

export type AuditEntryView = {
  id: string;
  action: string;
  ipAddress: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
  user: { id: string; email: string } | null;
  actor: { id: string; email: string } | null;
  createdAt: string;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const targets = alias(users, "audit_targets");
const actors = alias(users, "audit_actors");

/** The whole audit trail, newest first, across users. */
export async function listAuditLog(query: Pick<AuditQuery, "page" | "limit"> & Partial<Omit<AuditQuery, "page" | "limit">>) {
  const conditions: SQL[] = [];
  if (query.user) {
    if (UUID.test(query.user)) conditions.push(or(eq(auditLogs.userId, query.user), eq(auditLogs.actorId, query.user))!);
    else {
      const pattern = `%${escapeLike(query.user)}%`;
      conditions.push(or(ilike(targets.email, pattern), ilike(actors.email, pattern))!);
    }
  }
  if (query.action) conditions.push(like(auditLogs.action, `${escapeLike(query.action)}%`));
  if (query.ip) {
    const parsed = query.ip.trim();
    conditions.push(
      or(eq(auditLogs.ipAddress, parsed), sql`${auditLogs.metadata}->>'ip' = ${parsed}`, sql`${auditLogs.metadata}->'actor'->>'ip' = ${parsed}`)!,
    );
  }
  if (query.from) conditions.push(gte(auditLogs.createdAt, query.from));
  if (query.to) conditions.push(lte(auditLogs.createdAt, query.to));
  const where = conditions.length ? and(...conditions) : undefined;

  const base = () =>
    db
      .select({
        id: auditLogs.id,
        action: auditLogs.action,
        ipAddress: auditLogs.ipAddress,
        userAgent: auditLogs.userAgent,
        metadata: auditLogs.metadata,
        createdAt: auditLogs.createdAt,
        userId: targets.id,
        userEmail: targets.email,
        actorId: actors.id,
        actorEmail: actors.email,
      })
      .from(auditLogs)
      .leftJoin(targets, eq(targets.id, auditLogs.userId))
      .leftJoin(actors, eq(actors.id, auditLogs.actorId));
  const [rows, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
      .limit(query.limit)
      .offset(pageOffset(query)),
    db
      .select({ value: count() })
      .from(auditLogs)
      .leftJoin(targets, eq(targets.id, auditLogs.userId))
      .leftJoin(actors, eq(actors.id, auditLogs.actorId))
      .where(where),
  ]);
  const items: AuditEntryView[] = rows.map((row) => ({
    id: row.id,
    action: row.action,
    ipAddress: row.ipAddress,
    userAgent: row.userAgent,
    metadata: row.metadata,
    user: row.userId && row.userEmail ? { id: row.userId, email: row.userEmail } : null,
    actor: row.actorId && row.actorEmail ? { id: row.actorId, email: row.actorEmail } : null,
    createdAt: row.createdAt.toISOString(),
  }));
  return { items, pagination: computePagination(query.page, query.limit, total?.value ?? 0) };
}

// ---------------------------------------------------------------- overview

export type AdminOverview = {
  users: { total: number; newLast7Days: number; admins: number; blocked: number; unverified: number; byTier: Record<UserTier, number> };
  activeSessions: number;
  blockedIps: number;
  auditLast24h: number;
  failedLoginsLast24h: number;
  recentAdminActions: AuditEntryView[];
};

export async function getAdminOverview(now = new Date()): Promise<AdminOverview> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const effective = sql<UserTier>`case when ${users.tierExpiresAt} is not null and ${users.tierExpiresAt} <= ${nowSql} then 'free'::user_tier else ${users.tier} end`;
  const [[userCounts], tierRows, [liveSessions], [ips], [audit], recent] = await Promise.all([
    db
      .select({
        total: count(),
        newLast7Days: sql<number>`count(*) filter (where ${users.createdAt} >= ${weekAgo.toISOString()}::timestamptz)`.mapWith(Number),
        admins: sql<number>`count(*) filter (where ${users.role} = 'admin')`.mapWith(Number),
        blocked: sql<number>`count(*) filter (where ${users.isBlocked})`.mapWith(Number),
        unverified: sql<number>`count(*) filter (where ${users.emailVerifiedAt} is null)`.mapWith(Number),
      })
      .from(users),
    // By position: the two copies of the expression carry different bind parameters.
    db.select({ tier: effective, value: count() }).from(users).groupBy(sql`1`),
    db.select({ value: count() }).from(sessions).where(and(isNull(sessions.revokedAt), gt(sessions.expiresAt, nowSql))),
    db.select({ value: count() }).from(blockedIps).where(or(isNull(blockedIps.expiresAt), gt(blockedIps.expiresAt, nowSql))),
    db
      .select({
        total: count(),
        failedLogins: sql<number>`count(*) filter (where ${auditLogs.action} = 'login.failed')`.mapWith(Number),
      })
      .from(auditLogs)
      .where(gte(auditLogs.createdAt, dayAgo)),
    listAuditLog({ page: 1, limit: 8, action: "admin." }),
  ]);
  const byTier = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<UserTier, number>;
  for (const row of tierRows) byTier[row.tier] = Number(row.value);
  return {
    users: {
      total: userCounts?.total ?? 0,
      newLast7Days: userCounts?.newLast7Days ?? 0,
      admins: userCounts?.admins ?? 0,
      blocked: userCounts?.blocked ?? 0,
      unverified: userCounts?.unverified ?? 0,
      byTier,
    },
    activeSessions: liveSessions?.value ?? 0,
    blockedIps: ips?.value ?? 0,
    auditLast24h: audit?.total ?? 0,
    failedLoginsLast24h: audit?.failedLogins ?? 0,
    recentAdminActions: recent.items,
  };
}
