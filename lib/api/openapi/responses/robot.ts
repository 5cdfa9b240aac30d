import { z } from "zod";
import type { RobotBalance } from "@/lib/robot/balance";
import type { RobotConfigView, RobotEventView, StartResult } from "@/lib/robot/config";
import type { StopReport } from "@/lib/robot/executor";
import type { TradeView } from "@/lib/robot/journal";
import type { TradeStats } from "@/lib/robot/stats";
import type { Covers, Expect, Jsonified, Same } from "../json";
import { dateTime, decimal, id } from "./common";

const mode = z.enum(["paper", "live"]);
const side = z.enum(["long", "short"]);

export const robotConfigSchema = z.object({
  id: id(),
  symbol: z.string(),
  exchange: z.string(),
  mode,
  exchangeKeyId: id().nullable(),
  leverage: z.number(),
  balancePct: z.number(),
  takeProfitPct: z.number(),
  stopLossPct: z.number(),
  minConfidence: z.number(),
  autoTrade: z.boolean(),
  isRunning: z.boolean(),
  paperBalance: decimal(),
  startedAt: dateTime().nullable(),
  stoppedAt: dateTime().nullable(),
  createdAt: dateTime(),
  updatedAt: dateTime(),
});

export const robotEventSchema = z.object({
  id: id(),
  robotConfigId: id().nullable(),
  tradeId: id().nullable(),
  signalId: id().nullable(),
  type: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: dateTime(),
});

export const tradeSchema = z.object({
  id: id(),
  source: z.enum(["robot", "manual"]),
  mode,
  exchange: z.string(),
  symbol: z.string(),
  side,
  status: z.enum(["open", "closed", "cancelled"]),
  quantity: decimal(),
  leverage: z.number(),
  entryPrice: decimal(),
  exitPrice: decimal().nullable(),
  takeProfit: decimal().nullable(),
  stopLoss: decimal().nullable(),
  fees: decimal(),
  pnl: decimal().nullable(),
  pnlPct: decimal().nullable(),
  reason: z.string().nullable(),
  closeReason: z.string().nullable(),
  notes: z.string().nullable(),
  tags: z.array(z.string()),
  signalId: id().nullable(),
  robotConfigId: id().nullable(),
  externalOrderId: z.string().nullable(),
  openedAt: dateTime(),
  closedAt: dateTime().nullable(),
});

export const startResultSchema = z.object({ started: z.array(robotConfigSchema), alreadyRunning: z.array(robotConfigSchema) });

export const stopReportSchema = z.object({
  stopped: z.array(z.object({ configId: id(), symbol: z.string(), mode })),
  alreadyStopped: z.array(z.object({ configId: id(), symbol: z.string() })),
  closedTrades: z.array(z.record(z.string(), z.unknown())).meta({ description: "Each closed position with its exit price, P&L and reason." }),
  leftOpen: z.array(tradeSchema),
  cancelledOrders: z.array(z.object({ orderId: z.string(), symbol: z.string(), tradeId: id() })),
  failed: z.array(z.object({ tradeId: id(), symbol: z.string(), message: z.string() })),
  summary: z.string(),
});

export const robotBalanceSchema = z.object({
  currency: z.literal("USDT"),
  paper: z.array(
    z.object({
      configId: id(),
      symbol: z.string(),
      isRunning: z.boolean(),
      balance: decimal(),
      equity: decimal(),
      unrealizedPnl: decimal(),
      marginInUse: decimal(),
      available: decimal(),
      openPosition: z
        .object({ tradeId: id(), side, quantity: decimal(), entryPrice: decimal(), markPrice: z.number().nullable(), takeProfit: decimal().nullable(), stopLoss: decimal().nullable(), leverage: z.number() })
        .nullable(),
    }),
  ),
  paperTotals: z.object({ balance: decimal(), equity: decimal(), unrealizedPnl: decimal() }),
  live: z.array(
    z.object({
      exchangeKeyId: id(),
      exchange: z.string(),
      label: z.string(),
      testnet: z.boolean(),
      symbols: z.array(z.string()),
      balances: z.array(z.object({ currency: z.string(), free: decimal(), used: decimal(), total: decimal() })).nullable(),
      error: z.string().nullable(),
    }),
  ),
});

export const tradeStatsSchema = z.object({
  closedTrades: z.number().int(),
  openTrades: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  breakeven: z.number().int(),
  winRate: z.number().nullable().meta({ description: "A fraction (0.6 = 60 %)." }),
  totalPnl: decimal(),
  avgPnl: decimal().nullable(),
  avgWin: decimal().nullable(),
  avgLoss: decimal().nullable(),
  largestWin: decimal().nullable(),
  largestLoss: decimal().nullable(),
  profitFactor: z.number().nullable(),
  totalFees: decimal(),
  bySymbol: z.array(z.object({ symbol: z.string(), trades: z.number().int(), wins: z.number().int(), losses: z.number().int(), winRate: z.number().nullable(), pnl: decimal() })),
  equityCurve: z.array(z.object({ time: dateTime(), pnl: decimal(), cumulativePnl: decimal() })),
});

export type _Checks = [
  Expect<Same<z.output<typeof robotConfigSchema>, Jsonified<RobotConfigView>>>,
  Expect<Same<z.output<typeof robotEventSchema>, Jsonified<RobotEventView>>>,
  Expect<Same<z.output<typeof tradeSchema>, Jsonified<TradeView>>>,
  Expect<Same<z.output<typeof startResultSchema>, Jsonified<StartResult>>>,
  Expect<Covers<z.output<typeof stopReportSchema>, Jsonified<StopReport>>>,
  Expect<Same<z.output<typeof robotBalanceSchema>, Jsonified<RobotBalance>>>,
  Expect<Same<z.output<typeof tradeStatsSchema>, Jsonified<TradeStats>>>,
];
