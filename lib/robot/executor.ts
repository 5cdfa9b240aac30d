import "server-only";
import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { robotConfigs, robotEvents, signals, trades, users, type RobotConfig, type Signal, type Trade } from "@/db/schema";
import { effectiveTier } from "@/lib/auth/sessions";
import type { UserTier } from "@/lib/auth/tokens";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getTicker, getTickers } from "@/lib/market/quotes";
import { signalVisibleAt, TIER_LIMITS } from "@/lib/tiers";
import { recordRobotEvent, type Tx } from "./db";
import { toTradeView, type TradeView } from "./journal";
import { closeLivePosition, exchangeMessage, openLivePosition } from "./live";
import { computeExitLevels, computeNetPnl, computePaperEntry, computePaperExit, Dec, detectExitHit, type ExitHit, type Quote, type Side } from "./math";

// The robot at work: signals → positions, prices → exits, the kill switch.
//
// Exactly once across the cluster: every instance receives each bus message, so each decision about
// a (robot, signal) pair is taken under a transaction-scoped advisory lock on the robot, and only if
// the robot's log has no entry for that signal yet; the entry written in the same transaction marks
// it handled. The unique index trades(user_id, signal_id) is the backstop. Closing claims the trade
// with a conditional update (status still open), so two monitors never close it twice.

export type QuoteSource = (symbol: string) => Promise<Quote>;

const defaultQuotes: QuoteSource = async (symbol) => {
  const ticker = await getTicker(symbol);
  return { last: ticker.last, bid: ticker.bid, ask: ticker.ask };
};

/** "BTC/USDT", "btc-usdt" → "BTC-USDT". */
export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace("/", "-");
}

/** How far back the catch-up job looks for signals that became actionable while no instance was listening. */
export const CATCH_UP_WINDOW_MS = 10 * 60_000;

export type SignalDecision = { configId: string; userId: string; outcome: "opened" | "skipped" | "deferred" | "duplicate" | "error"; message: string; tradeId?: string };

type RunningConfig = RobotConfig & { tier: UserTier };

async function loadRunningConfigs(symbol: string): Promise<RunningConfig[]> {
  const rows = await db
    .select({ config: robotConfigs, tier: users.tier, tierExpiresAt: users.tierExpiresAt })
    .from(robotConfigs)
    .innerJoin(users, eq(users.id, robotConfigs.userId))
    .where(and(eq(robotConfigs.symbol, symbol), eq(robotConfigs.isRunning, true)));
  const now = new Date();
  return rows.map((row) => ({ ...row.config, tier: effectiveTier(row.tier, row.tierExpiresAt, now) }));
}

/** Runs `work` unless this robot already acted on this signal; answers false when it had. */
async function claimSignal(configId: string, signalId: string, work: (tx: Tx) => Promise<void>): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`robot:${configId}`}))`);
    const [seen] = await tx
      .select({ id: robotEvents.id })
      .from(robotEvents)
      .where(and(eq(robotEvents.robotConfigId, configId), eq(robotEvents.signalId, signalId)))
      .limit(1);
    if (seen) return false;
    await work(tx);
    return true;
  });
}

async function openTradeOf(executor: typeof db | Tx, configId: string): Promise<Trade | undefined> {
  const [row] = await executor
    .select()
    .from(trades)
    .where(and(eq(trades.robotConfigId, configId), eq(trades.status, "open")))
    .limit(1);
  return row;
}

function sideOf(signal: Signal): Side {
  return signal.direction === "buy" ? "long" : "short";
}

/** Why a robot does not trade a signal, or null when it should. Pure over the rows. */
export function computeSkipReason({ config, signal, now, price }: { config: RobotConfig; signal: Signal; now: Date; price: number | null }): string | null {
  if (!config.autoTrade) return "auto-trade is off";
  if (signal.confidence < config.minConfidence) return `confidence ${signal.confidence} < ${config.minConfidence}`;
  if (signal.status !== "active") return `the signal is already ${signal.status}`;
  if (signal.expiresAt.getTime() <= now.getTime()) return "the signal has expired";
  if (config.mode === "live" && signal.direction === "sell") return "live trading is spot only and cannot open a short";
  if (price !== null) {
    const beyondStop = signal.direction === "buy" ? price <= Number(signal.stopLoss) : price >= Number(signal.stopLoss);
    if (beyondStop) return `the price ${price} is already beyond the signal's stop ${Number(signal.stopLoss)}`;
  }
  return null;
}

