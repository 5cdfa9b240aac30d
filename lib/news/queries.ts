import "server-only";
import { and, arrayContains, count, desc, eq, lt, notInArray, or, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { newsItems } from "@/db/schema";
import { computePagination } from "@/lib/api/pagination";
import type { Pagination } from "@/lib/api/respond";
import type { NewsDraft } from "./normalize";
import type { ListNewsQuery, NewsView } from "./schemas";

// News items are market-wide (no owner): every signed-in user reads the same list.

const columns = {
  id: newsItems.id,
  source: newsItems.source,
  title: newsItems.title,
  summary: newsItems.summary,
  url: newsItems.url,
  publishedAt: newsItems.publishedAt,
  symbols: newsItems.symbols,
  isSample: newsItems.isSample,
};

type Row = { id: string; source: string; title: string; summary: string | null; url: string; publishedAt: Date; symbols: string[]; isSample: boolean };

const toView = (row: Row): NewsView => ({ ...row, publishedAt: row.publishedAt.toISOString() });

/** Newest first; `symbol` ("BTC-USDT") keeps the items that mention it. */
export async function listNews({ page, limit, symbol }: ListNewsQuery): Promise<{ items: NewsView[]; pagination: Pagination }> {
  const where: SQL | undefined = symbol ? arrayContains(newsItems.symbols, [symbol]) : undefined;
  const [rows, [total]] = await Promise.all([
    db.select(columns).from(newsItems).where(where).orderBy(desc(newsItems.publishedAt), desc(newsItems.id)).limit(limit).offset((page - 1) * limit),
    db.select({ value: count() }).from(newsItems).where(where),
  ]);
  return { items: rows.map(toView), pagination: computePagination(page, limit, total?.value ?? 0) };
}

/** Stores new items; an item whose dedupe key is already stored is left as it is. Returns how many were new. */
export async function insertNewsItems(drafts: readonly NewsDraft[]): Promise<number> {
  if (drafts.length === 0) return 0;
  const inserted = await db.insert(newsItems).values([...drafts]).onConflictDoNothing({ target: newsItems.dedupeKey }).returning({ id: newsItems.id });
  return inserted.length;
}

export async function deleteSampleNews(): Promise<number> {
  const deleted = await db.delete(newsItems).where(eq(newsItems.isSample, true)).returning({ id: newsItems.id });
  return deleted.length;
}

export async function countSampleNews(): Promise<number> {
  const [row] = await db.select({ value: count() }).from(newsItems).where(eq(newsItems.isSample, true));
  return row?.value ?? 0;
}

/** Keeps the newest `maxItems` items published after `cutoff`; returns how many were deleted. */
export async function pruneNews({ maxItems, cutoff }: { maxItems: number; cutoff: Date }): Promise<number> {
  const newest = db.select({ id: newsItems.id }).from(newsItems).orderBy(desc(newsItems.publishedAt), desc(newsItems.id)).limit(maxItems);
  const deleted = await db
    .delete(newsItems)
    .where(and(eq(newsItems.isSample, false), or(lt(newsItems.publishedAt, cutoff), notInArray(newsItems.id, newest))))
    .returning({ id: newsItems.id });
  return deleted.length;
}
