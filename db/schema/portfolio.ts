import { sql } from "drizzle-orm";
import { boolean, date, index, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decimal, id, timestamps, tstz } from "./columns";
import { users } from "./auth";
import { exchangeKeys } from "./exchanges";

export const baseCurrencyEnum = pgEnum("base_currency", ["USD", "EUR", "BTC"]);
export const portfolioKindEnum = pgEnum("portfolio_kind", ["manual", "exchange"]);
export const sharePermissionEnum = pgEnum("share_permission", ["view", "edit", "admin"]);
export const transactionTypeEnum = pgEnum("transaction_type", [
  "buy",
  "sell",
  "deposit",
  "withdraw",
  "transfer_in",
  "transfer_out",
  "fee",
  "staking_reward",
  "airdrop",
]);
export const transactionSourceEnum = pgEnum("transaction_source", ["manual", "import", "exchange"]);
export const snapshotKindEnum = pgEnum("snapshot_kind", ["daily", "change", "rebuilt"]);

export const portfolios = pgTable(
  "portfolios",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description"),
    baseCurrency: baseCurrencyEnum("base_currency").notNull().default("USD"),
    kind: portfolioKindEnum("kind").notNull().default("manual"),
    exchangeKeyId: uuid("exchange_key_id").references(() => exchangeKeys.id, { onDelete: "set null" }),
    /** Target weights for rebalancing: { "BTC": 0.5, ... } as fractions. */
    targetWeights: jsonb("target_weights").$type<Record<string, number>>(),
    isArchived: boolean("is_archived").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("portfolios_user_id_idx").on(t.userId),
    uniqueIndex("portfolios_exchange_key_id_idx").on(t.exchangeKeyId).where(sql`${t.exchangeKeyId} is not null`),
  ],
);

export const portfolioShares = pgTable(
  "portfolio_shares",
  {
    id: id(),
    portfolioId: uuid("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    permission: sharePermissionEnum("permission").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("portfolio_shares_portfolio_user_idx").on(t.portfolioId, t.userId),
    index("portfolio_shares_user_id_idx").on(t.userId),
    index("portfolio_shares_created_by_idx").on(t.createdBy),
  ],
);

export const transactions = pgTable(
  "transactions",
  {
    id: id(),
    portfolioId: uuid("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    type: transactionTypeEnum("type").notNull(),
    /** Asset symbol, e.g. "BTC". */
    symbol: text("symbol").notNull(),
    /** Currency the price is quoted in, e.g. "USDT" or "USD". */
    quoteCurrency: text("quote_currency").notNull().default("USD"),
    quantity: decimal("quantity").notNull(),
    price: decimal("price"),
    fee: decimal("fee").notNull().default("0"),
    feeCurrency: text("fee_currency"),
    executedAt: tstz("executed_at").notNull(),
    note: text("note"),
    source: transactionSourceEnum("source").notNull().default("manual"),
    /** The exchange's trade id; makes exchange sync idempotent. */
    externalId: text("external_id"),
    /** For assets the market feed does not know: a price entered by hand. */
    isManualAsset: boolean("is_manual_asset").notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("transactions_portfolio_executed_at_idx").on(t.portfolioId, t.executedAt),
    index("transactions_created_by_idx").on(t.createdBy),
    index("transactions_symbol_idx").on(t.symbol),
    uniqueIndex("transactions_portfolio_external_id_idx")
      .on(t.portfolioId, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

export const portfolioSnapshots = pgTable(
  "portfolio_snapshots",
  {
    id: id(),
    portfolioId: uuid("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    takenAt: tstz("taken_at").notNull(),
    kind: snapshotKindEnum("kind").notNull(),
    valueUsd: decimal("value_usd").notNull(),
    costBasisUsd: decimal("cost_basis_usd").notNull(),
    netFlowUsd: decimal("net_flow_usd").notNull().default("0"),
    holdings: jsonb("holdings").$type<{ symbol: string; quantity: string; priceUsd: string }[]>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex("portfolio_snapshots_portfolio_day_idx").on(t.portfolioId, t.day)],
);

export const portfolioActivities = pgTable(
  "portfolio_activities",
  {
    id: id(),
    portfolioId: uuid("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    ...timestamps,
  },
  (t) => [
    index("portfolio_activities_portfolio_created_at_idx").on(t.portfolioId, t.createdAt),
    index("portfolio_activities_actor_id_idx").on(t.actorId),
  ],
);

export type Portfolio = typeof portfolios.$inferSelect;
export type NewPortfolio = typeof portfolios.$inferInsert;
export type PortfolioShare = typeof portfolioShares.$inferSelect;
export type Transaction = typeof transactions.$inferSelect;
export type NewTransaction = typeof transactions.$inferInsert;
export type PortfolioSnapshot = typeof portfolioSnapshots.$inferSelect;
export type PortfolioActivity = typeof portfolioActivities.$inferSelect;
