import { z } from "zod";
import { baseCurrencyEnum, portfolioKindEnum, sharePermissionEnum, transactionSourceEnum, transactionTypeEnum } from "@/db/schema";
import type { ImportResult } from "@/lib/portfolio/import-export";
import type { listActivity, listShares, PortfolioView, sharePortfolio, TransactionView } from "@/lib/portfolio/queries";
import type { AnalyticsView, getAllocation, getHistory, HoldingsView, planRebalance, simulatePortfolio } from "@/lib/portfolio/valuation";
import type { Expect, Jsonified, Same } from "../json";
import { dateTime, decimal, id } from "./common";

const role = z.enum(["owner", "admin", "edit", "view"]).meta({ description: "The caller's access: view < edit < admin < owner." });

export const portfolioSchema = z.object({
  id: id(),
  name: z.string(),
  description: z.string().nullable(),
  baseCurrency: z.enum(baseCurrencyEnum.enumValues),
  kind: z.enum(portfolioKindEnum.enumValues).meta({ description: "manual, or synced from an exchange key" }),
  exchangeKeyId: id().nullable(),
  targetWeights: z.record(z.string(), z.number()).nullable().meta({ description: "Target weight per asset, fractions adding up to 1." }),
  isArchived: z.boolean(),
  role,
  owner: z.object({ id: id(), name: z.string().nullable(), email: z.string() }).nullable().meta({ description: "null when the caller is the owner." }),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const transactionSchema = z.object({
  id: id(),
  type: z.enum(transactionTypeEnum.enumValues),
  symbol: z.string(),
  quoteCurrency: z.string(),
  quantity: decimal(),
  price: decimal().nullable(),
  fee: decimal(),
  feeCurrency: z.string().nullable(),
  executedAt: dateTime(),
  note: z.string().nullable(),
  source: z.enum(transactionSourceEnum.enumValues),
  externalId: z.string().nullable(),
  isManualAsset: z.boolean(),
  createdAt: dateTime(),
});

const priceSource = z.enum(["market", "stable", "manual", "none"]);

export const holdingSchema = z.object({
  symbol: z.string(),
  quantity: decimal(),
  avgCost: decimal(),
  costBasis: decimal(),
  price: decimal().nullable(),
  value: decimal().nullable(),
  unrealizedPnl: decimal().nullable(),
  unrealizedPnlPct: z.number().nullable().meta({ description: "Percent: 12.5 = 12.5 %." }),
  realizedPnl: decimal(),
  feesPaid: decimal(),
  change24hPct: z.number().nullable(),
  weight: z.number().nullable().meta({ description: "Fraction of the valued total: 0.25 = 25 %." }),
  priceSource,
  isManualAsset: z.boolean(),
});

const holdingsTotals = z.object({
  value: decimal(),
  costBasis: decimal(),
  unrealizedPnl: decimal(),
  unrealizedPnlPct: z.number().nullable(),
  realizedPnl: decimal(),
  feesPaid: decimal(),
  change24hPct: z.number().nullable(),
});

export const holdingsSchema = z.object({
  portfolioId: id(),
  baseCurrency: z.enum(baseCurrencyEnum.enumValues),
  currency: z.enum(baseCurrencyEnum.enumValues).meta({ description: "The currency of every amount in holdings and totals: the base currency, or USD when its market is not tracked." }),
  fx: z.object({ usdPerUnit: decimal(), market: z.string().nullable() }).meta({ description: "USD per unit of currency now, and the market it comes from (null for USD)." }),
  conversionNote: z.string().nullable(),
  holdings: z.array(holdingSchema),
  totals: holdingsTotals,
  totalsUsd: holdingsTotals.meta({ description: "The same totals in USD, for adding up portfolios of different base currencies." }),
  unpricedSymbols: z.array(z.string()),
  valuedAt: dateTime(),
});

export const historySchema = z.object({
  range: z.enum(["1w", "1m", "3m", "1y", "all"]),
  currency: z.enum(baseCurrencyEnum.enumValues).meta({ description: "The currency of value, costBasis and netFlow (the base currency; USD when no FX rates are known)." }),
  points: z.array(
    z.object({
      date: z.iso.date(),
      valueUsd: decimal(),
      costBasisUsd: decimal(),
      netFlowUsd: decimal(),
      value: decimal(),
      costBasis: decimal().meta({ description: "At the rates of the days it was paid." }),
      netFlow: decimal(),
    }),
  ),
});

const fraction = (description: string) => z.number().nullable().meta({ description });

export const analyticsSchema = z.object({
  twr: fraction("Time-weighted return, a fraction (0.1 = 10 %)."),
  mwr: fraction("Money-weighted return (IRR), a fraction."),
  annualizedReturn: fraction("Annualized over 365 days."),
  volatility: fraction("Annualized standard deviation of daily returns."),
  sharpe: z.number().nullable(),
  sortino: z.number().nullable(),
  maxDrawdown: fraction("Largest peak-to-trough loss, a positive fraction."),
  maxDrawdownDays: z.number().nullable(),
  var95: fraction("One-day value at risk at 95 %, a positive fraction of value lost."),
  cvar95: fraction("Expected one-day loss beyond VaR 95 %."),
  var99: fraction("One-day value at risk at 99 %."),
  cvar99: fraction("Expected one-day loss beyond VaR 99 %."),
  beta: z.number().nullable(),
  correlationBtc: z.number().nullable(),
  currency: z.enum(baseCurrencyEnum.enumValues).meta({ description: "The currency returns are measured in (the base currency, or USD when it cannot be priced)." }),
  points: z.number().int(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  riskFreeRate: z.number(),
  correlation: z.object({ symbols: z.array(z.string()), matrix: z.array(z.array(z.number().nullable())) }),
});

const slice = z.object({ key: z.string(), valueUsd: decimal(), weight: z.number() });
export const allocationSchema = z.object({ totalValueUsd: decimal(), byAsset: z.array(slice), byExchange: z.array(slice) });

const trade = z.object({ symbol: z.string(), side: z.enum(["buy", "sell"]), quantity: decimal(), valueUsd: decimal() });
export const rebalanceSchema = z.object({
  totalValueUsd: decimal(),
  trades: z.array(trade),
  skipped: z.array(trade.extend({ reason: z.enum(["below_minimum", "rounds_to_zero"]) })),
  sellValueUsd: decimal(),
  buyValueUsd: decimal(),
});

export const simulationSchema = z.object({
  seed: z.number().int().meta({ description: "Send it back to reproduce the run." }),
  paths: z.number().int(),
  horizonDays: z.number().int(),
  historyDays: z.number().int(),
  days: z.array(z.number()),
  p5: z.array(z.number()),
  p50: z.array(z.number()),
  p95: z.array(z.number()),
  final: z.object({
    p5: z.number(),
    p25: z.number(),
    p50: z.number(),
    p75: z.number(),
    p95: z.number(),
    mean: z.number(),
    probabilityOfLoss: z.number(),
  }),
});

export const importResultSchema = z.object({
  format: z.string().nullable(),
  totalRows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), field: z.string(), reason: z.string() })),
  preview: z.array(
    z.object({ row: z.number().int(), type: z.string(), symbol: z.string(), quantity: decimal(), price: decimal().nullable(), fee: decimal(), executedAt: z.string() }),
  ),
  imported: z.number().int(),
});

