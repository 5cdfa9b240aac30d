import { z } from "zod";
import { paginationQuerySchema } from "@/lib/api/pagination";

// Notification types, their delivery defaults and the inputs of the notification and push routes.
// Browser-safe.

export const NOTIFICATION_TYPES = ["alert", "signal", "pump", "robot", "security", "system"] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export type DeliveryChannels = { inApp: boolean; email: boolean; push: boolean };

/** Defaults when the user has no row for a type (notification_preferences). */
export const NOTIFICATION_DEFAULTS: Record<NotificationType, DeliveryChannels & { label: string; description: string }> = {
  alert: { label: "Price alerts", description: "Your alerts firing (email and push can also be switched on per alert).", inApp: true, email: false, push: false },
  signal: { label: "Signals", description: "New trading signals on the symbols you follow.", inApp: true, email: false, push: false },
  pump: { label: "Pumps and dumps", description: "Unusual moves detected by the pump scanner.", inApp: true, email: false, push: false },
  robot: { label: "Robot", description: "Trades and errors of your trading robots.", inApp: true, email: false, push: false },
  security: { label: "Security", description: "Sign-ins, password and 2FA changes.", inApp: true, email: true, push: false },
  system: { label: "Announcements", description: "Service news and maintenance.", inApp: true, email: false, push: false },
};

export function isNotificationType(value: string): value is NotificationType {
  return (NOTIFICATION_TYPES as readonly string[]).includes(value);
}

const queryFlag = z
  .enum(["true", "false", "1", "0"], { error: "unread must be true or false" })
  .optional()
  .transform((value) => value === "true" || value === "1");

export const listNotificationsQuerySchema = paginationQuerySchema.extend({ unread: queryFlag });
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const markReadSchema = z.union(
  [
    z.object({ all: z.literal(true) }).strict(),
    z.object({ ids: z.array(z.uuid({ error: "ids holds notification ids" })).min(1, { error: "ids is empty" }).max(500, { error: "At most 500 ids at once" }) }).strict(),
  ],
  { error: 'Send {"ids": [...]} or {"all": true}' },
);
export type MarkReadInput = z.infer<typeof markReadSchema>;

const preferenceSchema = z.object({
  type: z.enum(NOTIFICATION_TYPES, { error: `type must be one of ${NOTIFICATION_TYPES.join(", ")}` }),
  inApp: z.boolean({ error: "inApp must be true or false" }),
  email: z.boolean({ error: "email must be true or false" }),
  push: z.boolean({ error: "push must be true or false" }),
});

export const updatePreferencesSchema = z.object({
  preferences: z
    .array(preferenceSchema)
    .min(1, { error: "preferences is empty" })
    .max(NOTIFICATION_TYPES.length)
    .refine((list) => new Set(list.map((item) => item.type)).size === list.length, { error: "Each type may appear once" }),
});
export type UpdatePreferencesInput = z.infer<typeof updatePreferencesSchema>;

export type NotificationPreferenceView = DeliveryChannels & { type: NotificationType; label: string; description: string };

export type NotificationView = {
  id: string;
  type: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
};

// Base64url of the browser's P-256 public key (65 bytes) and auth secret (16 bytes).
const base64url = (field: string, bytes: number) =>
  z
    .string({ error: `keys.${field} is required` })
    .trim()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, { error: `keys.${field} must be base64url` })
    .refine((value) => Math.floor((value.replace(/=+$/, "").length * 3) / 4) === bytes, { error: `keys.${field} must encode ${bytes} bytes` });

// Only public HTTPS endpoints: the server POSTs to whatever is stored here, so an endpoint on a
// private or loopback address would let a user make the server call inside its own network.
const PRIVATE_HOST = /^(localhost|.*\.local|.*\.internal|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|169\.254\.|0\.|\[?::1\]?$|\[?f[cd][0-9a-f]{2}:|\[?fe80:)/i;

export const pushSubscriptionSchema = z.object({
  endpoint: z
    .url({ error: "endpoint must be the push service URL of the subscription" })
    .max(2048)
    .refine((value) => value.startsWith("https://"), { error: "endpoint must be an https URL" })
    .refine((value) => !PRIVATE_HOST.test(new URL(value).hostname), { error: "endpoint must be a public push service" }),
  expirationTime: z.number().nullish(),
  keys: z.object({ p256dh: base64url("p256dh", 65), auth: base64url("auth", 16) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export const deletePushSubscriptionSchema = z.object({ endpoint: z.string().trim().min(1, { error: "endpoint is required" }).max(2048) });
