import { z } from "zod";
import { tierEnum } from "@/db/schema";
import type { PumpView } from "@/lib/signals/pumps-schemas";
import type { LiquidationEstimate } from "@/lib/signals/liquidation-tool";
import type { LockedSignals, SignalStatsView } from "@/lib/signals/queries";
import type { SignalView } from "@/lib/signals/schemas";
import type { Covers, Expect, Jsonified, Same } from "../json";
import { dateTime, decimal, id } from "./common";

const tier = z.enum(tierEnum.enumValues);

export const signalSchema = z.object({
  id: id(),
  exchange: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  direction: z.enum(["buy", "sell"]),
  status: z.enum(["active", "closed"]),
  entry: decimal(),
  stopLoss: decimal(),
  tp1: decimal(),
  tp2: decimal(),
  tp3: decimal(),
  confidence: z.number(),
  minTier: tier,
  triggers: z.array(z.object({ name: z.string(), value: z.number(), detail: z.string().optional() })),
  source: z.enum(["live", "history"]).meta({ description: "live: generated at the candle close; history: computed afterwards (backfill)." }),
  recordedAt: dateTime(),
  outcome: z.enum(["tp1", "tp2", "tp3", "stop", "expired"]).nullable(),
  resultR: z.number().nullable(),
  resultPct: z.number().nullable(),
  exitPrice: decimal().nullable(),
  tp1HitAt: dateTime().nullable(),
  tp2HitAt: dateTime().nullable(),
  tp3HitAt: dateTime().nullable(),
  expiresAt: dateTime(),
  closedAt: dateTime().nullable(),
  createdAt: dateTime(),
  visibleAt: dateTime().optional().meta({ description: "When the caller's tier may see it (createdAt + the tier's delay)." }),
});

export const lockedSignalsSchema = z.object({
  tier,
  delayMinutes: z.number(),
  delayed: z.object({ count: z.number().int(), nextVisibleAt: dateTime().nullable() }),
  aboveTier: z.array(z.object({ tier, count: z.number().int() })),
});

const stats = z.object({
  count: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  breakeven: z.number().int(),
  winRatePct: z.number().nullable(),
  averageR: z.number().nullable(),
  totalR: z.number(),
  grossWinR: z.number(),
  grossLossR: z.number(),
  profitFactor: z.number().nullable(),
});

export const signalStatsSchema = stats.extend({
  bySymbol: z.record(z.string(), stats),
  byTimeframe: z.record(z.string(), stats),
  bySource: z.record(z.string(), stats),
  byMinTier: z.record(z.string(), stats),
  firstClosedAt: dateTime().nullable(),
  lastClosedAt: dateTime().nullable(),
  definitions: z.record(z.string(), z.string()).meta({ description: "How each figure is computed." }),
});

export const pumpSchema = z.object({
  id: id(),
  exchange: z.string(),
  symbol: z.string(),
  direction: z.enum(["pump", "dump"]),
  status: z.enum(["active", "faded"]),
  changePct: z.number().meta({ description: "Size of the move in %, start to peak." }),
  windowMinutes: z.number(),
  volumeZ: z.number(),
  startPrice: decimal(),
  peakPrice: decimal(),
  detectedAt: dateTime(),
  fadedAt: dateTime().nullable(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const liquidationEstimateSchema = z.object({
  symbol: z.string().nullable(),
  side: z.enum(["long", "short"]),
  marginMode: z.enum(["isolated", "cross"]),
  entryPrice: decimal(),
  quantity: decimal(),
  leverage: z.number().int(),
  takerFeeRate: decimal(),
  liquidationPrice: decimal().nullable().meta({ description: "null when the position cannot be liquidated." }),
  liquidationPriceWithoutFee: decimal().nullable(),
  notional: decimal(),
  initialMargin: decimal(),
  marginBalance: decimal(),
  maintenanceMargin: decimal(),
  maintenanceMarginRate: decimal(),
  maintenanceAmount: decimal(),
  bracket: z.record(z.string(), z.unknown()).nullable().meta({ description: "The entry's bracket of the tier table; null when the rate was given by hand." }),
  liquidationBracket: z.number().nullable(),
  distancePct: decimal().nullable(),
  marginRatioPct: decimal(),
  openingFee: decimal(),
  closingFeeAtLiquidation: decimal().nullable(),
  rateSource: z.enum(["tier-table", "manual"]),
  bracketsAsOf: z.string().nullable(),
});

export type _Checks = [
  Expect<Same<z.output<typeof signalSchema>, Jsonified<SignalView>>>,
  Expect<Same<z.output<typeof lockedSignalsSchema>, Jsonified<LockedSignals>>>,
  Expect<Covers<z.output<typeof signalStatsSchema>, Jsonified<SignalStatsView>>>,
  Expect<Same<z.output<typeof pumpSchema>, Jsonified<PumpView>>>,
  Expect<Covers<z.output<typeof liquidationEstimateSchema>, Jsonified<LiquidationEstimate>>>,
];
