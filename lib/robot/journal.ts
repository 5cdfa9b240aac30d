import "server-only";
import { and, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { trades, type Trade } from "@/db/schema";
import { computePagination, pageOffset } from "@/lib/api/pagination";
import type { Pagination } from "@/lib/api/respond";
import { AppError } from "@/lib/errors";
import { computeNetPnl } from "./math";
import type { CreateTradeInput, TradeListQuery, TradeStatsQuery, UpdateTradeInput } from "./schemas";
import { computeTradeStats, type TradeStats } from "./stats";

export type TradeView = {
  id: string;
  source: "robot" | "manual";
  mode: "paper" | "live";
  exchange: string;
  symbol: string;
  side: "long" | "short";
  status: "open" | "closed" | "cancelled";
  quantity: string;
  leverage: number;
  entryPrice: string;
  exitPrice: string | null;
  takeProfit: string | null;
  stopLoss: string | null;
  fees: string;
  pnl: string | null;
  pnlPct: string | null;
  reason: string | null;
  closeReason: string | null;
  notes: string | null;
  tags: string[];
  signalId: string | null;
  robotConfigId: string | null;
  externalOrderId: string | null;
  openedAt: string;
  closedAt: string | null;
};

export function toTradeView(row: Trade): TradeView {
  return {
    id: row.id,
    source: row.source,
    mode: row.mode,
    exchange: row.exchange,
    symbol: row.symbol,
    side: row.side,
    status: row.status,
    quantity: row.quantity,
    leverage: row.leverage,
    entryPrice: row.entryPrice,
    exitPrice: row.exitPrice,
    takeProfit: row.takeProfit,
    stopLoss: row.stopLoss,
    fees: row.fees,
    pnl: row.pnl,
    pnlPct: row.pnlPct,
    reason: row.reason,
    closeReason: row.closeReason,
    notes: row.notes,
    tags: row.tags,
    signalId: row.signalId,
    robotConfigId: row.robotConfigId,
    externalOrderId: row.externalOrderId,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}

function filtersOf(userId: string, query: Partial<TradeStatsQuery> & { status?: TradeListQuery["status"] }): SQL | undefined {
  return and(
    eq(trades.userId, userId),
    query.symbol ? eq(trades.symbol, query.symbol) : undefined,
    query.source ? eq(trades.source, query.source) : undefined,
    query.mode ? eq(trades.mode, query.mode) : undefined,
    query.status ? eq(trades.status, query.status) : undefined,
    query.from ? gte(trades.openedAt, query.from) : undefined,
    query.to ? lte(trades.openedAt, query.to) : undefined,
  );
}

export async function listTrades({ userId, query }: { userId: string; query: TradeListQuery }): Promise<{ items: TradeView[]; pagination: Pagination }> {
  const where = filtersOf(userId, query);
  const [rows, [{ value: total }]] = (await Promise.all([
    db.select().from(trades).where(where).orderBy(desc(trades.openedAt), desc(trades.id)).limit(query.limit).offset(pageOffset(query)),
    db.select({ value: count() }).from(trades).where(where),
  ])) as [Trade[], [{ value: number }]];
  return { items: rows.map(toTradeView), pagination: computePagination(query.page, query.limit, Number(total)) };
}

async function getTradeRowOrThrow({ userId, tradeId }: { userId: string; tradeId: string }): Promise<Trade> {
  const [row] = await db.select().from(trades).where(and(eq(trades.id, tradeId), eq(trades.userId, userId)));
  if (!row) throw new AppError("NOT_FOUND", "Trade not found.");
  return row;
}

export async function getTradeOrThrow({ userId, tradeId }: { userId: string; tradeId: string }): Promise<TradeView> {
  return toTradeView(await getTradeRowOrThrow({ userId, tradeId }));
}

/** A trade entered by hand: open, or closed at once when the exit price is given. */
export async function createManualTrade({ userId, input, now = new Date() }: { userId: string; input: CreateTradeInput; now?: Date }): Promise<TradeView> {
  const isClosed = Boolean(input.exitPrice);
  const result = isClosed
    ? computeNetPnl({ side: input.side, entryPrice: input.entryPrice, exitPrice: input.exitPrice!, quantity: input.quantity, fees: input.fees, leverage: input.leverage })
    : null;
  const [row] = await db
    .insert(trades)
    .values({
      userId,
      source: "manual",
      mode: "live",
      exchange: "manual",
      symbol: input.symbol,
      side: input.side,
      status: isClosed ? "closed" : "open",
      quantity: input.quantity,
      leverage: input.leverage,
      entryPrice: input.entryPrice,
      exitPrice: input.exitPrice ?? null,
      fees: input.fees,
      pnl: result?.pnl ?? null,
      pnlPct: result?.pnlPct ?? null,
      notes: input.notes ?? null,
      tags: input.tags,
      openedAt: input.openedAt ?? now,
      closedAt: isClosed ? (input.closedAt ?? now) : null,
      closeReason: isClosed ? "manual" : null,
    })
    .returning();
  return toTradeView(row!);
}

/** Closes an open manual trade with its exit price, or edits notes, tags and fees of any trade. */
export async function updateTrade({ userId, tradeId, input, now = new Date() }: { userId: string; tradeId: string; input: UpdateTradeInput; now?: Date }): Promise<TradeView> {
  const row = await getTradeRowOrThrow({ userId, tradeId });
  const changes: Partial<Trade> = {};
  if (input.notes !== undefined) changes.notes = input.notes;
  if (input.tags !== undefined) changes.tags = input.tags;
  if (input.fees !== undefined) {
    if (row.source === "robot") throw new AppError("CONFLICT", "The fees of a robot trade come from its fills and cannot be edited.", { details: [{ field: "fees", message: "Robot trade." }] });
    changes.fees = input.fees;
  }
  if (input.exitPrice !== undefined) {
    if (row.source === "robot") {
      throw new AppError("CONFLICT", "A robot trade is closed by the robot (take profit, stop loss) or by stopping it with closePositions (POST /robot/stop).", {
        details: [{ field: "exitPrice", message: "Robot trade." }],
      });
    }
    if (row.status !== "open" && row.status !== "closed") throw new AppError("CONFLICT", "A cancelled trade cannot be closed.");
    const closedAt = input.closedAt ?? row.closedAt ?? now;
    if (closedAt < row.openedAt) throw new AppError("VALIDATION_ERROR", "The request body is invalid.", { details: [{ field: "closedAt", message: "The trade cannot close before it opened." }] });
    const fees = changes.fees ?? row.fees;
    const { pnl, pnlPct } = computeNetPnl({ side: row.side, entryPrice: row.entryPrice, exitPrice: input.exitPrice, quantity: row.quantity, fees, leverage: row.leverage });
    Object.assign(changes, { status: "closed", exitPrice: input.exitPrice, closedAt, pnl, pnlPct, closeReason: row.closeReason ?? "manual" });
  } else if (changes.fees !== undefined && row.status === "closed" && row.exitPrice) {
    Object.assign(changes, computeNetPnl({ side: row.side, entryPrice: row.entryPrice, exitPrice: row.exitPrice, quantity: row.quantity, fees: changes.fees, leverage: row.leverage }));
  }
  const [updated] = await db
    .update(trades)
    .set(changes)
    .where(and(eq(trades.id, tradeId), eq(trades.userId, userId)))
    .returning();
  if (!updated) throw new AppError("NOT_FOUND", "Trade not found.");
  return toTradeView(updated);
}

export async function getTradeStats({ userId, query }: { userId: string; query: TradeStatsQuery }): Promise<TradeStats> {
  const rows = await db
    .select({ symbol: trades.symbol, pnl: trades.pnl, fees: trades.fees, closedAt: trades.closedAt, status: trades.status })
    .from(trades)
    .where(filtersOf(userId, query));
  const closed = rows.flatMap((row) => (row.status === "closed" && row.pnl !== null && row.closedAt ? [{ symbol: row.symbol, pnl: row.pnl, fees: row.fees, closedAt: row.closedAt }] : []));
  return computeTradeStats(closed, rows.filter((row) => row.status === "open").length);
}

/** The symbols the caller has trades in, for the journal's filter. */
export async function listTradeSymbols({ userId }: { userId: string }): Promise<string[]> {
  const rows = await db.selectDistinct({ symbol: trades.symbol }).from(trades).where(eq(trades.userId, userId));
  return rows.map((row) => row.symbol).sort();
}
