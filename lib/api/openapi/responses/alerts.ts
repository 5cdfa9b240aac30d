import { z } from "zod";
import type { AlertView } from "@/lib/alerts/schemas";
import type { deletePushSubscription, savePushSubscription } from "@/lib/notifications/push";
import type { markNotificationsRead } from "@/lib/notifications/queries";
import { NOTIFICATION_TYPES, type NotificationPreferenceView, type NotificationView } from "@/lib/notifications/schemas";
import { ALERT_STATUSES, ALERT_TYPES } from "@/lib/alerts/schemas";
import type { Expect, Jsonified, Same } from "../json";
import { dateTime, decimal, id } from "./common";

export const alertSchema = z.object({
  id: id(),
  type: z.enum(ALERT_TYPES),
  symbol: z.string(),
  threshold: decimal().nullable().meta({ description: "Price for price_above/below, percent for pct_move." }),
  windowMinutes: z.number().int().nullable(),
  isRepeating: z.boolean(),
  cooldownMinutes: z.number().int(),
  notifyEmail: z.boolean(),
  notifyPush: z.boolean(),
  status: z.enum(ALERT_STATUSES),
  note: z.string().nullable(),
  lastTriggeredAt: dateTime().nullable(),
  triggerCount: z.number().int(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const notificationSchema = z.object({
  id: id(),
  type: z.string(),
  title: z.string(),
  body: z.string(),
  data: z.record(z.string(), z.unknown()),
  readAt: dateTime().nullable(),
  createdAt: dateTime(),
});

export const notificationPreferenceSchema = z.object({
  type: z.enum(NOTIFICATION_TYPES),
  label: z.string(),
  description: z.string(),
  inApp: z.boolean(),
  email: z.boolean(),
  push: z.boolean(),
});

export const markReadResultSchema = z.object({ updated: z.number().int(), unreadCount: z.number().int() });
export const pushSubscriptionSavedSchema = z.object({ id: id(), endpoint: z.string(), createdAt: dateTime() });
export const pushSubscriptionDeletedSchema = z.object({ deleted: z.boolean() });
export const vapidKeySchema = z.object({ publicKey: z.string().nullable().meta({ description: "applicationServerKey for pushManager.subscribe; null when push is off." }), isEnabled: z.boolean() });

type Sent<F extends (...args: never[]) => unknown> = Jsonified<Awaited<ReturnType<F>>>;

export type _Checks = [
  Expect<Same<z.output<typeof alertSchema>, Jsonified<AlertView>>>,
  Expect<Same<z.output<typeof notificationSchema>, Jsonified<NotificationView>>>,
  Expect<Same<z.output<typeof notificationPreferenceSchema>, Jsonified<NotificationPreferenceView>>>,
  Expect<Same<z.output<typeof markReadResultSchema>, Sent<typeof markNotificationsRead>>>,
  Expect<Same<z.output<typeof pushSubscriptionSavedSchema>, Sent<typeof savePushSubscription>>>,
  Expect<Same<z.output<typeof pushSubscriptionDeletedSchema>, Sent<typeof deletePushSubscription>>>,
];