/**
 * Acts on one signal for every running robot of its symbol. Safe to call any number of times, from
 * any number of instances at once: each robot opens at most one trade per signal.
 */
export async function handleSignal({ signalId, now = new Date(), quotes = defaultQuotes }: { signalId: string; now?: Date; quotes?: QuoteSource }): Promise<SignalDecision[]> {
  const [signal] = await db.select().from(signals).where(eq(signals.id, signalId));
  if (!signal) return [];
  const symbol = normalizeSymbol(signal.symbol);
  const configs = await loadRunningConfigs(symbol);
  const decisions: SignalDecision[] = [];
  for (const config of configs) {
    try {
      decisions.push(await actOnSignal({ config, signal, symbol, now, quotes }));
    } catch (error) {
      logger.error({ err: error, robotConfigId: config.id, signalId }, "robot: acting on a signal failed");
      decisions.push({ configId: config.id, userId: config.userId, outcome: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }
  return decisions;
}

async function actOnSignal({ config, signal, symbol, now, quotes }: { config: RunningConfig; signal: Signal; symbol: string; now: Date; quotes: QuoteSource }): Promise<SignalDecision> {
  const base = { configId: config.id, userId: config.userId };
  const visibleAt = signalVisibleAt(config.tier, signal.minTier, signal.createdAt);
  const skip = async (reason: string): Promise<SignalDecision> => {
    const claimed = await claimSignal(config.id, signal.id, (tx) =>
      recordRobotEvent(tx, {
        userId: config.userId,
        robotConfigId: config.id,
        signalId: signal.id,
        type: "skip",
        message: `Skipped the ${signal.direction} signal on ${symbol} (confidence ${signal.confidence}): ${reason}.`,
        data: { reason, confidence: signal.confidence, minConfidence: config.minConfidence, direction: signal.direction },
      }),
    );
    return { ...base, outcome: claimed ? "skipped" : "duplicate", message: reason };
  };
  if (visibleAt === null) return skip(`the signal is for the ${TIER_LIMITS[signal.minTier].label} tier and above`);
  // Not visible to this tier yet: the catch-up job acts on it once it is.
  if (visibleAt.getTime() > now.getTime()) return { ...base, outcome: "deferred", message: `visible to the ${TIER_LIMITS[config.tier].label} tier at ${visibleAt.toISOString()}` };
  // Only signals that reached this user while the robot ran, and not long ago.
  if (config.startedAt && visibleAt.getTime() < config.startedAt.getTime() - 1000) {
    return { ...base, outcome: "deferred", message: "the signal reached you before this run of the robot started" };
  }
  if (now.getTime() - visibleAt.getTime() > CATCH_UP_WINDOW_MS) return { ...base, outcome: "deferred", message: "the signal is too old to act on" };

  const early = computeSkipReason({ config, signal, now, price: null });
  if (early) return skip(early);
  const open = await openTradeOf(db, config.id);
  if (open) return skip(`a ${open.side} position is already open (trade ${open.id.slice(0, 8)})`);

  if (config.mode === "live") return openLive({ config, signal, symbol });

  let quote: Quote;
  try {
    quote = await quotes(symbol);
  } catch (error) {
    const message = `no market price for ${symbol}: ${error instanceof Error ? error.message : String(error)}`;
    await claimSignal(config.id, signal.id, (tx) => recordRobotEvent(tx, { userId: config.userId, robotConfigId: config.id, signalId: signal.id, type: "error", message: `Could not open a position: ${message}.` }));
    return { ...base, outcome: "error", message };
  }
  const late = computeSkipReason({ config, signal, now, price: quote.last });
  if (late) return skip(late);

  let decision: SignalDecision = { ...base, outcome: "duplicate", message: "already handled" };
  await claimSignal(config.id, signal.id, async (tx) => {
    const [fresh] = await tx.select().from(robotConfigs).where(eq(robotConfigs.id, config.id));
    const stillOpen = await openTradeOf(tx, config.id);
    const reason = !fresh?.isRunning ? "the robot was stopped" : stillOpen ? `a ${stillOpen.side} position is already open (trade ${stillOpen.id.slice(0, 8)})` : null;
    if (reason || !fresh) {
      await recordRobotEvent(tx, { userId: config.userId, robotConfigId: config.id, signalId: signal.id, type: "skip", message: `Skipped the ${signal.direction} signal on ${symbol}: ${reason}.`, data: { reason } });
      decision = { ...base, outcome: "skipped", message: reason ?? "" };
      return;
    }
    const side = sideOf(signal);
    let entry;
    try {
      entry = computePaperEntry({ balance: fresh.paperBalance, balancePct: fresh.balancePct, leverage: fresh.leverage, side, quote });
    } catch (error) {
      const message = error instanceof RangeError ? error.message : "the position could not be sized";
      await recordRobotEvent(tx, { userId: config.userId, robotConfigId: config.id, signalId: signal.id, type: "skip", message: `Skipped the ${signal.direction} signal on ${symbol}: ${message}`, data: { reason: message } });
      decision = { ...base, outcome: "skipped", message };
      return;
    }
    const levels = computeExitLevels({ side, entryPrice: entry.entryPrice, takeProfitPct: fresh.takeProfitPct, stopLossPct: fresh.stopLossPct });
    const [trade] = await tx
      .insert(trades)
      .values({
        userId: config.userId,
        robotConfigId: config.id,
        signalId: signal.id,
        source: "robot",
        mode: "paper",
        exchange: fresh.exchange,
        symbol,
        side,
        status: "open",
        quantity: entry.quantity,
        leverage: fresh.leverage,
        entryPrice: entry.entryPrice,
        takeProfit: levels.takeProfit,
        stopLoss: levels.stopLoss,
        fees: entry.fee,
        reason: `${signal.direction} signal, confidence ${signal.confidence} ≥ ${fresh.minConfidence} (${signal.timeframe})`,
        openedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!trade) {
      decision = { ...base, outcome: "duplicate", message: "a trade for this signal exists" };
      return;
    }
    await tx
      .update(robotConfigs)
      .set({ paperBalance: sql`${robotConfigs.paperBalance} - ${entry.fee}::numeric` })
      .where(eq(robotConfigs.id, config.id));
    await recordRobotEvent(tx, {
      userId: config.userId,
      robotConfigId: config.id,
      tradeId: trade.id,
      signalId: signal.id,
      type: "open",
      message: `Opened a paper ${side} of ${entry.quantity} ${symbol} at ${entry.entryPrice} (${fresh.leverage}×, margin ${new Dec(entry.margin).toFixed(2)} USDT, fee ${new Dec(entry.fee).toFixed(4)} USDT) on a ${signal.direction} signal with confidence ${signal.confidence}; TP ${levels.takeProfit}, SL ${levels.stopLoss}.`,
      data: { ...entry, ...levels, confidence: signal.confidence, quote },
    });
    decision = { ...base, outcome: "opened", message: "opened", tradeId: trade.id };
  });
  if (decision.outcome === "opened") noteOpenSymbol(symbol);
  return decision;
}

async function openLive({ config, signal, symbol }: { config: RunningConfig; signal: Signal; symbol: string }): Promise<SignalDecision> {
  const base = { configId: config.id, userId: config.userId };
  if (!TIER_LIMITS[config.tier].liveTrading || !config.exchangeKeyId) {
    const reason = !config.exchangeKeyId ? "the robot's exchange key was deleted" : "your plan no longer includes live trading";
    const claimed = await claimSignal(config.id, signal.id, (tx) =>
      recordRobotEvent(tx, { userId: config.userId, robotConfigId: config.id, signalId: signal.id, type: "skip", message: `Skipped the ${signal.direction} signal on ${symbol}: ${reason}.`, data: { reason } }),
    );
    return { ...base, outcome: claimed ? "skipped" : "duplicate", message: reason };
  }
  // The claim is committed before the order is sent: whatever happens next, no second order for this signal.
  const claimed = await claimSignal(config.id, signal.id, async (tx) => {
    await recordRobotEvent(tx, {
      userId: config.userId,
      robotConfigId: config.id,
      signalId: signal.id,
      type: "order.placing",
      message: `Placing a market buy for ${symbol} with ${config.balancePct} % of the free balance on a buy signal with confidence ${signal.confidence}.`,
    });
  });
  if (!claimed) return { ...base, outcome: "duplicate", message: "already handled" };
  let entry;
  try {
    entry = await openLivePosition({
      userId: config.userId,
      keyId: config.exchangeKeyId,
      symbol,
      side: "long",
      balancePct: config.balancePct,
      takeProfitPct: config.takeProfitPct,
      stopLossPct: config.stopLossPct,
    });
  } catch (error) {
    const message = exchangeMessage(error) === "The exchange call failed." && error instanceof Error ? error.message : exchangeMessage(error);
    await recordRobotEvent(db, { userId: config.userId, robotConfigId: config.id, signalId: signal.id, type: "error", message: `The entry order for ${symbol} failed: ${message}` });
    return { ...base, outcome: "error", message };
  }
  const now = new Date();
  const trade = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trades)
      .values({
        userId: config.userId,
        robotConfigId: config.id,
        signalId: signal.id,
        source: "robot",
        mode: "live",
        exchange: config.exchange,
        symbol,
        side: "long",
        status: "open",
        quantity: entry.quantity,
        leverage: 1,
        entryPrice: entry.entryPrice,
        takeProfit: entry.takeProfit,
        stopLoss: entry.stopLoss,
        fees: entry.fee,
        reason: `buy signal, confidence ${signal.confidence} ≥ ${config.minConfidence} (${signal.timeframe})`,
        externalOrderId: entry.entryOrderId,
        openedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await recordRobotEvent(tx, {
      userId: config.userId,
      robotConfigId: config.id,
      tradeId: row.id,
      signalId: signal.id,
      type: "open",
      message:
        `Bought ${entry.quantity} ${symbol} at ${entry.entryPrice} on ${config.exchange} (order ${entry.entryOrderId}); ` +
        (entry.takeProfitOrderId ? `take-profit order ${entry.takeProfitOrderId} at ${entry.takeProfit}` : `the take-profit order failed (${entry.takeProfitError}); the robot closes at ${entry.takeProfit} itself`) +
        `, stop loss ${entry.stopLoss} watched by the robot.`,
      data: { ...entry },
    });
    return row;
  });
  if (!trade) return { ...base, outcome: "duplicate", message: "a trade for this signal exists" };
  noteOpenSymbol(symbol);
  return { ...base, outcome: "opened", message: "opened", tradeId: trade.id };
}

export type ClosedTradeReport = {
  tradeId: string;
  symbol: string;
  side: Side;
  mode: "paper" | "live";
  quantity: string;
  entryPrice: string;
  exitPrice: string;
  fees: string;
  pnl: string;
  pnlPct: string;
  reason: ExitHit | "kill_switch";
  cancelledOrderIds: string[];
};

const CLOSE_REASON_TEXT: Record<ClosedTradeReport["reason"], string> = { take_profit: "take profit hit", stop_loss: "stop loss hit", kill_switch: "robot stopped (kill switch)" };

async function takeProfitOrderIdOf(tradeId: string): Promise<string | null> {
  const [event] = await db
    .select({ data: robotEvents.data })
    .from(robotEvents)
    .where(and(eq(robotEvents.tradeId, tradeId), eq(robotEvents.type, "open")))
    .limit(1);
  const id = event?.data.takeProfitOrderId;
  return typeof id === "string" ? id : null;
}

/** Closes one open robot trade; null when another caller closed it first. */
export async function closeRobotTrade({ trade, reason, quote, now = new Date() }: { trade: Trade; reason: ClosedTradeReport["reason"]; quote: Quote; now?: Date }): Promise<ClosedTradeReport | null> {
  return trade.mode === "paper" ? closePaperTrade({ trade, reason, quote, now }) : closeLiveTrade({ trade, reason, now });
}

async function closePaperTrade({ trade, reason, quote, now }: { trade: Trade; reason: ClosedTradeReport["reason"]; quote: Quote; now: Date }): Promise<ClosedTradeReport | null> {
  const exit = computePaperExit({ side: trade.side, entryPrice: trade.entryPrice, quantity: trade.quantity, entryFee: trade.fees, leverage: trade.leverage, quote, reason, takeProfit: trade.takeProfit });
  return db.transaction(async (tx) => {
    const [closed] = await tx
      .update(trades)
      .set({ status: "closed", exitPrice: exit.exitPrice, fees: exit.fees, pnl: exit.pnl, pnlPct: exit.pnlPct, closeReason: reason, closedAt: now })
      .where(and(eq(trades.id, trade.id), eq(trades.status, "open")))
      .returning();
    if (!closed) return null;
    if (trade.robotConfigId) {
      await tx
        .update(robotConfigs)
        .set({ paperBalance: sql`${robotConfigs.paperBalance} + ${exit.balanceDelta}::numeric` })
        .where(eq(robotConfigs.id, trade.robotConfigId));
    }
    await recordRobotEvent(tx, {
      userId: trade.userId,
      robotConfigId: trade.robotConfigId,
      tradeId: trade.id,
      signalId: trade.signalId,
      type: "close",
      message: `Closed the paper ${trade.side} of ${trade.quantity} ${trade.symbol} at ${exit.exitPrice}: ${CLOSE_REASON_TEXT[reason]}. P&L ${new Dec(exit.pnl).toFixed(2)} USDT (${new Dec(exit.pnlPct).toFixed(2)} %) after ${new Dec(exit.fees).toFixed(4)} USDT fees.`,
      data: { ...exit, reason, quote },
    });
    return report(closed, reason, []);
  });
}

function report(row: Trade, reason: ClosedTradeReport["reason"], cancelledOrderIds: string[]): ClosedTradeReport {
  return {
    tradeId: row.id,
    symbol: row.symbol,
    side: row.side,
    mode: row.mode,
    quantity: row.quantity,
    entryPrice: row.entryPrice,
    exitPrice: row.exitPrice ?? "0",
    fees: row.fees,
    pnl: row.pnl ?? "0",
    pnlPct: row.pnlPct ?? "0",
    reason,
    cancelledOrderIds,
  };
}

const CLOSING = "closing";

async function closeLiveTrade({ trade, reason, now }: { trade: Trade; reason: ClosedTradeReport["reason"]; now: Date }): Promise<ClosedTradeReport | null> {
  // Claim before any order: a trade being closed carries close_reason "closing" until it is settled.
  const [claimed] = await db
    .update(trades)
    .set({ closeReason: CLOSING })
    .where(and(eq(trades.id, trade.id), eq(trades.status, "open"), isNull(trades.closeReason)))
    .returning({ id: trades.id });
  if (!claimed) return null;
  const config = trade.robotConfigId ? (await db.select().from(robotConfigs).where(eq(robotConfigs.id, trade.robotConfigId)))[0] : undefined;
  try {
    if (!config?.exchangeKeyId) throw new AppError("CONFLICT", "the robot's exchange key is gone; close the position on the exchange");
    const exit = await closeLivePosition({
      userId: trade.userId,
      keyId: config.exchangeKeyId,
      symbol: trade.symbol,
      side: trade.side,
      quantity: trade.quantity,
      takeProfit: trade.takeProfit,
      takeProfitOrderId: await takeProfitOrderIdOf(trade.id),
    });
    const fees = new Dec(trade.fees).plus(exit.fee).toFixed();
    const { pnl, pnlPct } = computeNetPnl({ side: trade.side, entryPrice: trade.entryPrice, exitPrice: exit.exitPrice, quantity: trade.quantity, fees, leverage: trade.leverage });
    const finalReason = exit.filledByTakeProfit ? "take_profit" : reason;
    return await db.transaction(async (tx) => {
      const [closed] = await tx
        .update(trades)
        .set({ status: "closed", exitPrice: exit.exitPrice, fees, pnl, pnlPct, closeReason: finalReason, closedAt: now })
        .where(eq(trades.id, trade.id))
        .returning();
      for (const orderId of exit.cancelledOrderIds) {
        await recordRobotEvent(tx, { userId: trade.userId, robotConfigId: trade.robotConfigId, tradeId: trade.id, type: "order.cancelled", message: `Cancelled the take-profit order ${orderId} of ${trade.symbol}.`, data: { orderId } });
      }
      await recordRobotEvent(tx, {
        userId: trade.userId,
        robotConfigId: trade.robotConfigId,
        tradeId: trade.id,
        signalId: trade.signalId,
        type: "close",
        message: `Closed the live ${trade.side} of ${trade.quantity} ${trade.symbol} at ${exit.exitPrice}${exit.exitOrderId ? ` (order ${exit.exitOrderId})` : ""}: ${CLOSE_REASON_TEXT[finalReason]}. P&L ${new Dec(pnl).toFixed(2)} USDT after ${new Dec(fees).toFixed(4)} USDT fees.`,
        data: { ...exit, reason: finalReason },
      });
      return report(closed!, finalReason, exit.cancelledOrderIds);
    });
  } catch (error) {
    await db.update(trades).set({ closeReason: null }).where(and(eq(trades.id, trade.id), eq(trades.closeReason, CLOSING)));
    const message = error instanceof AppError ? error.message : exchangeMessage(error);
    await recordRobotEvent(db, { userId: trade.userId, robotConfigId: trade.robotConfigId, tradeId: trade.id, type: "error", message: `Closing the live ${trade.symbol} position failed: ${message}` });
    throw new AppError("EXCHANGE_UNAVAILABLE", `Closing ${trade.symbol} failed: ${message}`, { cause: error });
  }
}

// ---- Position monitor -------------------------------------------------------------------------

// Symbols with an open robot trade, so ticks of other symbols cost nothing. Refreshed from the
// database every few seconds (other instances open trades too) and at once when this process opens one.
const globalForMonitor = globalThis as unknown as { __tradepulseRobotOpenSymbols?: { symbols: Set<string>; loadedAt: number } };
const OPEN_SYMBOLS_TTL_MS = 5_000;

function noteOpenSymbol(symbol: string): void {
  globalForMonitor.__tradepulseRobotOpenSymbols?.symbols.add(symbol);
}

export async function listOpenRobotSymbols(nowMs = Date.now()): Promise<Set<string>> {
  const cached = globalForMonitor.__tradepulseRobotOpenSymbols;
  if (cached && nowMs - cached.loadedAt < OPEN_SYMBOLS_TTL_MS) return cached.symbols;
  const rows = await db.selectDistinct({ symbol: trades.symbol }).from(trades).where(and(eq(trades.status, "open"), eq(trades.source, "robot")));
  const symbols = new Set(rows.map((row) => row.symbol));
  globalForMonitor.__tradepulseRobotOpenSymbols = { symbols, loadedAt: nowMs };
  return symbols;
}

/** Closes the open robot trades whose take-profit or stop loss the given prices reached. */
export async function checkOpenTrades({ quotes, now = new Date() }: { quotes: ReadonlyMap<string, Quote>; now?: Date }): Promise<ClosedTradeReport[]> {
  if (quotes.size === 0) return [];
  const open = await db
    .select()
    .from(trades)
    .where(and(eq(trades.status, "open"), eq(trades.source, "robot"), inArray(trades.symbol, [...quotes.keys()]), isNull(trades.closeReason)));
  const closed: ClosedTradeReport[] = [];
  for (const trade of open) {
    const quote = quotes.get(trade.symbol);
    if (!quote) continue;
    const hit = detectExitHit({ side: trade.side, price: quote.last, takeProfit: trade.takeProfit, stopLoss: trade.stopLoss });
    if (!hit) continue;
    try {
      const result = await closeRobotTrade({ trade, reason: hit, quote, now });
      if (result) closed.push(result);
    } catch (error) {
      logger.warn({ err: error, tradeId: trade.id }, "robot: closing a trade failed");
    }
  }
  return closed;
}

/** Periodic check (the job): every open robot trade against the latest quotes. */
export async function monitorOpenTrades({ now = new Date() }: { now?: Date } = {}): Promise<{ checked: number; closed: number }> {
  const symbols = [...(await listOpenRobotSymbols(0))];
  if (symbols.length === 0) return { checked: 0, closed: 0 };
  const tickers = await getTickers({ symbols });
  const quotes = new Map(tickers.map((ticker) => [ticker.symbol, { last: ticker.last, bid: ticker.bid, ask: ticker.ask }]));
  const closed = await checkOpenTrades({ quotes, now });
  return { checked: symbols.length, closed: closed.length };
}

/** Catch-up (the job): signals that became actionable in the last minutes, in case a bus message was missed. */
export async function processRecentSignals({ now = new Date() }: { now?: Date } = {}): Promise<{ signals: number; opened: number }> {
  // The longest tier delay plus the window: a signal becomes visible to a free robot that much later.
  const maxDelayMs = Math.max(...Object.values(TIER_LIMITS).map((limits) => limits.signalDelayMinutes)) * 60_000;
  const since = new Date(now.getTime() - CATCH_UP_WINDOW_MS - maxDelayMs);
  const recent = await db
    .select({ id: signals.id, symbol: signals.symbol })
    .from(signals)
    .where(and(eq(signals.status, "active"), gte(signals.createdAt, since)));
  if (recent.length === 0) return { signals: 0, opened: 0 };
  const running = await db.selectDistinct({ symbol: robotConfigs.symbol }).from(robotConfigs).where(eq(robotConfigs.isRunning, true));
  const runningSymbols = new Set(running.map((row) => row.symbol));
  let opened = 0;
  let considered = 0;
  for (const signal of recent) {
    if (!runningSymbols.has(normalizeSymbol(signal.symbol))) continue;
    considered += 1;
    const decisions = await handleSignal({ signalId: signal.id, now });
    opened += decisions.filter((decision) => decision.outcome === "opened").length;
  }
  return { signals: considered, opened };
}

// ---- Kill switch --------------------------------------------------------------------------------

export type StopReport = {
  /** Robots that were running and are now stopped. */
  stopped: { configId: string; symbol: string; mode: "paper" | "live" }[];
  /** Robots that were not running. */
  alreadyStopped: { configId: string; symbol: string }[];
  closedTrades: ClosedTradeReport[];
  /** Positions deliberately left open (closePositions: false). */
  leftOpen: TradeView[];
  cancelledOrders: { orderId: string; symbol: string; tradeId: string }[];
  /** Positions that could not be closed, with the reason; they are still open. */
  failed: { tradeId: string; symbol: string; message: string }[];
  summary: string;
};

/** Stops one symbol's robot or all of them and closes (or leaves) their open positions; reports every action. */
export async function stopRobots({
  userId,
  symbol,
  closePositions,
  now = new Date(),
  quotes = defaultQuotes,
}: {
  userId: string;
  symbol?: string;
  closePositions: boolean;
  now?: Date;
  quotes?: QuoteSource;
}): Promise<StopReport> {
  const configs = await db
    .select()
    .from(robotConfigs)
    .where(and(eq(robotConfigs.userId, userId), symbol ? eq(robotConfigs.symbol, symbol) : undefined));
  if (symbol && configs.length === 0) throw new AppError("NOT_FOUND", `You have no robot for ${symbol}.`);
  const result: StopReport = { stopped: [], alreadyStopped: [], closedTrades: [], leftOpen: [], cancelledOrders: [], failed: [], summary: "" };

  for (const config of configs) {
    const [row] = await db
      .update(robotConfigs)
      .set({ isRunning: false, stoppedAt: now })
      .where(and(eq(robotConfigs.id, config.id), eq(robotConfigs.isRunning, true)))
      .returning({ id: robotConfigs.id });
    if (row) result.stopped.push({ configId: config.id, symbol: config.symbol, mode: config.mode });
    else result.alreadyStopped.push({ configId: config.id, symbol: config.symbol });
  }

  const configIds = configs.map((config) => config.id);
  const open = configIds.length
    ? await db
        .select()
        .from(trades)
        .where(and(eq(trades.userId, userId), eq(trades.status, "open"), eq(trades.source, "robot"), inArray(trades.robotConfigId, configIds)))
    : [];
  for (const trade of open) {
    if (!closePositions) {
      result.leftOpen.push(toTradeView(trade));
      continue;
    }
    try {
      const quote = trade.mode === "paper" ? await quotes(trade.symbol) : { last: 0, bid: null, ask: null };
      const closed = await closeRobotTrade({ trade, reason: "kill_switch", quote, now });
      if (closed) {
        result.closedTrades.push(closed);
        for (const orderId of closed.cancelledOrderIds) result.cancelledOrders.push({ orderId, symbol: trade.symbol, tradeId: trade.id });
      } else {
        result.failed.push({ tradeId: trade.id, symbol: trade.symbol, message: "already being closed by the position monitor" });
      }
    } catch (error) {
      result.failed.push({ tradeId: trade.id, symbol: trade.symbol, message: error instanceof Error ? error.message : String(error) });
    }
  }

  result.summary = summarize(result, closePositions);
  for (const config of configs) {
    const closedHere = result.closedTrades.filter((trade) => open.find((row) => row.id === trade.tradeId)?.robotConfigId === config.id);
    const leftHere = result.leftOpen.filter((trade) => trade.robotConfigId === config.id);
    const failedHere = result.failed.filter((failure) => open.find((row) => row.id === failure.tradeId)?.robotConfigId === config.id);
    const wasRunning = result.stopped.some((stopped) => stopped.configId === config.id);
    if (!wasRunning && closedHere.length + leftHere.length + failedHere.length === 0) continue;
    const parts = [
      wasRunning ? `Robot for ${config.symbol} stopped${symbol ? "" : " by the kill switch"}` : `Robot for ${config.symbol} was already stopped`,
      closedHere.length ? `closed ${closedHere.map((trade) => `${trade.side} at ${trade.exitPrice} (P&L ${new Dec(trade.pnl).toFixed(2)})`).join(", ")}` : null,
      leftHere.length ? `left ${leftHere.length} position${leftHere.length > 1 ? "s" : ""} open as asked` : null,
      failedHere.length ? `could not close ${failedHere.map((failure) => failure.message).join("; ")}` : null,
    ].filter(Boolean);
    await recordRobotEvent(db, { userId, robotConfigId: config.id, type: "stop", message: `${parts.join("; ")}.`, data: { closePositions, closed: closedHere.length, leftOpen: leftHere.length, failed: failedHere.length } });
  }
  return result;
}

function summarize(result: StopReport, closePositions: boolean): string {
  const parts: string[] = [];
  parts.push(result.stopped.length ? `Stopped ${result.stopped.length} robot${result.stopped.length > 1 ? "s" : ""} (${result.stopped.map((s) => s.symbol).join(", ")}).` : "No robot was running.");
  if (result.closedTrades.length) {
    const total = result.closedTrades.reduce((sum, trade) => sum.plus(trade.pnl), new Dec(0));
    parts.push(`Closed ${result.closedTrades.length} position${result.closedTrades.length > 1 ? "s" : ""} at market, net P&L ${total.toFixed(2)} USDT.`);
  } else if (closePositions && result.failed.length === 0) {
    parts.push("No position was open.");
  }
  if (result.cancelledOrders.length) parts.push(`Cancelled ${result.cancelledOrders.length} take-profit order${result.cancelledOrders.length > 1 ? "s" : ""}.`);
  if (result.leftOpen.length) parts.push(`Left ${result.leftOpen.length} position${result.leftOpen.length > 1 ? "s" : ""} open as asked; their take profit and stop loss are still watched.`);
  if (result.failed.length) parts.push(`${result.failed.length} position${result.failed.length > 1 ? "s" : ""} could not be closed and remain open.`);
  return parts.join(" ");
}
