import { z } from "zod";
import { roleEnum, tierEnum } from "@/db/schema";
import type { AdminOverview, AdminUserDetail, AdminUserView, AuditEntryView, BlockedIpView } from "@/lib/admin/queries";
import type { Expect, Jsonified, Same } from "../json";
import { dateTime, id } from "./common";

const tier = z.enum(tierEnum.enumValues);
const who = z.object({ id: id(), email: z.string() }).nullable();

export const adminUserSchema = z.object({
  id: id(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(roleEnum.enumValues),
  tier: tier.meta({ description: "The stored plan." }),
  effectiveTier: tier.meta({ description: "What the user gets now (an expired plan reads as free)." }),
  tierExpiresAt: dateTime().nullable(),
  isBlocked: z.boolean(),
  blockedReason: z.string().nullable(),
  blockedAt: dateTime().nullable(),
  emailVerified: z.boolean(),
  totpEnabled: z.boolean(),
  lastLoginAt: dateTime().nullable(),
  createdAt: dateTime(),
});

export const adminAuditEntrySchema = z.object({
  id: id(),
  action: z.string(),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  user: who,
  actor: who,
  createdAt: dateTime(),
});

export const adminUserDetailSchema = adminUserSchema.extend({
  activeSessions: z.number().int(),
  ownedPortfolios: z.number().int(),
  recentActivity: z.array(adminAuditEntrySchema),
});

export const blockedIpSchema = z.object({
  ip: z.string(),
  reason: z.string(),
  expiresAt: dateTime().nullable(),
  isActive: z.boolean(),
  createdBy: who,
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const adminOverviewSchema = z.object({
  users: z.object({
    total: z.number().int(),
    newLast7Days: z.number().int(),
    admins: z.number().int(),
    blocked: z.number().int(),
    unverified: z.number().int(),
    byTier: z.object(Object.fromEntries(tierEnum.enumValues.map((t) => [t, z.number().int()])) as Record<(typeof tierEnum.enumValues)[number], z.ZodNumber>),
  }),
  activeSessions: z.number().int(),
  blockedIps: z.number().int(),
  auditLast24h: z.number().int(),
  failedLoginsLast24h: z.number().int(),
  recentAdminActions: z.array(adminAuditEntrySchema),
});

export const unblockedSchema = z.object({ ip: z.string(), unblocked: z.literal(true) });

export type _Checks = [
  Expect<Same<z.output<typeof adminUserSchema>, Jsonified<AdminUserView>>>,
  Expect<Same<z.output<typeof adminAuditEntrySchema>, Jsonified<AuditEntryView>>>,
  Expect<Same<z.output<typeof adminUserDetailSchema>, Jsonified<AdminUserDetail>>>,
  Expect<Same<z.output<typeof blockedIpSchema>, Jsonified<BlockedIpView>>>,
  Expect<Same<z.output<typeof adminOverviewSchema>, Jsonified<AdminOverview>>>,
];
