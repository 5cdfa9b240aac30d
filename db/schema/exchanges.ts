import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps, tstz } from "./columns";
import { users } from "./auth";

export const exchangeKeyStatusEnum = pgEnum("exchange_key_status", ["active", "invalid", "unchecked"]);

export const exchangeKeys = pgTable(
  "exchange_keys",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    exchange: text("exchange").notNull(),
    label: text("label").notNull(),
    /** Shown to the user, e.g. "abcd…wxyz". The clear key is only inside the ciphertext. */
    apiKeyMasked: text("api_key_masked").notNull(),
    apiKeyCiphertext: text("api_key_ciphertext").notNull(),
    apiSecretCiphertext: text("api_secret_ciphertext").notNull(),
    passphraseCiphertext: text("passphrase_ciphertext"),
    keyVersion: integer("key_version").notNull(),
    isTestnet: boolean("is_testnet").notNull().default(false),
    status: exchangeKeyStatusEnum("status").notNull().default("unchecked"),
    permissions: jsonb("permissions").$type<Record<string, unknown>>(),
    lastCheckedAt: tstz("last_checked_at"),
    lastError: text("last_error"),
    lastSyncedAt: tstz("last_synced_at"),
    ...timestamps,
  },
  (t) => [
    index("exchange_keys_user_id_idx").on(t.userId),
    uniqueIndex("exchange_keys_user_exchange_label_idx").on(t.userId, t.exchange, t.label),
    index("exchange_keys_status_idx").on(t.status),
  ],
);

export type ExchangeKey = typeof exchangeKeys.$inferSelect;
export type NewExchangeKey = typeof exchangeKeys.$inferInsert;
