import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, test } from "vitest";
import { env } from "@/lib/env";
import { getBus } from "@/lib/realtime/bus";
import { applyTickerBatch, clearTickerMemory, MEMORY_TTL_MS, readCachedTickers, REDIS_TTL_MS, storeTickers, subscribeTickerCache, unsubscribeTickerCache } from "./cache";
import { CHANNELS, type TickerEvent } from "./events";

const ticker = (exchange: string, symbol: string, last: number): TickerEvent => ({
  exchange,
  symbol,
  last,
  bid: last - 1,
  ask: last + 1,
  open24h: null,
  high24h: null,
  low24h: null,
  change24hPct: null,
  volume24h: null,
  quoteVolume24h: null,
  timestamp: Date.now(),
});

afterAll(() => unsubscribeTickerCache());

describe("ticker cache", () => {
  test("memory answers for MEMORY_TTL_MS; with Redis, an instance with a cold memory answers from the hash", async () => {
    const exchange = `cache-${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    await storeTickers(exchange, [ticker(exchange, "BTC-USDT", 100), ticker(exchange, "ETH-USDT", 10)], now);
    expect([...(await readCachedTickers(exchange, ["BTC-USDT", "SOL-USDT"], now + 1_000)).keys()]).toEqual(["BTC-USDT"]);

    clearTickerMemory();
    const fromRedis = await readCachedTickers(exchange, ["BTC-USDT", "ETH-USDT"], now + 1_000);
    if (env.redisUrl) {
      expect(fromRedis.get("ETH-USDT")?.last).toBe(10);
      const raw = new Redis(env.redisUrl, { maxRetriesPerRequest: 1 });
      const ttl = await raw.pttl(`${env.redisKeyPrefix}market:tickers:${exchange}`);
      await raw.quit();
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(REDIS_TTL_MS);
      // Older than the Redis freshness bound: not served.
      expect((await readCachedTickers(exchange, ["BTC-USDT"], now + REDIS_TTL_MS + 1)).size).toBe(0);
    } else {
      expect(fromRedis.size).toBe(0);
    }
    await storeTickers(exchange, [ticker(exchange, "BTC-USDT", 100)], now);
    clearTickerMemory();
    await storeTickers(exchange, [ticker(exchange, "SOL-USDT", 1)], now);
    expect((await readCachedTickers(exchange, ["SOL-USDT"], now + MEMORY_TTL_MS + 1)).size).toBe(env.redisUrl ? 1 : 0);
  });

  test("every instance applies the bus batches to its memory and drops stale ones", async () => {
    const exchange = `bus-${randomUUID().slice(0, 8)}`;
    subscribeTickerCache();
    // A Redis subscription becomes active asynchronously: publish until the first copy arrives.
    const started = Date.now();
    while ((await readCachedTickers(exchange, ["BTC-USDT"])).size === 0) {
      if (Date.now() - started > 5_000) throw new Error("the batch never arrived");
      await getBus().publish(CHANNELS.tickers, { exchange, sequence: 10, publishedAt: Date.now(), tickers: [ticker(exchange, "BTC-USDT", 1)] });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await readCachedTickers(exchange, ["BTC-USDT"])).get("BTC-USDT")?.last).toBe(1);
    expect(applyTickerBatch({ exchange, sequence: 9, publishedAt: Date.now(), tickers: [ticker(exchange, "BTC-USDT", 2)] })).toBe(false);
    expect(applyTickerBatch({ exchange, sequence: 11, publishedAt: Date.now(), tickers: [ticker(exchange, "BTC-USDT", 3)] })).toBe(true);
    expect((await readCachedTickers(exchange, ["BTC-USDT"])).get("BTC-USDT")?.last).toBe(3);
  });
});
