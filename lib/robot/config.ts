import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { robotConfigs, robotEvents, trades, type RobotConfig } from "@/db/schema";
import type { UserTier } from "@/lib/auth/tokens";
import { listExchangeKeys } from "@/lib/exchanges/keys";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requireTrackedSymbol } from "@/lib/market/exchange";
import { requireWithinLimit, TIER_LIMITS, lowestTierWhere } from "@/lib/tiers";
import { recordRobotEvent } from "./db";
import type { RobotConfigInput } from "./schemas";

export type RobotConfigView = {
  id: string;
  symbol: string;
  exchange: string;
  mode: "paper" | "live";
  exchangeKeyId: string | null;
  leverage: number;
  balancePct: number;
  takeProfitPct: number;
  stopLossPct: number;
  minConfidence: number;
  autoTrade: boolean;
  isRunning: boolean;
  paperBalance: string;
  startedAt: string | null;
  stoppedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function toConfigView(row: RobotConfig): RobotConfigView {
  return {
    id: row.id,
    symbol: row.symbol,
    exchange: row.exchange,
    mode: row.mode,
    exchangeKeyId: row.exchangeKeyId,
    leverage: row.leverage,
    balancePct: Number(row.balancePct),
    takeProfitPct: Number(row.takeProfitPct),
    stopLossPct: Number(row.stopLossPct),
    minConfidence: row.minConfidence,
    autoTrade: row.autoTrade,
    isRunning: row.isRunning,
    paperBalance: row.paperBalance,
    startedAt: row.startedAt?.toISOString() ?? null,
    stoppedAt: row.stoppedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listRobotConfigs({ userId }: { userId: string }): Promise<RobotConfigView[]> {
  const rows = await db.select().from(robotConfigs).where(eq(robotConfigs.userId, userId)).orderBy(asc(robotConfigs.createdAt));
  return rows.map(toConfigView);
}

export async function getRobotConfigRow({ userId, symbol }: { userId: string; symbol: string }): Promise<RobotConfig | undefined> {
  const [row] = await db.select().from(robotConfigs).where(and(eq(robotConfigs.userId, userId), eq(robotConfigs.symbol, symbol)));
  return row;
}

export async function getRobotConfigOrThrow({ userId, symbol }: { userId: string; symbol: string }): Promise<RobotConfigView> {
  const row = await getRobotConfigRow({ userId, symbol });
  if (!row) throw new AppError("NOT_FOUND", `You have no robot for ${symbol}. Save a configuration first (PUT /robot/config).`);
  return toConfigView(row);
}

function requireLiveTrading(tier: UserTier): void {
  if (TIER_LIMITS[tier].liveTrading) return;
  const needed = lowestTierWhere((limits) => limits.liveTrading);
  throw new AppError("TIER_REQUIRED", `Live trading needs the ${needed ? TIER_LIMITS[needed].label : "a higher"} tier; your plan trades on paper only.`, {
    details: [{ field: "mode", message: needed ? `requires ${needed}` : "not available" }],
  });
}

/** The key a live robot trades with: the caller's own, not rejected by its exchange. Answers its exchange. */
async function requireUsableKey(userId: string, exchangeKeyId: string): Promise<string> {
  const key = (await listExchangeKeys({ userId })).find((candidate) => candidate.id === exchangeKeyId);
  if (!key) throw new AppError("VALIDATION_ERROR", "The request body is invalid.", { details: [{ field: "exchangeKeyId", message: "No such exchange key among yours." }] });
  if (key.status === "invalid") {
    throw new AppError("VALIDATION_ERROR", "The request body is invalid.", {
      details: [{ field: "exchangeKeyId", message: `${key.exchangeName} rejected this key at its last test. Re-test it in Settings › Exchange keys.` }],
    });
  }
  return key.exchange;
}

/** Creates or replaces the caller's robot for `input.symbol`. */
export async function saveRobotConfig({ userId, tier, input }: { userId: string; tier: UserTier; input: RobotConfigInput }): Promise<RobotConfigView> {
  requireTrackedSymbol(input.symbol);
  if (input.mode === "live") requireLiveTrading(tier);
  const exchange = input.mode === "live" && input.exchangeKeyId ? await requireUsableKey(userId, input.exchangeKeyId) : env.marketExchange;

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`robot-config:${userId}`}))`);
    const [existing] = await tx.select().from(robotConfigs).where(and(eq(robotConfigs.userId, userId), eq(robotConfigs.symbol, input.symbol))).for("update");
    const values = {
      exchange,
      mode: input.mode,
      exchangeKeyId: input.mode === "live" ? (input.exchangeKeyId ?? null) : null,
      leverage: input.leverage,
      balancePct: String(input.balancePct),
      takeProfitPct: String(input.takeProfitPct),
      stopLossPct: String(input.stopLossPct),
      minConfidence: input.minConfidence,
      autoTrade: input.autoTrade,
    };
    if (!existing) {
      const [{ value: owned }] = (await tx.select({ value: count() }).from(robotConfigs).where(eq(robotConfigs.userId, userId))) as [{ value: number }];
      requireWithinLimit(tier, "maxRobots", Number(owned), "robots");
      const [row] = await tx
        .insert(robotConfigs)
        .values({ userId, symbol: input.symbol, ...values, ...(input.paperBalance ? { paperBalance: input.paperBalance } : {}) })
        .returning();
      await recordRobotEvent(tx, { userId, robotConfigId: row!.id, type: "config.created", message: `Robot for ${input.symbol} created (${describe(values)}).`, data: values });
      return toConfigView(row!);
    }

    const [openTrade] = await tx
      .select({ id: trades.id, mode: trades.mode })
      .from(trades)
      .where(and(eq(trades.robotConfigId, existing.id), eq(trades.status, "open")))
      .limit(1);
    if (existing.isRunning && (existing.mode !== input.mode || existing.exchangeKeyId !== values.exchangeKeyId)) {
      throw new AppError("CONFLICT", "Stop the robot before switching between paper and live or changing its exchange key.", { details: [{ field: "mode", message: "Robot is running." }] });
    }
    if (openTrade && (existing.mode !== input.mode || existing.exchangeKeyId !== values.exchangeKeyId)) {
      throw new AppError("CONFLICT", "Close the robot's open position before switching mode or exchange key.", { details: [{ field: "mode", message: "A position is open." }] });
    }
    if (input.paperBalance !== undefined && openTrade?.mode === "paper") {
      throw new AppError("CONFLICT", "The paper balance can only be reset while no paper position is open.", { details: [{ field: "paperBalance", message: "A paper position is open." }] });
    }
    const [row] = await tx
      .update(robotConfigs)
      .set({ ...values, ...(input.paperBalance !== undefined ? { paperBalance: input.paperBalance } : {}) })
      .where(eq(robotConfigs.id, existing.id))
      .returning();
    await recordRobotEvent(tx, {
      userId,
      robotConfigId: existing.id,
      type: "config.updated",
      message: `Settings of the ${input.symbol} robot changed (${describe(values)})${input.paperBalance !== undefined ? `; paper balance set to ${input.paperBalance} USDT` : ""}.`,
      data: { ...values, ...(input.paperBalance !== undefined ? { paperBalance: input.paperBalance } : {}) },
    });
    return toConfigView(row!);
  });
}

function describe(values: { mode: string; leverage: number; balancePct: string; takeProfitPct: string; stopLossPct: string; minConfidence: number; autoTrade: boolean }): string {
  return `${values.mode}, ${values.leverage}×, ${values.balancePct} % of balance, TP ${values.takeProfitPct} %, SL ${values.stopLossPct} %, min confidence ${values.minConfidence}, auto-trade ${values.autoTrade ? "on" : "off"}`;
}

export type StartResult = { started: RobotConfigView[]; alreadyRunning: RobotConfigView[] };

/** Starts one symbol's robot or all of the caller's. Live robots are re-checked (tier, key) at start. */
export async function startRobots({ userId, tier, symbol, now = new Date() }: { userId: string; tier: UserTier; symbol?: string; now?: Date }): Promise<StartResult> {
  const configs = await db
    .select()
    .from(robotConfigs)
    .where(and(eq(robotConfigs.userId, userId), symbol ? eq(robotConfigs.symbol, symbol) : undefined))
    .orderBy(asc(robotConfigs.createdAt));
  if (configs.length === 0) {
    throw new AppError("NOT_FOUND", symbol ? `You have no robot for ${symbol}. Save a configuration first.` : "You have no robot yet. Save a configuration first.");
  }
  for (const config of configs) {
    if (config.mode !== "live") continue;
    requireLiveTrading(tier);
    if (!config.exchangeKeyId) throw new AppError("CONFLICT", `The ${config.symbol} robot is in live mode but its exchange key was deleted. Choose a key or switch to paper.`);
    await requireUsableKey(userId, config.exchangeKeyId);
  }
  const result: StartResult = { started: [], alreadyRunning: [] };
  await db.transaction(async (tx) => {
    for (const config of configs) {
      if (config.isRunning) {
        result.alreadyRunning.push(toConfigView(config));
        continue;
      }
      const [row] = await tx
        .update(robotConfigs)
        .set({ isRunning: true, startedAt: now, stoppedAt: null })
        .where(and(eq(robotConfigs.id, config.id), eq(robotConfigs.isRunning, false)))
        .returning();
      if (!row) {
        result.alreadyRunning.push(toConfigView(config));
        continue;
      }
      result.started.push(toConfigView(row));
      await recordRobotEvent(tx, {
        userId,
        robotConfigId: config.id,
        type: "start",
        message: `Robot for ${config.symbol} started in ${config.mode} mode${config.autoTrade ? ` (auto-trade on, acting on signals with confidence ≥ ${config.minConfidence})` : " (auto-trade off: signals are logged, not traded)"}.`,
        data: { mode: config.mode, autoTrade: config.autoTrade },
      });
    }
  });
  return result;
}

export type RobotEventView = {
  id: string;
  robotConfigId: string | null;
  tradeId: string | null;
  signalId: string | null;
  type: string;
  message: string;
  data: Record<string, unknown>;
  createdAt: string;
};

export async function listRobotEvents({ userId, symbol, limit = 50 }: { userId: string; symbol?: string; limit?: number }): Promise<RobotEventView[]> {
  const rows = await db
    .select({
      id: robotEvents.id,
      robotConfigId: robotEvents.robotConfigId,
      tradeId: robotEvents.tradeId,
      signalId: robotEvents.signalId,
      type: robotEvents.type,
      message: robotEvents.message,
      data: robotEvents.data,
      createdAt: robotEvents.createdAt,
    })
    .from(robotEvents)
    .leftJoin(robotConfigs, eq(robotConfigs.id, robotEvents.robotConfigId))
    .where(and(eq(robotEvents.userId, userId), symbol ? eq(robotConfigs.symbol, symbol) : undefined))
    .orderBy(desc(robotEvents.createdAt), desc(robotEvents.id))
    .limit(limit);
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
