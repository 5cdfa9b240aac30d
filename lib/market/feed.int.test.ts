import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { candles } from "@/db/schema";
import { createDemoExchange } from "@/lib/exchanges/demo";
import { getBus } from "@/lib/realtime/bus";
import { readCachedTickers } from "./cache";
import { CHANNELS, type TickerBatch } from "./events";
import { createIngester, getIngesterStatus, startMarketFeed, stopMarketFeed } from "./feed";
import { getTickers } from "./quotes";

const until = async (check: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

// Resolves once the subscription delivers (a Redis subscription becomes active asynchronously).
async function collect(exchange: string) {
  const batches: TickerBatch[] = [];
  let isReady = false;
  const unsubscribe = getBus().subscribe(CHANNELS.tickers, (message) => {
    const batch = message as TickerBatch;
    if (batch.exchange === `${exchange}:probe`) isReady = true;
    else if (batch.exchange === exchange) batches.push(batch);
  });
  await until(async () => {
    await getBus().publish(CHANNELS.tickers, { exchange: `${exchange}:probe`, sequence: 0, publishedAt: 0, tickers: [] });
    return isReady;
  });
  return { batches, unsubscribe };
}

describe("ingester", () => {
  test("a tick publishes one batch of the changed tickers, warms the cache, and candles reach the table in batches", async () => {
    const exchange = `feed-${randomUUID().slice(0, 8)}`;
    const clock = { now: Date.UTC(2025, 3, 7, 9, 30, 50) };
    const client = createDemoExchange({ now: () => clock.now });
    const ingester = createIngester({ exchange, client, symbols: ["BTC/USDT", "ETH/USDT"], tickMs: 1_000, backfill: false, now: () => clock.now });
    const { batches, unsubscribe } = await collect(exchange);
    try {
      const first = await ingester.tick();
      expect(first).toMatchObject({ exchange, publishedAt: clock.now });
      expect(first!.sequence).toBeGreaterThanOrEqual(clock.now);
      expect(first!.tickers.map((t) => t.symbol).sort()).toEqual(["BTC-USDT", "ETH-USDT"]);
      await until(() => batches.length === 1);
      expect(ingester.lastTickAt).toBe(clock.now);
      const cached = await readCachedTickers(exchange, ["BTC-USDT", "ETH-USDT"], clock.now);
      expect(cached.get("BTC-USDT")?.last).toBe(first!.tickers.find((t) => t.symbol === "BTC-USDT")!.last);

      // Same instant, same quotes: nothing to publish.
      expect(await ingester.tick()).toBeNull();
      expect(await db.select().from(candles).where(eq(candles.exchange, exchange))).toEqual([]);

      const prices: number[] = [first!.tickers.find((t) => t.symbol === "BTC-USDT")!.last];
      let lastSequence = first!.sequence;
      for (let i = 0; i < 10; i++) {
        clock.now += 1_000;
        const batch = await ingester.tick();
        if (batch) {
          expect(batch.sequence).toBeGreaterThan(lastSequence);
          lastSequence = batch.sequence;
        }
        prices.push((await client.fetchTicker("BTC/USDT")).last);
      }
      // The minute 09:30 closed at 09:31:00 (tick 10); 09:31 is forming.
      expect(await ingester.flush()).toBe(4);
      const rows = await db
        .select()
        .from(candles)
        .where(and(eq(candles.exchange, exchange), eq(candles.symbol, "BTC/USDT")))
        .orderBy(asc(candles.openTime));
      expect(rows.map((row) => row.openTime.getTime())).toEqual([Date.UTC(2025, 3, 7, 9, 30), Date.UTC(2025, 3, 7, 9, 31)]);
      const closedMinute = prices.slice(0, 10);
      expect(Number(rows[0]!.open)).toBe(closedMinute[0]);
      expect(Number(rows[0]!.high)).toBe(Math.max(...closedMinute));
      expect(Number(rows[0]!.low)).toBe(Math.min(...closedMinute));
      expect(Number(rows[0]!.close)).toBe(closedMinute.at(-1));
      expect(Number(rows[1]!.open)).toBe(prices[10]);
      expect(await ingester.flush()).toBe(2);
    } finally {
      unsubscribe();
      await ingester.stop();
    }
  });

  test("demo backfill inserts the last 24 h of 1m candles once, in one statement per symbol", async () => {
    const exchange = `backfill-${randomUUID().slice(0, 8)}`;
    const now = Date.UTC(2025, 3, 8, 12, 0, 30);
    const client = createDemoExchange({ now: () => now });
    const ingester = createIngester({ exchange, client, symbols: ["SOL/USDT"], tickMs: 1_000, now: () => now });
    expect(await ingester.backfill()).toBe(24 * 60 + 1);
    expect(await ingester.backfill()).toBe(0);
    const stored = await db.select({ openTime: candles.openTime, close: candles.close }).from(candles).where(eq(candles.exchange, exchange)).orderBy(asc(candles.openTime));
    expect(stored[0]!.openTime.getTime()).toBe(Date.UTC(2025, 3, 7, 12, 0));
    expect(stored.at(-1)!.openTime.getTime()).toBe(Date.UTC(2025, 3, 8, 12, 0));
    const reference = await client.fetchOHLCV("SOL/USDT", "1m", Date.UTC(2025, 3, 7, 12, 0), 1);
    expect(Number(stored[0]!.close)).toBe(reference[0]!.close);
  });
});

describe("startMarketFeed", () => {
  afterAll(() => stopMarketFeed());

  test("takes the lease, ticks, serves the cache, and stops cleanly", async () => {
    expect(getIngesterStatus().isIngester).toBe(false);
    await startMarketFeed({ ingest: true, leaseTtlMs: 2_000, renewMs: 200 });
    await until(() => getIngesterStatus().isIngester && getIngesterStatus().lastTickAt !== null, 20_000);
    const status = getIngesterStatus();
    expect(status).toMatchObject({ isIngester: true, exchange: "demo" });
    expect(status.symbols).toContain("BTC-USDT");
    expect(status.symbols).toHaveLength(26);
    const cached = await readCachedTickers("demo", ["BTC-USDT"]);
    expect(cached.get("BTC-USDT")?.exchange).toBe("demo");
    expect((await getTickers()).length).toBe(26);
    await stopMarketFeed();
    expect(getIngesterStatus()).toMatchObject({ isIngester: false, lastTickAt: null });
  }, 60_000);
});
