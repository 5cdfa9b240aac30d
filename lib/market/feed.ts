import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { ExchangeClient } from "@/lib/exchanges/types";
import { toPathSymbol } from "@/lib/exchanges/types";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { getBus, type Bus } from "@/lib/realtime/bus";
import { getRedis } from "@/lib/redis";
import { storeTickers, subscribeTickerCache, unsubscribeTickerCache } from "./cache";
import { accumulateTick, createCandleAccumulator, listFormingCandles, minuteOf, MINUTE_MS, type MinuteCandle } from "./candle-builder";
import { countMinuteCandles, insertMissingMinuteCandles, upsertMinuteCandles } from "./candle-store";
import { CHANNELS, type TickerBatch, type TickerEvent } from "./events";
import { getMarketClient, getMarketExchangeId, listTrackedUnifiedSymbols } from "./exchange";
import { createAdvisoryLease, createRedisLease, startLeaseLoop, type Lease, type LeaseLoop } from "./lease";
import { selectTickerSource, type TickerSource } from "./ticker-source";
import { nextSequence, selectChangedTickers, toTickerEvent } from "./ticker-events";

// The market feed. Every instance keeps its ticker cache subscribed to the bus; instances that may
// ingest (MARKET_INGEST) contend for the cluster lease (lease.ts), and the holder runs the ingester:
// one tick every MARKET_TICK_MS fetches the tracked tickers, writes the latest per symbol to the cache,
// publishes one TickerBatch of the changed ones, and folds them into 1m candles that are upserted in
// one statement every few seconds.

export const CANDLE_FLUSH_MS = 5_000;
export const BACKFILL_MINUTES = 24 * 60;

export type IngesterOptions = {
  exchange: string;
  client: ExchangeClient;
  /** Unified symbols ("BTC/USDT"). */
  symbols: readonly string[];
  tickMs: number;
  flushMs?: number;
  /** Insert the last 24 h of 1m candles from the exchange where the table lacks them (demo: default on). */
  backfill?: boolean;
  bus?: Bus;
  now?: () => number;
  source?: TickerSource;
};

export type Ingester = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One tick; returns the published batch, or null when nothing changed. */
  tick(): Promise<TickerBatch | null>;
  /** Upserts finished and forming candles; returns the rows written. */
  flush(): Promise<number>;
  /** Inserts missing 1m candles of the last 24 h; returns the rows inserted. */
  backfill(): Promise<number>;
  readonly lastTickAt: number | null;
  readonly symbols: readonly string[];
};

