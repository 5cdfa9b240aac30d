import { z } from "zod";

// Input schemas shared by the /api/v1 routes and the web forms. Password strength is checked where the
// email and name are known (in the schema for register, in lib/auth/accounts.ts otherwise).

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "Enter a valid email address." }).max(254, { error: "That email address is too long." }));

// Login takes whatever was typed; the policy applies when a password is set, not when one is checked.
const anyPassword = z
  .string({ error: "Enter your password." })
  .min(1, { error: "Enter your password." })
  .max(1024, { error: "That password is too long." });

const newPassword = z
  .string({ error: "Choose a password." })
  .min(1, { error: "Choose a password." })
  .max(128, { error: "Use at most 128 characters." });

const code = z
  .string({ error: "Enter the code from your authenticator app or a backup code." })
  .trim()
  .min(6, { error: "Enter the 6-digit code or a backup code." })
  .max(20, { error: "That code is too long." });

const opaqueToken = z.string({ error: "The token is missing." }).trim().min(16, { error: "The token is not valid." }).max(256, { error: "The token is not valid." });

export const nameSchema = z.string().trim().min(1, { error: "Enter a name or leave it empty." }).max(80, { error: "Use at most 80 characters." });

export const registerSchema = z.object({
  email: emailSchema,
  password: newPassword,
  name: nameSchema.optional(),
});

export const loginSchema = z.object({
  email: emailSchema,
  password: anyPassword,
  code: code.optional(),
  deviceName: z.string().trim().max(120).optional(),
  rememberMe: z.boolean().optional(),
});

export const mfaLoginSchema = z.object({
  mfaToken: z.string().min(20).max(2048),
  code,
  rememberMe: z.boolean().optional(),
});

export const refreshSchema = z.object({ refreshToken: opaqueToken });
export const twoFactorEnableSchema = z.object({ code });
export const twoFactorDisableSchema = z.object({ password: anyPassword, code });
export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ token: opaqueToken, password: newPassword });
export const changePasswordSchema = z.object({ currentPassword: anyPassword, newPassword });
export const verifyEmailSchema = z.object({ token: opaqueToken });
export const deleteAccountSchema = z.object({ password: anyPassword });

export const userSettingsSchema = z
  .object({
    baseCurrency: z.enum(["USD", "EUR", "BTC"]),
    /** Annual risk-free rate for Sharpe and Sortino, as a fraction (0.04 = 4 %). */
    riskFreeRate: z.number().min(0).max(0.5),
  })
  .partial()
  .strict();

export const updateMeSchema = z
  .object({
    name: nameSchema.nullable().optional(),
    settings: userSettingsSchema.optional(),
  })
  .strict()
  .refine((value) => value.name !== undefined || value.settings !== undefined, { error: "Nothing to update." });

export const sessionIdParamsSchema = z.object({ id: z.uuid({ error: "Not a session id." }) });

export type RegisterInput = z.infer<typeof registerSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
export type MfaLoginInput = z.infer<typeof mfaLoginSchema>;
export type UpdateMeInput = z.infer<typeof updateMeSchema>;
export type UserSettings = z.infer<typeof userSettingsSchema>;
