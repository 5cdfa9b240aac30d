import { z } from "zod";
import { paginationQuerySchema } from "@/lib/api/pagination";
import { TIERS } from "@/lib/tiers";
import { parseIpAddress } from "./ip";

export const ROLES = ["user", "admin"] as const;
export const USER_SORTS = ["createdAt", "email", "name", "lastLoginAt", "tier"] as const;
export const BLOCKED_IP_STATUSES = ["active", "expired", "all"] as const;

const searchText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `At most ${max} characters.` })
    .optional()
    .transform((value) => (value ? value : undefined));

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.literal("")])
    .optional()
    .transform((value) => (value ? (value as T[number]) : undefined));

// ---------------------------------------------------------------- users

export const listUsersQuerySchema = paginationQuerySchema.extend({
  q: searchText(200),
  /** The effective tier: an expired paid plan counts as free. */
  tier: optionalEnum(TIERS),
  role: optionalEnum(ROLES),
  blocked: z
    .enum(["true", "false", ""])
    .optional()
    .transform((value) => (value === "true" ? true : value === "false" ? false : undefined)),
  sort: z.enum(USER_SORTS).default("createdAt"),
  order: z.enum(["asc", "desc"]).default("desc"),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const userIdParamsSchema = z.object({ userId: z.uuid({ error: "Not a valid user id." }) });

const futureDate = z.coerce
  .date({ error: "Enter a valid date and time (ISO 8601)." })
  .refine((date) => date.getTime() > Date.now(), { error: "The expiry must be in the future." });

export const updateUserSchema = z
  .strictObject({
    tier: z.enum(TIERS, { error: `One of: ${TIERS.join(", ")}.` }).optional(),
    /** null: the plan does not expire. */
    tierExpiresAt: futureDate.nullable().optional(),
    isBlocked: z.boolean({ error: "true or false." }).optional(),
    blockReason: z.string().trim().min(1, { error: "Give a reason for the block." }).max(500, { error: "At most 500 characters." }).optional(),
    role: z.enum(ROLES, { error: "user or admin." }).optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), { error: "Nothing to change." })
  .refine((input) => input.isBlocked !== true || Boolean(input.blockReason), {
    error: "Blocking an account needs a reason.",
    path: ["blockReason"],
  });
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

// ---------------------------------------------------------------- blocked addresses

export const ipAddressSchema = z.string({ error: "Enter an IP address." }).transform((value, ctx) => {
  const parsed = parseIpAddress(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.message });
    return z.NEVER;
  }
  return parsed.ip;
});

export const listBlockedIpsQuerySchema = paginationQuerySchema.extend({
  q: searchText(100),
  status: z.enum(BLOCKED_IP_STATUSES).default("active"),
});
export type ListBlockedIpsQuery = z.infer<typeof listBlockedIpsQuerySchema>;

export const blockIpSchema = z.strictObject({
  ip: ipAddressSchema,
  reason: z.string({ error: "Give a reason for the block." }).trim().min(1, { error: "Give a reason for the block." }).max(500, { error: "At most 500 characters." }),
  /** null or absent: blocked until removed. */
  expiresAt: futureDate.nullable().optional().transform((value) => value ?? null),
});
export type BlockIpInput = z.infer<typeof blockIpSchema>;

function decodeSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export const blockedIpParamsSchema = z.object({ ip: z.string().transform(decodeSegment).pipe(ipAddressSchema) });

// ---------------------------------------------------------------- audit log

const DAY = /^\d{4}-\d{2}-\d{2}$/;

// A bare date means the whole UTC day: `from` at its start, `to` at the end of it.
const dateBound = (edge: "start" | "end") =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const date = new Date(DAY.test(value) ? `${value}T00:00:00.000Z` : value);
      if (Number.isNaN(date.getTime())) {
        ctx.addIssue({ code: "custom", message: "Use a date (2025-01-31) or an ISO 8601 date and time." });
        return z.NEVER;
      }
      return DAY.test(value) && edge === "end" ? new Date(date.getTime() + 86_400_000 - 1) : date;
    });

export const auditQuerySchema = paginationQuerySchema
  .extend({
    /** A user id, or part of an email address; matches the account acted on or the actor. */
    user: searchText(320),
    /** An action or its prefix: "login" matches login.succeeded and login.failed. */
    action: searchText(100),
    ip: searchText(64),
    from: dateBound("start"),
    to: dateBound("end"),
  })
  .refine((query) => !query.from || !query.to || query.from.getTime() <= query.to.getTime(), {
    error: "The start is after the end.",
    path: ["from"],
  });
export type AuditQuery = z.infer<typeof auditQuerySchema>;
