import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { candles } from "@/db/schema";
import { createDemoExchange } from "@/lib/exchanges/demo";
import { aggregateBars, type Bar } from "./candle-builder";
import { countMinuteCandles, insertMissingMinuteCandles, readAggregatedCandles, readHourlyCloses, upsertMinuteCandles } from "./candle-store";
import { getCandles, getSparklines } from "./candles";

const M = 60_000;
const H = 3_600_000;
const exchangeName = () => `test-${randomUUID().slice(0, 8)}`;

// 150 minutes from 10:00 UTC with prices that make every aggregate distinct.
const T0 = Date.UTC(2025, 5, 2, 10, 0, 0);
const bars: Bar[] = Array.from({ length: 150 }, (_, i) => {
  const base = 100 + ((i * 37) % 23) + i / 10;
  return { time: T0 + i * M, open: base, high: base + 1 + (i % 7) / 10, low: base - 1 - (i % 5) / 10, close: base + 0.25, volume: 0.5 + (i % 3) };
});
const asMinute = (symbol: string) => (bar: Bar) => ({ symbol, openTime: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume });

const round = (list: (Bar & { count?: number })[]) =>
  list.map((bar) => ({ ...bar, open: +bar.open.toFixed(8), high: +bar.high.toFixed(8), low: +bar.low.toFixed(8), close: +bar.close.toFixed(8), volume: +bar.volume.toFixed(8) }));

describe("candle storage", () => {
  test("upsert merges a partial minute: open kept, extremes widened, newer close, larger volume", async () => {
    const exchange = exchangeName();
    const row = { symbol: "BTC/USDT", openTime: T0, open: 100, high: 105, low: 99, close: 104, volume: 3 };
    await upsertMinuteCandles(exchange, [row]);
    await upsertMinuteCandles(exchange, [{ ...row, open: 103, high: 104, low: 95, close: 96, volume: 1 }]);
    const [stored] = await db.select().from(candles).where(eq(candles.exchange, exchange));
    expect({ open: Number(stored!.open), high: Number(stored!.high), low: Number(stored!.low), close: Number(stored!.close), volume: Number(stored!.volume) }).toEqual({ open: 100, high: 105, low: 95, close: 96, volume: 3 });
    expect(stored!.timeframe).toBe("1m");
  });

  test("decimals are stored without float noise", async () => {
    const exchange = exchangeName();
    await upsertMinuteCandles(exchange, [{ symbol: "PEPE/USDT", openTime: T0, open: 0.1 + 0.2, high: 0.00000075, low: 1.2e-8, close: 0.3, volume: 1e21 }]);
    const [stored] = await db.select().from(candles).where(eq(candles.exchange, exchange));
    expect([stored!.open, stored!.high, stored!.low, stored!.volume]).toEqual(["0.3", "0.00000075", "0.000000012", "1000000000000000000000"]);
  });

  test("insertMissing leaves stored rows alone and counts per symbol", async () => {
    const exchange = exchangeName();
    await upsertMinuteCandles(exchange, [asMinute("ETH/USDT")({ ...bars[0]!, close: 1 })]);
    const fromExchange = bars.slice(0, 10).map((bar) => ({ timestamp: bar.time, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume }));
    expect(await insertMissingMinuteCandles(exchange, "ETH/USDT", fromExchange)).toBe(9);
    expect(await insertMissingMinuteCandles(exchange, "ETH/USDT", fromExchange)).toBe(0);
    const first = await db
      .select({ close: candles.close })
      .from(candles)
      .where(and(eq(candles.exchange, exchange), eq(candles.openTime, new Date(T0))));
    expect(first[0]!.close).toBe("1");
    expect(await countMinuteCandles(exchange, T0 + 5 * M)).toEqual(new Map([["ETH/USDT", 5]]));
  });

  test.each([
    ["1m", M],
    ["5m", 5 * M],
    ["15m", 15 * M],
    ["1h", H],
  ])("SQL aggregation to %s matches the reference", async (_name, bucketMs) => {
    const exchange = exchangeName();
    await upsertMinuteCandles(exchange, bars.map(asMinute("SOL/USDT")));
    const got = await readAggregatedCandles({ exchange, symbol: "SOL/USDT", bucketMs, fromMs: T0, toMs: T0 + 150 * M });
    expect(round(got)).toEqual(round(aggregateBars(bars, bucketMs)));
  });

  test("aggregation by hand: 5m and 1h buckets of a known series, range bounds respected", async () => {
    const exchange = exchangeName();
    const series = [10, 12, 9, 11, 15, 14, 13].map((close, i) => ({ time: T0 + 58 * M + i * M, open: close - 1, high: close + 2, low: close - 3, close, volume: i + 1 }));
    await upsertMinuteCandles(exchange, series.map(asMinute("XRP/USDT")));
    const fiveMinutes = await readAggregatedCandles({ exchange, symbol: "XRP/USDT", bucketMs: 5 * M, fromMs: T0, toMs: T0 + 2 * H });
    expect(fiveMinutes).toEqual([
      { time: T0 + 55 * M, open: 9, high: 14, low: 7, close: 12, volume: 3, count: 2 },
      { time: T0 + 60 * M, open: 8, high: 17, low: 6, close: 13, volume: 25, count: 5 },
    ]);
    const hours = await readAggregatedCandles({ exchange, symbol: "XRP/USDT", bucketMs: H, fromMs: T0, toMs: T0 + 2 * H });
    expect(hours).toEqual([
      { time: T0, open: 9, high: 14, low: 7, close: 12, volume: 3, count: 2 },
      { time: T0 + H, open: 8, high: 17, low: 6, close: 13, volume: 25, count: 5 },
    ]);
    const bounded = await readAggregatedCandles({ exchange, symbol: "XRP/USDT", bucketMs: H, fromMs: T0 + H, toMs: T0 + H + 2 * M });
    expect(bounded).toEqual([{ time: T0 + H, open: 8, high: 13, low: 6, close: 11, volume: 7, count: 2 }]);
  });

  test("hourly closes for several symbols in one query", async () => {
    const exchange = exchangeName();
    await upsertMinuteCandles(exchange, [...bars.map(asMinute("A/USDT")), ...bars.slice(0, 61).map(asMinute("B/USDT"))]);
    const closes = await readHourlyCloses({ exchange, symbols: ["A/USDT", "B/USDT", "C/USDT"], fromMs: T0, toMs: T0 + 3 * H });
    expect(closes.get("A/USDT")).toEqual([
      { time: T0, close: bars[59]!.close },
      { time: T0 + H, close: bars[119]!.close },
      { time: T0 + 2 * H, close: bars[149]!.close },
    ]);
    expect(closes.get("B/USDT")?.map((point) => point.close)).toEqual([bars[59]!.close, bars[60]!.close]);
    expect(closes.has("C/USDT")).toBe(false);
    const firstHour = await readHourlyCloses({ exchange, symbols: ["A/USDT"], fromMs: T0, toMs: T0 + H });
    expect(firstHour.get("A/USDT")).toEqual([{ time: T0, close: bars[59]!.close }]);
  });
});

