import { z } from "zod";
import { TRANSACTION_TYPES } from "./ledger";

// Input schemas for the portfolio routes and forms (browser-safe).

const decimalString = (label: string, { allowZero = false } = {}) =>
  z
    .union([z.string(), z.number()])
    .transform((value) => (typeof value === "number" ? String(value) : value.trim()))
    .pipe(
      z
        .string()
        .regex(/^\d{1,20}(\.\d{1,18})?$/, { error: `${label} must be a decimal number like 0.25 (no sign, no exponent).` })
        .refine((value) => allowZero || Number(value) > 0, { error: `${label} must be greater than zero.` }),
    );

export const assetSymbolSchema = z
  .string({ error: "Enter an asset symbol, e.g. BTC." })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9.\-]{0,19}$/, { error: "Use the asset's ticker, e.g. BTC or ETH (letters and digits)." });

export const baseCurrencySchema = z.enum(["USD", "EUR", "BTC"]);

export const createPortfolioSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the portfolio a name." }).max(80, { error: "Use at most 80 characters." }),
  description: z.string().trim().max(500).optional(),
  baseCurrency: baseCurrencySchema.default("USD"),
});

const targetWeightsSchema = z
  .record(assetSymbolSchema, z.number().min(0).max(1))
  .refine((weights) => Math.abs(Object.values(weights).reduce((a, b) => a + b, 0) - 1) < 1e-9, { error: "Target weights must add up to 1 (100 %)." });

export const updatePortfolioSchema = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    description: z.string().trim().max(500).nullable().optional(),
    baseCurrency: baseCurrencySchema.optional(),
    targetWeights: targetWeightsSchema.nullable().optional(),
    isArchived: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, { error: "Nothing to update." });

const PRICED_TYPES = new Set(["buy", "sell"]);

const transactionFields = {
  type: z.enum(TRANSACTION_TYPES),
  symbol: assetSymbolSchema,
  quantity: decimalString("Quantity"),
  price: decimalString("Price", { allowZero: true }).nullable().optional(),
  fee: decimalString("Fee", { allowZero: true }).default("0"),
  feeCurrency: assetSymbolSchema.nullable().optional(),
  executedAt: z.coerce.date({ error: "Enter the date and time of the transaction." }),
  note: z.string().trim().max(500).nullable().optional(),
  /** An asset the market feed does not know, valued at the price entered by hand. */
  isManualAsset: z.boolean().optional().default(false),
};

export const createTransactionSchema = z
  .object(transactionFields)
  .refine((tx) => !PRICED_TYPES.has(tx.type) || (tx.price !== undefined && tx.price !== null), {
    error: "Buys and sells need a price.",
    path: ["price"],
  })
  .refine((tx) => tx.executedAt.getTime() <= Date.now() + 5 * 60_000, { error: "The date is in the future.", path: ["executedAt"] });

export const updateTransactionSchema = z
  .object(transactionFields)
  .partial()
  .strict()
  .refine((value) => Object.keys(value).length > 0, { error: "Nothing to update." });

export const transactionListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  symbol: assetSymbolSchema.optional(),
  type: z.enum(TRANSACTION_TYPES).optional(),
});

export const historyRangeSchema = z.object({ range: z.enum(["1w", "1m", "3m", "1y", "all"]).default("3m") });

export const rebalanceSchema = z.object({
  targets: z.record(assetSymbolSchema, z.union([z.number(), z.string()])),
  minTradeUsd: z.coerce.number().min(0).max(1_000_000).default(10),
});

export const simulateSchema = z.object({
  paths: z.coerce.number().int().min(100).max(5000).default(1000),
  horizonDays: z.coerce.number().int().min(7).max(3650).default(365),
  seed: z.coerce.number().int().min(0).max(2 ** 31 - 1).optional(),
});

export const sharePermissionSchema = z.enum(["view", "edit", "admin"]);

export const shareSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ error: "Enter the email of a registered user." })),
  permission: sharePermissionSchema,
});

export const exportQuerySchema = z.object({ format: z.enum(["csv", "json"]).default("csv") });

export type CreatePortfolioInput = z.infer<typeof createPortfolioSchema>;
export type UpdatePortfolioInput = z.infer<typeof updatePortfolioSchema>;
export type CreateTransactionInput = z.infer<typeof createTransactionSchema>;
export type UpdateTransactionInput = z.infer<typeof updateTransactionSchema>;
export type SharePermission = z.infer<typeof sharePermissionSchema>;
