import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps, tstz } from "./columns";
import { users } from "./auth";

export const auditLogs = pgTable(
  "audit_logs",
  {
    id: id(),
    // SET NULL, not CASCADE: the security trail (including "account deleted") outlives the account.
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    index("audit_logs_user_id_created_at_idx").on(t.userId, t.createdAt),
    index("audit_logs_actor_id_idx").on(t.actorId),
    index("audit_logs_action_idx").on(t.action),
    index("audit_logs_created_at_idx").on(t.createdAt),
  ],
);

export const blockedIps = pgTable(
  "blocked_ips",
  {
    id: id(),
    ip: text("ip").notNull(),
    reason: text("reason").notNull(),
    expiresAt: tstz("expires_at"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("blocked_ips_ip_idx").on(t.ip),
    index("blocked_ips_expires_at_idx").on(t.expiresAt),
    index("blocked_ips_created_by_idx").on(t.createdBy),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
export type NewAuditLog = typeof auditLogs.$inferInsert;
export type BlockedIp = typeof blockedIps.$inferSelect;
