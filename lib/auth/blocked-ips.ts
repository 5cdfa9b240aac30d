import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { blockedIps } from "@/db/schema";
import { recordAudit } from "@/lib/audit/queries";

const CACHE_MS = 10_000;
const globalForBlocks = globalThis as unknown as { __tradepulseBlockedIps?: Map<string, { blocked: boolean; until: number }> };

function cache() {
  return (globalForBlocks.__tradepulseBlockedIps ??= new Map());
}

/** Whether requests from `ip` are refused. Cached for 10 s per process. */
export async function isIpBlocked(ip: string, now = new Date()): Promise<boolean> {
  if (!ip || ip === "unknown") return false;
  const hit = cache().get(ip);
  if (hit && hit.until > now.getTime()) return hit.blocked;
  const [row] = await db
    .select({ id: blockedIps.id })
    .from(blockedIps)
    .where(and(eq(blockedIps.ip, ip), or(isNull(blockedIps.expiresAt), gt(blockedIps.expiresAt, now))));
  cache().set(ip, { blocked: Boolean(row), until: now.getTime() + CACHE_MS });
  return Boolean(row);
}

/** Blocks `ip` until `expiresAt` (null: until removed), extending an existing block. */
export async function blockIp(input: { ip: string; reason: string; expiresAt: Date | null; createdBy?: string | null }): Promise<void> {
  await db
    .insert(blockedIps)
    .values({ ip: input.ip, reason: input.reason, expiresAt: input.expiresAt, createdBy: input.createdBy ?? null })
    .onConflictDoUpdate({
      target: blockedIps.ip,
      set: {
        reason: input.reason,
        expiresAt: input.expiresAt === null ? null : sql`greatest(${blockedIps.expiresAt}, ${input.expiresAt.toISOString()}::timestamptz)`,
        updatedAt: new Date(),
      },
    });
  cache().set(input.ip, { blocked: true, until: Date.now() + CACHE_MS });
  await recordAudit({ userId: null, actorId: input.createdBy ?? null, action: "ip.blocked", ip: input.ip, metadata: { reason: input.reason, expiresAt: input.expiresAt?.toISOString() ?? null } });
}
