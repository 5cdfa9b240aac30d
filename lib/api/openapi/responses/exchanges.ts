import { z } from "zod";
import { exchangeKeyStatusEnum } from "@/db/schema";
import type { ExchangeKeyView, KeyTestResult } from "@/lib/exchanges/keys";
import type { SyncResult } from "@/lib/exchanges/sync";
import type { Expect, Jsonified, Same } from "../json";
import { dateTime, decimal, id } from "./common";

export const supportedExchangeSchema = z.object({
  id: z.string(),
  name: z.string(),
  credentials: z.array(z.string()).meta({ description: "Fields to send when adding a key: apiKey, apiSecret, passphrase." }),
  hasTestnet: z.boolean(),
  reportsKeyPermissions: z.boolean(),
  apiKeyDocsUrl: z.string(),
  isSimulated: z.boolean(),
});

export const exchangeKeySchema = z.object({
  id: id(),
  exchange: z.string(),
  exchangeName: z.string(),
  label: z.string(),
  apiKeyMasked: z.string().meta({ description: "First and last four characters, like abcd…wxyz. Never the key or the secret." }),
  testnet: z.boolean(),
  status: z.enum(exchangeKeyStatusEnum.enumValues),
  permissions: z
    .object({ canWithdraw: z.boolean().optional(), canTrade: z.boolean().optional(), ipRestricted: z.boolean().optional(), raw: z.record(z.string(), z.unknown()).optional() })
    .nullable(),
  warnings: z.array(z.string()),
  lastCheckedAt: dateTime().nullable(),
  lastError: z.string().nullable(),
  lastSyncedAt: dateTime().nullable(),
  createdAt: dateTime(),
});

export const keyTestSchema = z.object({
  ok: z.boolean(),
  key: exchangeKeySchema,
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

export const syncResultSchema = z.object({
  portfolioId: id(),
  portfolioName: z.string(),
  addedTrades: z.number().int(),
  addedTransfers: z.number().int(),
  skippedTrades: z.array(z.object({ id: z.string(), symbol: z.string(), reason: z.string() })),
  balances: z.array(z.object({ asset: z.string(), quantity: decimal(), priceUsd: decimal().nullable(), valueUsd: decimal().nullable() })),
  totalValueUsd: decimal(),
  syncedAt: dateTime(),
});

export type _Checks = [
  Expect<Same<z.output<typeof exchangeKeySchema>, Jsonified<ExchangeKeyView>>>,
  Expect<Same<z.output<typeof keyTestSchema>, Jsonified<KeyTestResult>>>,
  Expect<Same<z.output<typeof syncResultSchema>, Jsonified<SyncResult>>>,
];
