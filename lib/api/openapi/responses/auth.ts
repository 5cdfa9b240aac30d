import { z } from "zod";
import { roleEnum, sessionKindEnum, tierEnum } from "@/db/schema";
import type { enableTwoFactor, issueAccessToken, LoginSuccess, PublicUser, refreshTokens, setupTwoFactor } from "@/lib/auth/accounts";
import type { exportUserData } from "@/lib/auth/export";
import type { listUserAudit } from "@/lib/audit/queries";
import type { listSessions } from "@/lib/auth/sessions";
import type { createStreamTicket } from "@/lib/realtime/tickets";
import type { Covers, Expect, Jsonified, Same } from "../json";
import { dateTime, id } from "./common";

export const publicUserSchema = z.object({
  id: id(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(roleEnum.enumValues),
  tier: z.enum(tierEnum.enumValues).meta({ description: "The effective tier: an expired tier reads as free." }),
  tierExpiresAt: dateTime().nullable(),
  emailVerified: z.boolean(),
  totpEnabled: z.boolean(),
  settings: z.record(z.string(), z.unknown()).meta({ description: "Preferences such as baseCurrency and riskFreeRate." }),
  createdAt: dateTime(),
});

export const userResultSchema = z.object({ user: publicUserSchema });

export const tokenPairSchema = z.object({
  accessToken: z.string().meta({ description: "Send as `Authorization: Bearer <accessToken>`." }),
  expiresIn: z.number().int().meta({ description: "Seconds until the access token expires." }),
  refreshToken: z.string().nullable().meta({ description: "Spend once at POST /auth/refresh for the next pair." }),
  user: publicUserSchema,
});

export const twoFactorSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const backupCodesSchema = z.object({ backupCodes: z.array(z.string()).length(10) });

export const sessionSchema = z.object({
  id: id(),
  kind: z.enum(sessionKindEnum.enumValues),
  deviceName: z.string().nullable(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: dateTime(),
  lastSeenAt: dateTime(),
  expiresAt: dateTime(),
  isCurrent: z.boolean(),
});

export const auditEntrySchema = z.object({
  id: id(),
  action: z.string().meta({ description: "e.g. login.succeeded, password.changed, 2fa.enabled" }),
  ipAddress: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: dateTime(),
});

const row = z.record(z.string(), z.unknown());

export const userExportSchema = z.object({
  exportedAt: dateTime(),
  user: publicUserSchema,
  sessions: z.array(row),
  auditLog: z.array(row),
  exchangeKeys: z.array(row).meta({ description: "Masked keys only: never a secret or a ciphertext." }),
  portfolios: z.array(row).meta({ description: "Each with its transactions, snapshots, shares and activity." }),
  alerts: z.array(row),
  notifications: z.array(row),
  robotConfigs: z.array(row),
  trades: z.array(row),
});

export const streamTicketSchema = z.object({
  ticket: z.string().meta({ description: "Single use: GET /stream?ticket=…" }),
  expiresIn: z.number().int().meta({ description: "Seconds." }),
});

type Sent<F extends (...args: never[]) => unknown> = Jsonified<Awaited<ReturnType<F>>>;

export type _Checks = [
  Expect<Same<z.output<typeof publicUserSchema>, Jsonified<PublicUser>>>,
  // POST /auth/login answers the pair it builds from these; POST /auth/refresh always has a refresh token.
  Expect<Same<z.output<typeof tokenPairSchema>, Jsonified<Awaited<ReturnType<typeof issueAccessToken>> & { refreshToken: LoginSuccess["refreshToken"]; user: PublicUser }>>>,
  Expect<Covers<z.output<typeof tokenPairSchema>, Sent<typeof refreshTokens>>>,
  Expect<Same<z.output<typeof twoFactorSetupSchema>, Sent<typeof setupTwoFactor>>>,
  Expect<Same<z.output<typeof backupCodesSchema>, Sent<typeof enableTwoFactor>>>,
  Expect<Same<z.output<typeof sessionSchema>, Sent<typeof listSessions>[number]>>,
  Expect<Same<z.output<typeof auditEntrySchema>, Sent<typeof listUserAudit>["items"][number]>>,
  Expect<Covers<z.output<typeof userExportSchema>, Sent<typeof exportUserData>>>,
  Expect<Same<z.output<typeof streamTicketSchema>, Sent<typeof createStreamTicket>>>,
];
