import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { db, queryRows } from "@/db/client";
import { candles } from "@/db/schema";
import { toDecimalString } from "@/lib/exchanges/ccxt/convert";
import type { Candle } from "@/lib/exchanges/types";
import type { Bar, MinuteCandle } from "./candle-builder";

// The `candles` table for the market feed. Only 1m rows are stored (symbol in unified form,
// "BTC/USDT"); longer timeframes are aggregated from them in SQL. Prices and volumes are numeric.

const MINUTE = "1m";

const toRow = (exchange: string, candle: MinuteCandle) => ({
  exchange,
  symbol: candle.symbol,
  timeframe: MINUTE,
  openTime: new Date(candle.openTime),
  open: toDecimalString(candle.open),
  high: toDecimalString(candle.high),
  low: toDecimalString(candle.low),
  close: toDecimalString(candle.close),
  volume: toDecimalString(candle.volume),
});

/**
 * One multi-row upsert. A row that exists is merged, not replaced: its open stays, the extremes widen,
 * the close is the newer one and the volume the larger one, so a partial minute (an ingester that
 * started or took over mid-minute) never erases what the backfill or the previous ingester wrote.
 */
export async function upsertMinuteCandles(exchange: string, rows: readonly MinuteCandle[]): Promise<number> {
  if (rows.length === 0) return 0;
  await db
    .insert(candles)
    .values(rows.map((row) => toRow(exchange, row)))
    .onConflictDoUpdate({
      target: [candles.exchange, candles.symbol, candles.timeframe, candles.openTime],
      set: {
        high: sql`greatest(${candles.high}, excluded.high)`,
        low: sql`least(${candles.low}, excluded.low)`,
        close: sql`excluded.close`,
        volume: sql`greatest(${candles.volume}, excluded.volume)`,
        updatedAt: sql`now()`,
      },
    });
  return rows.length;
}

/** Inserts exchange bars for one symbol in one statement; bars already stored are left alone. */
export async function insertMissingMinuteCandles(exchange: string, symbol: string, bars: readonly Candle[]): Promise<number> {
  if (bars.length === 0) return 0;
  const inserted = await db
    .insert(candles)
    .values(bars.map((bar) => toRow(exchange, { symbol, openTime: bar.timestamp, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume })))
    .onConflictDoNothing()
    .returning({ openTime: candles.openTime });
  return inserted.length;
}

/** Stored 1m candles per symbol opening at or after `sinceMs`. */
export async function countMinuteCandles(exchange: string, sinceMs: number): Promise<Map<string, number>> {
  const rows = await db
    .select({ symbol: candles.symbol, count: sql<number>`count(*)::int` })
    .from(candles)
    .where(and(eq(candles.exchange, exchange), eq(candles.timeframe, MINUTE), gte(candles.openTime, new Date(sinceMs))))
    .groupBy(candles.symbol);
  return new Map(rows.map((row) => [row.symbol, Number(row.count)]));
}

type AggregateRow = { time: number | string; open: string; high: string; low: string; close: string; volume: string; count: number | string };

/**
 * 1m rows of [fromMs, toMs) grouped into UTC-aligned buckets of `bucketMs` (60 000 returns the rows
 * themselves), oldest first, with the number of 1m rows in each bucket. Bucketing is the floor of the
 * epoch, which PostgreSQL 15 and PGlite agree on (no date_bin origin or time zone involved).
 */
export async function readAggregatedCandles({ exchange, symbol, bucketMs, fromMs, toMs }: { exchange: string; symbol: string; bucketMs: number; fromMs: number; toMs: number }): Promise<(Bar & { count: number })[]> {
  const rows = await queryRows<AggregateRow>(sql`
    select
      (floor(extract(epoch from open_time) * 1000 / ${bucketMs}::bigint) * ${bucketMs}::bigint)::float8 as time,
      (array_agg(open order by open_time))[1] as open,
      max(high) as high,
      min(low) as low,
      (array_agg(close order by open_time desc))[1] as close,
      sum(volume) as volume,
      count(*)::int as count
    from candles
    where exchange = ${exchange} and symbol = ${symbol} and timeframe = ${MINUTE}
      and open_time >= to_timestamp(${fromMs}::float8 / 1000) and open_time < to_timestamp(${toMs}::float8 / 1000)
    group by 1
    order by 1`);
  return rows.map((row) => ({
    time: Number(row.time),
    open: Number(row.open),
    high: Number(row.high),
    low: Number(row.low),
    close: Number(row.close),
    volume: Number(row.volume),
    count: Number(row.count),
  }));
}

/** The close of each full or partial hour in [fromMs, toMs), per symbol, oldest first: one query. */
export async function readHourlyCloses({ exchange, symbols, fromMs, toMs }: { exchange: string; symbols: readonly string[]; fromMs: number; toMs: number }): Promise<Map<string, { time: number; close: number }[]>> {
  const result = new Map<string, { time: number; close: number }[]>();
  if (symbols.length === 0) return result;
  const rows = await queryRows<{ symbol: string; time: number | string; close: string }>(sql`
    select symbol,
      (floor(extract(epoch from open_time) / 3600) * 3600000)::float8 as time,
      (array_agg(close order by open_time desc))[1] as close
    from candles
    where exchange = ${exchange} and timeframe = ${MINUTE}
      and symbol in (${sql.join(symbols.map((symbol) => sql`${symbol}`), sql`, `)})
      and open_time >= to_timestamp(${fromMs}::float8 / 1000) and open_time < to_timestamp(${toMs}::float8 / 1000)
    group by 1, 2
    order by 1, 2`);
  for (const row of rows) {
    const list = result.get(row.symbol) ?? [];
    list.push({ time: Number(row.time), close: Number(row.close) });
    result.set(row.symbol, list);
  }
  return result;
}
