import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { decimal, id, timestamps, tstz } from "./columns";
import { tierEnum } from "./auth";

export const signalDirectionEnum = pgEnum("signal_direction", ["buy", "sell"]);
export const signalStatusEnum = pgEnum("signal_status", ["active", "closed"]);
export const signalOutcomeEnum = pgEnum("signal_outcome", ["tp1", "tp2", "tp3", "stop", "expired"]);
export const pumpDirectionEnum = pgEnum("pump_direction", ["pump", "dump"]);
export const pumpStatusEnum = pgEnum("pump_status", ["active", "faded"]);

export type SignalTrigger = { name: string; value: number; detail?: string };

export const signals = pgTable(
  "signals",
  {
    id: id(),
    exchange: text("exchange").notNull(),
    symbol: text("symbol").notNull(),
    timeframe: text("timeframe").notNull(),
    direction: signalDirectionEnum("direction").notNull(),
    status: signalStatusEnum("status").notNull().default("active"),
    entry: decimal("entry").notNull(),
    stopLoss: decimal("stop_loss").notNull(),
    tp1: decimal("tp1").notNull(),
    tp2: decimal("tp2").notNull(),
    tp3: decimal("tp3").notNull(),
    confidence: integer("confidence").notNull(),
    triggers: jsonb("triggers").$type<SignalTrigger[]>().notNull().default([]),
    minTier: tierEnum("min_tier").notNull().default("free"),
    outcome: signalOutcomeEnum("outcome"),
    resultR: doublePrecision("result_r"),
    resultPct: doublePrecision("result_pct"),
    tp1HitAt: tstz("tp1_hit_at"),
    tp2HitAt: tstz("tp2_hit_at"),
    tp3HitAt: tstz("tp3_hit_at"),
    expiresAt: tstz("expires_at").notNull(),
    closedAt: tstz("closed_at"),
    ...timestamps,
  },
  (t) => [
    index("signals_status_created_at_idx").on(t.status, t.createdAt),
    index("signals_symbol_timeframe_idx").on(t.symbol, t.timeframe),
    // At most one active signal per symbol and direction.
    uniqueIndex("signals_one_active_idx")
      .on(t.exchange, t.symbol, t.direction)
      .where(sql`${t.status} = 'active'`),
  ],
);

export const pumps = pgTable(
  "pumps",
  {
    id: id(),
    exchange: text("exchange").notNull(),
    symbol: text("symbol").notNull(),
    direction: pumpDirectionEnum("direction").notNull(),
    status: pumpStatusEnum("status").notNull().default("active"),
    changePct: doublePrecision("change_pct").notNull(),
    windowMinutes: integer("window_minutes").notNull(),
    volumeZ: doublePrecision("volume_z").notNull(),
    startPrice: decimal("start_price").notNull(),
    peakPrice: decimal("peak_price").notNull(),
    detectedAt: tstz("detected_at").notNull(),
    fadedAt: tstz("faded_at"),
    ...timestamps,
  },
  (t) => [index("pumps_detected_at_idx").on(t.detectedAt), index("pumps_symbol_status_idx").on(t.symbol, t.status)],
);

export type Signal = typeof signals.$inferSelect;
export type NewSignal = typeof signals.$inferInsert;
export type Pump = typeof pumps.$inferSelect;
export type NewPump = typeof pumps.$inferInsert;
