import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decimal, id, timestamps, tstz } from "./columns";
import { users } from "./auth";

export const alertTypeEnum = pgEnum("alert_type", ["price_above", "price_below", "pct_move", "signal", "pump"]);
export const alertStatusEnum = pgEnum("alert_status", ["active", "paused", "triggered"]);

export const alerts = pgTable(
  "alerts",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: alertTypeEnum("type").notNull(),
    symbol: text("symbol").notNull(),
    threshold: decimal("threshold"),
    windowMinutes: integer("window_minutes"),
    isRepeating: boolean("is_repeating").notNull().default(false),
    cooldownMinutes: integer("cooldown_minutes").notNull().default(60),
    notifyEmail: boolean("notify_email").notNull().default(false),
    notifyPush: boolean("notify_push").notNull().default(false),
    status: alertStatusEnum("status").notNull().default("active"),
    note: text("note"),
    lastTriggeredAt: tstz("last_triggered_at"),
    triggerCount: integer("trigger_count").notNull().default(0),
    ...timestamps,
  },
  (t) => [index("alerts_user_id_idx").on(t.userId), index("alerts_status_symbol_idx").on(t.status, t.symbol)],
);

export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: tstz("read_at"),
    ...timestamps,
  },
  (t) => [
    index("notifications_user_created_at_idx").on(t.userId, t.createdAt),
    index("notifications_user_read_at_idx").on(t.userId, t.readAt),
  ],
);

/** Per user and notification type: where it is delivered. A missing row means the type's defaults. */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    inApp: boolean("in_app").notNull().default(true),
    email: boolean("email").notNull().default(false),
    push: boolean("push").notNull().default(false),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.type] })],
);

/** A browser's Web Push subscription (PushSubscription.toJSON()). */
export const pushSubscriptions = pgTable(
  "push_subscriptions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    userAgent: text("user_agent"),
    lastUsedAt: tstz("last_used_at"),
    ...timestamps,
  },
  (t) => [uniqueIndex("push_subscriptions_endpoint_idx").on(t.endpoint), index("push_subscriptions_user_id_idx").on(t.userId)],
);

export type Alert = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
export type Notification = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;
export type NotificationPreference = typeof notificationPreferences.$inferSelect;
export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;
