import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decimal, id, timestamps, tstz } from "./columns";
import { users } from "./auth";
import { exchangeKeys } from "./exchanges";
import { signals } from "./signals";

export const robotModeEnum = pgEnum("robot_mode", ["paper", "live"]);
export const tradeSideEnum = pgEnum("trade_side", ["long", "short"]);
export const tradeStatusEnum = pgEnum("trade_status", ["open", "closed", "cancelled"]);
export const tradeSourceEnum = pgEnum("trade_source", ["robot", "manual"]);

export const robotConfigs = pgTable(
  "robot_configs",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exchange: text("exchange").notNull().default("demo"),
    symbol: text("symbol").notNull(),
    exchangeKeyId: uuid("exchange_key_id").references(() => exchangeKeys.id, { onDelete: "set null" }),
    mode: robotModeEnum("mode").notNull().default("paper"),
    leverage: integer("leverage").notNull().default(1),
    balancePct: decimal("balance_pct").notNull(),
    takeProfitPct: decimal("take_profit_pct").notNull(),
    stopLossPct: decimal("stop_loss_pct").notNull(),
    minConfidence: integer("min_confidence").notNull().default(60),
    autoTrade: boolean("auto_trade").notNull().default(false),
    isRunning: boolean("is_running").notNull().default(false),
    paperBalance: decimal("paper_balance").notNull().default("10000"),
    startedAt: tstz("started_at"),
    stoppedAt: tstz("stopped_at"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("robot_configs_user_symbol_idx").on(t.userId, t.symbol),
    index("robot_configs_running_idx").on(t.isRunning),
    index("robot_configs_exchange_key_id_idx").on(t.exchangeKeyId),
  ],
);

export const trades = pgTable(
  "trades",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    robotConfigId: uuid("robot_config_id").references(() => robotConfigs.id, { onDelete: "set null" }),
    signalId: uuid("signal_id").references(() => signals.id, { onDelete: "set null" }),
    source: tradeSourceEnum("source").notNull(),
    mode: robotModeEnum("mode").notNull(),
    exchange: text("exchange").notNull(),
    symbol: text("symbol").notNull(),
    side: tradeSideEnum("side").notNull(),
    status: tradeStatusEnum("status").notNull().default("open"),
    quantity: decimal("quantity").notNull(),
    leverage: integer("leverage").notNull().default(1),
    entryPrice: decimal("entry_price").notNull(),
    exitPrice: decimal("exit_price"),
    takeProfit: decimal("take_profit"),
    stopLoss: decimal("stop_loss"),
    fees: decimal("fees").notNull().default("0"),
    pnl: decimal("pnl"),
    pnlPct: decimal("pnl_pct"),
    reason: text("reason"),
    closeReason: text("close_reason"),
    notes: text("notes"),
    tags: text("tags").array().notNull().default([]),
    externalOrderId: text("external_order_id"),
    openedAt: tstz("opened_at").notNull(),
    closedAt: tstz("closed_at"),
    ...timestamps,
  },
  (t) => [
    index("trades_user_opened_at_idx").on(t.userId, t.openedAt),
    index("trades_status_idx").on(t.status),
    index("trades_robot_config_id_idx").on(t.robotConfigId),
    index("trades_signal_id_idx").on(t.signalId),
    // A signal opens at most one trade per user.
    uniqueIndex("trades_user_signal_idx").on(t.userId, t.signalId).where(sql`${t.signalId} is not null`),
  ],
);

/** The robot's journal of actions: every open, close, skip, start and stop, with its reason. */
export const robotEvents = pgTable(
  "robot_events",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    robotConfigId: uuid("robot_config_id").references(() => robotConfigs.id, { onDelete: "set null" }),
    tradeId: uuid("trade_id").references(() => trades.id, { onDelete: "set null" }),
    signalId: uuid("signal_id").references(() => signals.id, { onDelete: "set null" }),
    type: text("type").notNull(),
    message: text("message").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    index("robot_events_user_created_at_idx").on(t.userId, t.createdAt),
    index("robot_events_robot_config_id_idx").on(t.robotConfigId),
    index("robot_events_trade_id_idx").on(t.tradeId),
    index("robot_events_signal_id_idx").on(t.signalId),
  ],
);

export type RobotConfig = typeof robotConfigs.$inferSelect;
export type NewRobotConfig = typeof robotConfigs.$inferInsert;
export type Trade = typeof trades.$inferSelect;
export type NewTrade = typeof trades.$inferInsert;
export type RobotEvent = typeof robotEvents.$inferSelect;
