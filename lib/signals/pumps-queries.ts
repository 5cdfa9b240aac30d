import "server-only";
import { and, count, desc, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { pumps, type Pump } from "@/db/schema";
import { computePagination } from "@/lib/api/pagination";
import type { Pagination } from "@/lib/api/respond";
import type { PumpDirection } from "./pumps";
import type { ListPumpsQuery, PumpView } from "./pumps-schemas";

// Reads and writes of the pumps table. Pumps are market-wide (no owner): every signed-in user sees them.

const MINUTE_MS = 60_000;

export function toPumpView(row: Pump): PumpView {
  return {
    id: row.id,
    exchange: row.exchange,
    symbol: row.symbol,
    direction: row.direction,
    status: row.status,
    changePct: row.changePct,
    windowMinutes: row.windowMinutes,
    volumeZ: row.volumeZ,
    startPrice: row.startPrice,
    peakPrice: row.peakPrice,
    detectedAt: row.detectedAt.toISOString(),
    fadedAt: row.fadedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Newest first; filters by symbol ("BTC-USDT"), status and direction. */
export async function listPumps({ page, limit, symbol, status, direction }: ListPumpsQuery): Promise<{ items: PumpView[]; pagination: Pagination }> {
  const filters: SQL[] = [];
  if (symbol) filters.push(eq(pumps.symbol, symbol));
  if (status) filters.push(eq(pumps.status, status));
  if (direction) filters.push(eq(pumps.direction, direction));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select().from(pumps).where(where).orderBy(desc(pumps.detectedAt), desc(pumps.id)).limit(limit).offset((page - 1) * limit),
    db.select({ value: count() }).from(pumps).where(where),
  ]);
  return { items: rows.map(toPumpView), pagination: computePagination(page, limit, total?.value ?? 0) };
}

export type PumpWrite = {
  exchange: string;
  symbol: string;
  direction: PumpDirection;
  changePct: number;
  windowMinutes: number;
  volumeZ: number;
  startPrice: string;
  peakPrice: string;
  detectedAt: Date;
};

/**
 * Stores a detected move unless the table already has it: an active row of the same symbol and
 * direction, or one detected within the detection window of this one (the same move seen by
 * another instance during a hand-over, or by the catch-up replay). Returns the row and whether it is new.
 */
export async function insertPumpOnce(input: PumpWrite): Promise<{ row: Pump; isNew: boolean }> {
  return db.transaction(async (tx) => {
    // Two instances that both believe they lead (a hand-over) must not both pass the check below: under
    // READ COMMITTED each would see no row and insert one. The lock serializes them per move.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`pump:${input.exchange}:${input.symbol}:${input.direction}`}))`);
    const windowMs = Math.max(input.windowMinutes, 1) * MINUTE_MS * 2;
    const [existing] = await tx
      .select()
      .from(pumps)
      .where(
        and(
          eq(pumps.exchange, input.exchange),
          eq(pumps.symbol, input.symbol),
          eq(pumps.direction, input.direction),
          or(
            eq(pumps.status, "active"),
            and(gte(pumps.detectedAt, new Date(input.detectedAt.getTime() - windowMs)), lte(pumps.detectedAt, new Date(input.detectedAt.getTime() + windowMs))),
          ),
        ),
      )
      .orderBy(desc(pumps.detectedAt))
      .limit(1);
    if (existing) return { row: existing, isNew: false };
    const [row] = await tx.insert(pumps).values({ ...input, status: "active" }).returning();
    if (!row) throw new Error("pump insert returned no row");
    return { row, isNew: true };
  });
}

/** Raises a move's peak; returns the row (null when it is gone or already faded). */
export async function updatePumpPeak({ id, peakPrice, changePct }: { id: string; peakPrice: string; changePct: number }): Promise<Pump | null> {
  const [row] = await db
    .update(pumps)
    .set({ peakPrice, changePct })
    .where(and(eq(pumps.id, id), eq(pumps.status, "active")))
    .returning();
  return row ?? null;
}

/** Marks a move faded, with its final peak; returns the row (null when it was not active). */
export async function fadePump({ id, fadedAt, peakPrice, changePct }: { id: string; fadedAt: Date; peakPrice?: string; changePct?: number }): Promise<Pump | null> {
  const [row] = await db
    .update(pumps)
    .set({ status: "faded", fadedAt, ...(peakPrice !== undefined ? { peakPrice } : {}), ...(changePct !== undefined ? { changePct } : {}) })
    .where(and(eq(pumps.id, id), eq(pumps.status, "active")))
    .returning();
  return row ?? null;
}

export async function listActivePumpRows(exchange: string): Promise<Pump[]> {
  return db.select().from(pumps).where(and(eq(pumps.exchange, exchange), eq(pumps.status, "active")));
}

/** Fades active rows this detector does not track (their move ended while nobody was watching). */
export async function fadeUntrackedPumps({ exchange, keepIds, fadedAt }: { exchange: string; keepIds: readonly string[]; fadedAt: Date }): Promise<Pump[]> {
  const active = await listActivePumpRows(exchange);
  const stale = active.filter((row) => !keepIds.includes(row.id)).map((row) => row.id);
  if (stale.length === 0) return [];
  return db
    .update(pumps)
    .set({ status: "faded", fadedAt })
    .where(and(inArray(pumps.id, stale), eq(pumps.status, "active")))
    .returning();
}