export function createIngester({ exchange, client, symbols, tickMs, flushMs = CANDLE_FLUSH_MS, backfill: shouldBackfill = exchange === "demo", bus = getBus(), now = Date.now, source }: IngesterOptions): Ingester {
  const log = logger.child({ feed: exchange });
  const tracked = new Set(symbols);
  const tickerSource = source ?? selectTickerSource(client, symbols);
  const accumulator = createCandleAccumulator();
  const finished = new Map<string, MinuteCandle>();
  const lastSent = new Map<string, TickerEvent>();
  let sequence = 0;
  let lastTickAt: number | null = null;
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setInterval> | undefined;
  let running = false;
  let inFlight: Promise<unknown> = Promise.resolve();
  let flushing: Promise<number> | null = null;
  let backfilling: Promise<number> | null = null;
  let isStopping = false;
  let lastErrorAt = 0;

  const warnThrottled = (error: unknown, message: string) => {
    if (now() - lastErrorAt < 30_000) return;
    lastErrorAt = now();
    log.warn({ err: error }, message);
  };

  const tick = async (): Promise<TickerBatch | null> => {
    const tickers = (await tickerSource.next()).filter((ticker) => tracked.has(ticker.symbol));
    const events = tickers.map((ticker) => toTickerEvent(exchange, ticker));
    for (const ticker of tickers) {
      const closed = accumulateTick(accumulator, { symbol: ticker.symbol, price: ticker.last, timestamp: ticker.timestamp, volume24h: ticker.baseVolume });
      if (closed) finished.set(`${closed.symbol}|${closed.openTime}`, closed);
    }
    const at = now();
    lastTickAt = at;
    // Every symbol's latest quote is rewritten, so unchanged ones do not age out of the cache.
    await storeTickers(exchange, events, at);
    const changed = selectChangedTickers(lastSent, events);
    if (changed.length === 0) return null;
    for (const ticker of changed) lastSent.set(ticker.symbol, ticker);
    sequence = nextSequence(sequence, at);
    const batch: TickerBatch = { exchange, sequence, publishedAt: at, tickers: changed };
    await bus.publish(CHANNELS.tickers, batch);
    return batch;
  };

  const flush = (): Promise<number> => {
    // One flush at a time; a caller during a flush waits for it and then writes what is new.
    const run = async (): Promise<number> => {
      const rows = [...finished.values(), ...listFormingCandles(accumulator)];
      finished.clear();
      try {
        return await upsertMinuteCandles(exchange, rows);
      } catch (error) {
        for (const row of rows) {
          const key = `${row.symbol}|${row.openTime}`;
          const current = accumulator.current.get(row.symbol);
          if (!finished.has(key) && current?.openTime !== row.openTime) finished.set(key, row);
        }
        throw error;
      }
    };
    const next = (flushing ?? Promise.resolve(0)).catch(() => 0).then(run);
    flushing = next.finally(() => {
      if (flushing === next) flushing = null;
    });
    return next;
  };

  const backfill = async (): Promise<number> => {
    const since = minuteOf(now()) - BACKFILL_MINUTES * MINUTE_MS;
    const counts = await countMinuteCandles(exchange, since);
    let inserted = 0;
    for (const symbol of symbols) {
      // Shutdown has a deadline (scripts/server.mjs): a stop ends the backfill between symbols.
      if (isStopping) break;
      if ((counts.get(symbol) ?? 0) >= BACKFILL_MINUTES) continue;
      const bars = await client.fetchOHLCV(symbol, "1m", since, BACKFILL_MINUTES + 1);
      inserted += await insertMissingMinuteCandles(exchange, symbol, bars);
    }
    return inserted;
  };

  const scheduleTick = (delayMs: number) => {
    if (!running) return;
    tickTimer = setTimeout(() => {
      const started = now();
      inFlight = tick()
        .catch((error: unknown) => warnThrottled(error, "market feed: tick failed"))
        .finally(() => scheduleTick(Math.max(0, tickMs - (now() - started))));
    }, delayMs);
    tickTimer.unref?.();
  };

  return {
    tick,
    flush,
    backfill,
    get lastTickAt() {
      return lastTickAt;
    },
    symbols,
    start: async () => {
      if (running) return;
      running = true;
      isStopping = false;
      scheduleTick(0);
      flushTimer = setInterval(() => {
        flush().catch((error: unknown) => warnThrottled(error, "market feed: candle flush failed"));
      }, flushMs);
      flushTimer.unref?.();
      if (shouldBackfill) {
        const started = performance.now();
        backfilling = backfill()
          .then((rows) => {
            log.info({ rows, ms: Math.round(performance.now() - started) }, "market feed: 1m candles backfilled");
            return rows;
          })
          .catch((error: unknown) => {
            log.warn({ err: error }, "market feed: backfill failed");
            return 0;
          });
      }
    },
    stop: async () => {
      running = false;
      isStopping = true;
      clearTimeout(tickTimer);
      clearInterval(flushTimer);
      await inFlight;
      await backfilling;
      await flush().catch((error: unknown) => log.warn({ err: error }, "market feed: final candle flush failed"));
      await tickerSource.close();
    },
  };
}

export type IngesterStatus = { isIngester: boolean; exchange: string; symbols: string[]; lastTickAt: number | null };

type FeedState = {
  started: boolean;
  instanceId: string;
  lease: Lease | undefined;
  loop: LeaseLoop | undefined;
  ingester: Ingester | undefined;
  shutdownHooked: boolean;
};

// On globalThis: boot starts the feed from the instrumentation bundle, routes read the status from theirs.
const globalForFeed = globalThis as unknown as { __tradepulseMarketFeed?: FeedState };
const feed: FeedState = (globalForFeed.__tradepulseMarketFeed ??= {
  started: false,
  instanceId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  lease: undefined,
  loop: undefined,
  ingester: undefined,
  shutdownHooked: false,
});

