import "server-only";
import { getBus } from "@/lib/realtime/bus";
import { logger } from "@/lib/logger";
import { countCacheLookups } from "@/lib/metrics";
import { getRedis } from "@/lib/redis";
import { CHANNELS, type TickerBatch, type TickerEvent } from "./events";

// Latest ticker per symbol. Process memory answers first (entries count for MEMORY_TTL_MS); behind it,
// with Redis, one hash per exchange (field = path symbol) that the ingester writes every tick, so
// instances that do not ingest answer from it. Every instance also applies the bus batches to its
// memory. State lives on globalThis: Next bundles instrumentation and routes separately.

export const MEMORY_TTL_MS = 5_000;
export const REDIS_TTL_MS = 60_000;

type Entry = { ticker: TickerEvent; storedAt: number };
type StoredEntry = { at: number; ticker: TickerEvent };

type CacheState = {
  entries: Map<string, Entry>;
  lastSequence: Map<string, number>;
  unsubscribe: (() => void) | undefined;
};

const globalForCache = globalThis as unknown as { __tradepulseTickerCache?: CacheState };
const state: CacheState = (globalForCache.__tradepulseTickerCache ??= { entries: new Map(), lastSequence: new Map(), unsubscribe: undefined });

const entryKey = (exchange: string, symbol: string) => `${exchange}|${symbol}`;
const redisKey = (exchange: string) => `market:tickers:${exchange}`;

/** Puts tickers into this process's memory only. */
export function rememberTickers(tickers: readonly TickerEvent[], now = Date.now()): void {
  for (const ticker of tickers) state.entries.set(entryKey(ticker.exchange, ticker.symbol), { ticker, storedAt: now });
}

/** Applies a bus batch; batches older than the last one applied for the exchange are dropped. */
export function applyTickerBatch(batch: TickerBatch, now = Date.now()): boolean {
  const last = state.lastSequence.get(batch.exchange) ?? -Infinity;
  if (batch.sequence <= last) return false;
  state.lastSequence.set(batch.exchange, batch.sequence);
  rememberTickers(batch.tickers, now);
  return true;
}

/** Memory, and Redis when configured (one pipeline: HSET of the changed fields and the hash TTL). */
export async function storeTickers(exchange: string, tickers: readonly TickerEvent[], now = Date.now()): Promise<void> {
  rememberTickers(tickers, now);
  const redis = getRedis();
  if (!redis || tickers.length === 0) return;
  const fields: Record<string, string> = {};
  for (const ticker of tickers) fields[ticker.symbol] = JSON.stringify({ at: now, ticker } satisfies StoredEntry);
  await redis.multi().hset(redisKey(exchange), fields).pexpire(redisKey(exchange), REDIS_TTL_MS).exec();
}

/** Fresh cached tickers of `symbols` (path form) keyed by symbol; missing ones are simply absent. */
export async function readCachedTickers(exchange: string, symbols: readonly string[], now = Date.now()): Promise<Map<string, TickerEvent>> {
  const found = new Map<string, TickerEvent>();
  const missing: string[] = [];
  for (const symbol of symbols) {
    const entry = state.entries.get(entryKey(exchange, symbol));
    if (entry && now - entry.storedAt <= MEMORY_TTL_MS) found.set(symbol, entry.ticker);
    else missing.push(symbol);
  }
  const redis = getRedis();
  if (!redis || missing.length === 0) {
    countCacheLookups("tickers", found.size, missing.length);
    return found;
  }
  let values: (string | null)[];
  try {
    values = await redis.hmget(redisKey(exchange), ...missing);
  } catch (error) {
    logger.warn({ err: error }, "market cache: Redis read failed");
    countCacheLookups("tickers", found.size, missing.length);
    return found;
  }
  missing.forEach((symbol, index) => {
    const stored = parseStored(values[index]);
    if (!stored || now - stored.at > REDIS_TTL_MS || stored.ticker.symbol !== symbol) return;
    found.set(symbol, stored.ticker);
    // Dated by its Redis write, so memory serves it only while it is under MEMORY_TTL_MS old.
    state.entries.set(entryKey(exchange, symbol), { ticker: stored.ticker, storedAt: stored.at });
  });
  countCacheLookups("tickers", found.size, symbols.length - found.size);
  return found;
}

function parseStored(value: string | null | undefined): StoredEntry | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<StoredEntry>;
    return typeof parsed.at === "number" && parsed.ticker && typeof parsed.ticker.symbol === "string" ? (parsed as StoredEntry) : null;
  } catch {
    return null;
  }
}

function isTickerBatch(message: unknown): message is TickerBatch {
  const batch = message as Partial<TickerBatch> | null;
  return typeof batch === "object" && batch !== null && typeof batch.exchange === "string" && typeof batch.sequence === "number" && Array.isArray(batch.tickers);
}

/** Subscribes this process's memory cache to CHANNELS.tickers (once per process). */
export function subscribeTickerCache(): void {
  if (state.unsubscribe) return;
  state.unsubscribe = getBus().subscribe(CHANNELS.tickers, (message) => {
    if (isTickerBatch(message)) applyTickerBatch(message);
  });
}

export function unsubscribeTickerCache(): void {
  state.unsubscribe?.();
  state.unsubscribe = undefined;
}

/** Empties this process's memory (tests). */
export function clearTickerMemory(): void {
  state.entries.clear();
  state.lastSequence.clear();
}
