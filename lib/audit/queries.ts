import "server-only";
import { and, count, desc, eq } from "drizzle-orm";
import { db, type Database } from "@/db/client";
import { auditLogs } from "@/db/schema";
import { computePagination, pageOffset, type PaginationQuery } from "@/lib/api/pagination";

export type AuditAction =
  | "user.registered"
  | "login.succeeded"
  | "login.failed"
  | "account.locked"
  | "ip.blocked"
  | "2fa.enabled"
  | "2fa.disabled"
  | "2fa.backup_code_used"
  | "password.changed"
  | "password.reset_requested"
  | "password.reset"
  | "session.revoked"
  | "sessions.revoked_all"
  | "token.reused"
  | "email.verified"
  | "account.deleted"
  | "data.exported"
  | (string & {});

export type AuditEntry = {
  userId?: string | null;
  actorId?: string | null;
  action: AuditAction;
  ip?: string | null;
  userAgent?: string | null;
  metadata?: Record<string, unknown>;
};

type Executor = Pick<Database, "insert">;

export async function recordAudit(entry: AuditEntry, executor: Executor = db): Promise<void> {
  await executor.insert(auditLogs).values({
    userId: entry.userId ?? null,
    actorId: entry.actorId ?? entry.userId ?? null,
    action: entry.action,
    ipAddress: entry.ip ?? null,
    userAgent: entry.userAgent?.slice(0, 512) ?? null,
    metadata: entry.metadata ?? {},
  });
}

export async function listUserAudit({ userId, ...page }: { userId: string } & PaginationQuery) {
  const where = and(eq(auditLogs.userId, userId));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLogs.id,
        action: auditLogs.action,
        ipAddress: auditLogs.ipAddress,
        userAgent: auditLogs.userAgent,
        metadata: auditLogs.metadata,
        createdAt: auditLogs.createdAt,
      })
      .from(auditLogs)
      .where(where)
      .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
      .limit(page.limit)
      .offset(pageOffset(page)),
    db.select({ value: count() }).from(auditLogs).where(where),
  ]);
  return { items: rows, pagination: computePagination(page.page, page.limit, total?.value ?? 0) };
}
