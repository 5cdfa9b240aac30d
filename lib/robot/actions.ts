"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import { requireUser } from "@/lib/auth/guards";
import { saveRobotConfig, startRobots, type RobotConfigView, type StartResult } from "./config";
import { stopRobots, type StopReport } from "./executor";
import { createManualTrade, updateTrade, type TradeView } from "./journal";
import { createTradeSchema, robotConfigInputSchema, robotStartSchema, robotStopSchema, updateTradeSchema } from "./schemas";

async function run<T>(work: () => Promise<T>, paths: string[]): Promise<ActionResult<T>> {
  try {
    const data = await work();
    for (const path of paths) revalidatePath(path);
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function saveRobotConfigAction(input: unknown): Promise<ActionResult<RobotConfigView>> {
  const auth = await requireUser();
  const parsed = robotConfigInputSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => saveRobotConfig({ userId: auth.userId, tier: auth.tier, input: parsed.data }), ["/robot"]);
}

export async function startRobotAction(input: unknown): Promise<ActionResult<StartResult>> {
  const auth = await requireUser();
  const parsed = robotStartSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => startRobots({ userId: auth.userId, tier: auth.tier, symbol: parsed.data.symbol }), ["/robot"]);
}

export async function stopRobotAction(input: unknown): Promise<ActionResult<StopReport>> {
  const auth = await requireUser();
  const parsed = robotStopSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => stopRobots({ userId: auth.userId, symbol: parsed.data.symbol, closePositions: parsed.data.closePositions }), ["/robot", "/journal"]);
}

export async function createTradeAction(input: unknown): Promise<ActionResult<TradeView>> {
  const auth = await requireUser();
  const parsed = createTradeSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => createManualTrade({ userId: auth.userId, input: parsed.data }), ["/journal"]);
}

export async function updateTradeAction(input: unknown): Promise<ActionResult<TradeView>> {
  const auth = await requireUser();
  const parsed = z.object({ tradeId: z.uuid(), changes: updateTradeSchema }).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return run(() => updateTrade({ userId: auth.userId, tradeId: parsed.data.tradeId, input: parsed.data.changes }), ["/journal"]);
}