describe("getCandles", () => {
  // A quiet past day of the demo exchange, so the rows of this test cannot meet the live feed's.
  const NOW = Date.UTC(2024, 2, 3, 14, 7, 30);
  const demo = createDemoExchange({ now: () => NOW });

  test("answers from stored 1m rows where they are complete and from the exchange elsewhere", async () => {
    const stored = [...(await demo.fetchOHLCV("LINK/USDT", "1m", Math.floor(NOW / M) * M - 30 * M, 31))];
    // Make the stored rows recognisable: the DB must win over the exchange for complete buckets.
    const marked = stored.map((bar) => ({ symbol: "LINK/USDT", openTime: bar.timestamp, open: bar.open, high: bar.high + 1000, low: bar.low, close: bar.close, volume: bar.volume }));
    await db.delete(candles).where(and(eq(candles.exchange, "demo"), eq(candles.symbol, "LINK/USDT")));
    await upsertMinuteCandles("demo", marked);

    const minutes = await getCandles({ symbol: "LINK-USDT", timeframe: "1m", limit: 40, now: NOW });
    expect(minutes).toHaveLength(40);
    expect(minutes.at(-1)!.time).toBe(Math.floor(NOW / M) * M);
    expect(minutes.slice(-31).every((bar) => bar.high > 1000)).toBe(true);
    expect(minutes.slice(0, 9).every((bar) => bar.high < 1000)).toBe(true);
    for (let i = 1; i < minutes.length; i++) expect(minutes[i]!.time - minutes[i - 1]!.time).toBe(M);

    const fives = await getCandles({ symbol: "LINK-USDT", timeframe: "5m", limit: 8, now: NOW });
    expect(fives.map((bar) => bar.time)).toEqual(Array.from({ length: 8 }, (_, i) => Math.floor(NOW / (5 * M)) * 5 * M - (7 - i) * 5 * M));
    // Stored rows cover 13:37–14:07: the buckets 13:40 … 14:00 and the forming 14:05 are complete and
    // come from them; 13:30 and 13:35 (partly or not stored) come from the exchange.
    expect(fives.slice(-6).every((bar) => bar.high > 1000)).toBe(true);
    expect(fives.slice(0, 2).every((bar) => bar.high < 1000)).toBe(true);
    const hours = await getCandles({ symbol: "LINK-USDT", timeframe: "1h", limit: 3, now: NOW });
    expect(hours).toHaveLength(3);
    expect(hours.map((bar) => bar.high > 1000)).toEqual([false, false, true]);
  });

  test("unknown symbols are NOT_FOUND; sparklines give hourly closes", async () => {
    await expect(getCandles({ symbol: "NOPE-USDT", timeframe: "1h", limit: 5 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const lines = await getSparklines({ symbols: ["BTC-USDT", "ETH-USDT"], hours: 6, now: NOW });
    expect(Object.keys(lines).sort()).toEqual(["BTC-USDT", "ETH-USDT"]);
    expect(lines["BTC-USDT"]).toHaveLength(6);
    const reference = await demo.fetchOHLCV("BTC/USDT", "1h", undefined, 6);
    // The hour still forming at NOW closes later on the exchange's real clock; the others are settled.
    expect(lines["BTC-USDT"]!.slice(0, 5)).toEqual(reference.slice(0, 5).map((bar) => bar.close));
  });
});