export type StartMarketFeedOptions = {
  /** Contend for the ingester lease; default env.marketIngest. */
  ingest?: boolean;
  /** Lease timings (tests). */
  leaseTtlMs?: number;
  renewMs?: number;
};

/**
 * Subscribes this instance's ticker cache to the bus and, when it may ingest, contends for the
 * lease and runs the ingester while holding it. Idempotent; never throws (failures are logged).
 */
export async function startMarketFeed({ ingest = env.marketIngest, leaseTtlMs, renewMs }: StartMarketFeedOptions = {}): Promise<void> {
  if (feed.started) return;
  feed.started = true;
  hookShutdown();
  try {
    subscribeTickerCache();
  } catch (error) {
    logger.error({ err: error }, "market feed: cache subscription failed");
  }
  try {
    getMarketExchangeId();
  } catch (error) {
    logger.error({ err: error }, "market feed: not ingesting");
    return;
  }
  if (!ingest) {
    logger.info({ exchange: env.marketExchange }, "market feed: serving only (MARKET_INGEST=0)");
    return;
  }
  const redis = getRedis();
  const lease = redis
    ? createRedisLease({ redis, instanceId: feed.instanceId, ...(leaseTtlMs ? { ttlMs: leaseTtlMs } : {}) })
    : createAdvisoryLease({ instanceId: feed.instanceId });
  feed.lease = lease;
  feed.loop = startLeaseLoop({
    lease,
    ...(renewMs ? { renewMs } : {}),
    onAcquire: async () => {
      const ingester = createIngester({ exchange: env.marketExchange, client: getMarketClient(), symbols: await resolveIngestSymbols(), tickMs: env.marketTickMs });
      feed.ingester = ingester;
      await ingester.start();
      logger.info({ exchange: env.marketExchange, symbols: ingester.symbols.length, tickMs: env.marketTickMs }, "market feed: ingesting");
    },
    onLose: async () => {
      const ingester = feed.ingester;
      feed.ingester = undefined;
      await ingester?.stop();
    },
  });
}

/** Stops ingesting (releasing the lease) and unsubscribes the cache. */
export async function stopMarketFeed(): Promise<void> {
  if (!feed.started) return;
  feed.started = false;
  const { loop, lease } = feed;
  feed.loop = undefined;
  feed.lease = undefined;
  await loop?.stop();
  await lease?.close().catch(() => {});
  unsubscribeTickerCache();
}

/** What this instance's feed is doing. Symbols in path form; lastTickAt in ms since epoch. */
export function getIngesterStatus(): IngesterStatus {
  const ingester = feed.ingester;
  const isIngester = Boolean(ingester && feed.loop?.isHolder());
  return {
    isIngester,
    exchange: env.marketExchange,
    symbols: (ingester?.symbols ?? listTrackedUnifiedSymbols()).map(toPathSymbol),
    lastTickAt: ingester?.lastTickAt ?? null,
  };
}

/** The tracked symbols the exchange actually lists (a live exchange may lack some demo markets). */
async function resolveIngestSymbols(): Promise<string[]> {
  const wanted = listTrackedUnifiedSymbols();
  if (env.marketExchange === "demo") return wanted;
  try {
    const listed = new Set((await getMarketClient().loadMarkets()).map((market) => market.symbol));
    const available = wanted.filter((symbol) => listed.has(symbol));
    if (available.length < wanted.length) {
      logger.warn({ missing: wanted.filter((symbol) => !listed.has(symbol)) }, "market feed: the exchange does not list some tracked symbols");
    }
    return available.length > 0 ? available : wanted;
  } catch (error) {
    logger.warn({ err: error }, "market feed: could not load markets; tracking the configured symbols");
    return wanted;
  }
}

// lib/boot.ts sets globalThis.__tradepulseShutdown (close the database and Redis); the feed must stop
// first so its last candle flush and lease release still have their connections.
function hookShutdown(): void {
  if (feed.shutdownHooked) return;
  feed.shutdownHooked = true;
  const holder = globalThis as { __tradepulseShutdown?: () => Promise<void> };
  const previous = holder.__tradepulseShutdown;
  holder.__tradepulseShutdown = async () => {
    await stopMarketFeed().catch((error: unknown) => logger.error({ err: error }, "market feed: stop on shutdown failed"));
    await previous?.();
  };
}
