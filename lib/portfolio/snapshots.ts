import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { portfolios, portfolioSnapshots } from "@/db/schema";
import { logger } from "@/lib/logger";
import { getCandles } from "@/lib/market/candles";
import { listTrackedSymbols } from "@/lib/market/quotes";
import { Money } from "./decimal";
import { computeDailySnapshots, computeNetFlowUsd, DAY_MS, toDay, type DailySnapshot } from "./history";
import { computeHoldings } from "./ledger";
import { loadLedgerTransactions } from "./ledger-queries";
import { getPricesUsd } from "./valuation";

type Kind = "daily" | "change" | "rebuilt";

async function upsertSnapshots(portfolioId: string, snapshots: (DailySnapshot & { kind: Kind; takenAt: Date })[]): Promise<void> {
  for (let start = 0; start < snapshots.length; start += 500) {
    await db
      .insert(portfolioSnapshots)
      .values(snapshots.slice(start, start + 500).map((s) => ({ portfolioId, ...s })))
      .onConflictDoUpdate({
        target: [portfolioSnapshots.portfolioId, portfolioSnapshots.day],
        set: {
          valueUsd: sql`excluded.value_usd`,
          costBasisUsd: sql`excluded.cost_basis_usd`,
          netFlowUsd: sql`excluded.net_flow_usd`,
          holdings: sql`excluded.holdings`,
          kind: sql`excluded.kind`,
          takenAt: sql`excluded.taken_at`,
          updatedAt: new Date(),
        },
      });
  }
}

/** Today's snapshot at live prices (the daily job, and after every change). */
export async function snapshotPortfolio({ portfolioId, kind, now = new Date() }: { portfolioId: string; kind: Kind; now?: Date }): Promise<void> {
  const ledger = await loadLedgerTransactions(portfolioId);
  const symbols = [...new Set(ledger.map((t) => t.symbol))];
  const manual: Record<string, string> = {};
  for (const tx of ledger) if (tx.isManualAsset && tx.price !== null) manual[tx.symbol] = tx.price;
  const { prices } = await getPricesUsd(symbols, manual);
  const summary = computeHoldings(ledger, prices);
  const today = toDay(now.getTime());
  const todayStart = Date.parse(`${today}T00:00:00Z`);
  const netFlow = ledger
    .filter((t) => t.executedAt.getTime() >= todayStart && t.executedAt.getTime() <= now.getTime())
    .reduce((sum, tx) => sum.plus(computeNetFlowUsd(tx)), new Money(0));
  await upsertSnapshots(portfolioId, [
    {
      day: today,
      kind,
      takenAt: now,
      valueUsd: summary.totals.value,
      costBasisUsd: summary.totals.costBasis,
      netFlowUsd: netFlow.toFixed(8),
      holdings: summary.holdings.map((h) => ({ symbol: h.symbol, quantity: h.quantity, priceUsd: h.price ?? "0" })),
    },
  ]);
}

/**
 * Recomputes every day from `fromDay` to yesterday from the transactions and the daily candles, then
 * today's at live prices. Used when transactions are back-dated, edited, deleted or imported.
 */
export async function rebuildPortfolioHistory({ portfolioId, fromDay, now = new Date() }: { portfolioId: string; fromDay: string; now?: Date }): Promise<number> {
  const ledger = await loadLedgerTransactions(portfolioId);
  const today = toDay(now.getTime());
  const yesterday = toDay(now.getTime() - DAY_MS);
  const first = ledger.length ? toDay(Math.min(...ledger.map((t) => t.executedAt.getTime()))) : today;
  const start = fromDay < first ? first : fromDay;
  const days = Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS));
  const tracked = new Set(listTrackedSymbols().map((s) => s.symbol));
  const closesBySymbol = new Map<string, Map<string, string>>();
  for (const symbol of new Set(ledger.map((t) => t.symbol))) {
    if (!tracked.has(`${symbol}-USDT`)) continue;
    const candles = await getCandles({ symbol: `${symbol}-USDT`, timeframe: "1d", limit: Math.min(1000, days + 2) }).catch(() => []);
    closesBySymbol.set(symbol, new Map(candles.map((c) => [toDay(c.time), String(c.close)])));
  }
  const stable = new Set(["USD", "USDT", "USDC", "FDUSD", "BUSD", "DAI", "TUSD"]);
  const past =
    start <= yesterday
      ? computeDailySnapshots({
          transactions: ledger,
          fromDay: start,
          toDay: yesterday,
          closes: (symbol, day) => (stable.has(symbol) ? "1" : (closesBySymbol.get(symbol)?.get(day) ?? null)),
        })
      : [];
  await db.transaction(async (tx) => {
    // Days before the first transaction hold nothing: drop stale rows there.
    await tx.delete(portfolioSnapshots).where(and(eq(portfolioSnapshots.portfolioId, portfolioId), sql`${portfolioSnapshots.day} < ${first}`));
  });
  await upsertSnapshots(
    portfolioId,
    past.map((s) => ({ ...s, kind: "rebuilt" as const, takenAt: new Date(Date.parse(`${s.day}T23:59:59Z`)) })),
  );
  await snapshotPortfolio({ portfolioId, kind: "change", now });
  return past.length + 1;
}

/** After a write: rebuild from the earliest day it touched, or just refresh today. Never fails the write. */
export async function refreshHistoryAfterChange({ portfolioId, affectedFrom }: { portfolioId: string; affectedFrom: Date }): Promise<void> {
  try {
    const day = toDay(affectedFrom.getTime());
    if (day < toDay(Date.now())) await rebuildPortfolioHistory({ portfolioId, fromDay: day });
    else await snapshotPortfolio({ portfolioId, kind: "change" });
  } catch (error) {
    logger.error({ err: error, portfolioId }, "could not refresh portfolio history");
  }
}

/** The daily job: a snapshot of every portfolio. */
export async function snapshotAllPortfolios(now = new Date()): Promise<{ snapshots: number; failed: number }> {
  const rows = await db.select({ id: portfolios.id }).from(portfolios).where(eq(portfolios.isArchived, false));
  let failed = 0;
  for (const { id } of rows) {
    try {
      await snapshotPortfolio({ portfolioId: id, kind: "daily", now });
    } catch (error) {
      failed++;
      logger.warn({ err: error, portfolioId: id }, "daily snapshot failed");
    }
  }
  return { snapshots: rows.length - failed, failed };
}