export const shareSchema = z.object({
  userId: id(),
  email: z.string(),
  name: z.string().nullable(),
  permission: z.enum(sharePermissionEnum.enumValues),
  createdAt: dateTime(),
});

export const shareGrantSchema = shareSchema.omit({ createdAt: true });

export const activitySchema = z.object({
  id: id(),
  action: z.string().meta({ description: "e.g. transaction.created, share.granted" }),
  details: z.record(z.string(), z.unknown()),
  createdAt: dateTime(),
  actorId: id().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
});

type Sent<F extends (...args: never[]) => unknown> = Jsonified<Awaited<ReturnType<F>>>;

export type _Checks = [
  Expect<Same<z.output<typeof portfolioSchema>, Jsonified<PortfolioView>>>,
  Expect<Same<z.output<typeof transactionSchema>, Jsonified<TransactionView>>>,
  Expect<Same<z.output<typeof holdingsSchema>, Jsonified<HoldingsView>>>,
  Expect<Same<z.output<typeof historySchema>, Sent<typeof getHistory>>>,
  Expect<Same<z.output<typeof analyticsSchema>, Jsonified<AnalyticsView>>>,
  Expect<Same<z.output<typeof allocationSchema>, Sent<typeof getAllocation>>>,
  Expect<Same<z.output<typeof rebalanceSchema>, Sent<typeof planRebalance>>>,
  Expect<Same<z.output<typeof simulationSchema>, Sent<typeof simulatePortfolio>>>,
  Expect<Same<z.output<typeof importResultSchema>, Jsonified<ImportResult>>>,
  Expect<Same<z.output<typeof shareSchema>, Sent<typeof listShares>[number]>>,
  Expect<Same<z.output<typeof shareGrantSchema>, Sent<typeof sharePortfolio>>>,
  Expect<Same<z.output<typeof activitySchema>, Sent<typeof listActivity>["items"][number]>>,
];
