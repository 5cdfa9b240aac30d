import { boolean, index, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { decimal, id, timestamps, tstz } from "./columns";

// Candles are keyed by what identifies them, not by a UUID: millions of rows, always read by this key.
export const candles = pgTable(
  "candles",
  {
    exchange: text("exchange").notNull(),
    symbol: text("symbol").notNull(),
    timeframe: text("timeframe").notNull(),
    openTime: tstz("open_time").notNull(),
    open: decimal("open").notNull(),
    high: decimal("high").notNull(),
    low: decimal("low").notNull(),
    close: decimal("close").notNull(),
    volume: decimal("volume").notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ name: "candles_pk", columns: [t.exchange, t.symbol, t.timeframe, t.openTime] })],
);

export const newsItems = pgTable(
  "news_items",
  {
    id: id(),
    /** Feed guid or canonical link; deduplicates items across refreshes and feeds. */
    dedupeKey: text("dedupe_key").notNull(),
    source: text("source").notNull(),
    title: text("title").notNull(),
    summary: text("summary"),
    url: text("url").notNull(),
    publishedAt: tstz("published_at").notNull(),
    symbols: text("symbols").array().notNull().default([]),
    isSample: boolean("is_sample").notNull().default(false),
    ...timestamps,
  },
  (t) => [uniqueIndex("news_items_dedupe_key_idx").on(t.dedupeKey), index("news_items_published_at_idx").on(t.publishedAt)],
);

export type Candle = typeof candles.$inferSelect;
export type NewCandle = typeof candles.$inferInsert;
export type NewsItem = typeof newsItems.$inferSelect;
