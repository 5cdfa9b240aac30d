import "server-only";
import { createExchangeClient } from "@/lib/exchanges/client";
import { DEMO_ASSETS, QUOTE_CURRENCY } from "@/lib/exchanges/demo";
import { isExchangeError } from "@/lib/exchanges/errors";
import { exchangeIdSchema, type ExchangeId } from "@/lib/exchanges/registry";
import { fromPathSymbol, type ExchangeClient } from "@/lib/exchanges/types";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { timeExchangeCall } from "@/lib/metrics";

// The exchange and symbols this installation tracks (MARKET_EXCHANGE, MARKET_SYMBOLS), and the one
// market-data client per process that read paths fall back to when the cache is cold.

const DEMO_SYMBOLS: readonly string[] = DEMO_ASSETS.map((asset) => `${asset.base}/${QUOTE_CURRENCY}`);

/** The tracked exchange id; throws when MARKET_EXCHANGE names an exchange the app cannot talk to. */
export function getMarketExchangeId(): ExchangeId {
  const parsed = exchangeIdSchema.safeParse(env.marketExchange);
  if (!parsed.success) {
    throw new AppError("UPSTREAM_UNAVAILABLE", `MARKET_EXCHANGE "${env.marketExchange}" is not a supported exchange.`);
  }
  return parsed.data;
}

/** Unified symbols ("BTC/USDT") in configuration order: MARKET_SYMBOLS, else every demo market. */
export function listTrackedUnifiedSymbols(): string[] {
  return [...(env.marketSymbols ?? DEMO_SYMBOLS)];
}

/** "BTC-USDT", "btc-usdt" or "BTC/USDT" → "BTC/USDT" if tracked; NOT_FOUND otherwise. */
export function requireTrackedSymbol(symbol: string): string {
  let unified: string | undefined;
  try {
    unified = fromPathSymbol(symbol.replace("/", "-"));
  } catch {
    unified = undefined;
  }
  if (!unified || !listTrackedUnifiedSymbols().includes(unified)) {
    throw new AppError("NOT_FOUND", `Unknown symbol ${symbol.slice(0, 41)}: it is not tracked on ${env.marketExchange}.`);
  }
  return unified;
}

/** NOT_FOUND unless `exchange` is the tracked one (undefined means the tracked one). */
export function requireTrackedExchange(exchange: string | undefined): void {
  if (exchange !== undefined && exchange.toLowerCase() !== env.marketExchange.toLowerCase()) {
    throw new AppError("NOT_FOUND", `Exchange ${exchange.slice(0, 40)} is not tracked; this server tracks ${env.marketExchange}.`);
  }
}

const globalForClient = globalThis as unknown as { __tradepulseMarketClient?: ExchangeClient };

/** The process's public market-data client for the tracked exchange (no credentials). */
export function getMarketClient(): ExchangeClient {
  globalForClient.__tradepulseMarketClient ??= createExchangeClient({ exchange: getMarketExchangeId() });
  return globalForClient.__tradepulseMarketClient;
}

/** Runs an exchange call; typed exchange failures become the AppError of their code (404, 502, 504). */
export async function callExchange<T>(run: (client: ExchangeClient) => Promise<T>): Promise<T> {
  try {
    return await timeExchangeCall(getMarketExchangeId(), () => run(getMarketClient()), (error) => (isExchangeError(error) ? error.code : "UNKNOWN"));
  } catch (error) {
    if (isExchangeError(error)) throw error.toAppError();
    throw error;
  }
}
