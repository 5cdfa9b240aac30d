import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { exchangeKeys, portfolioActivities, portfolios, transactions } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { withTimeout } from "./client";
import { ExchangeAuthError, ExchangeTimeoutError, ExchangeUnavailableError } from "./errors";
import { openClientForKey } from "./keys";
import { getSupportedExchange, type ExchangeId } from "./registry";
import { planSync, USD_QUOTES } from "./sync-plan";
import type { ExchangeClient, MyTrade } from "./types";

const SYNC_TIMEOUT_MS = 60_000;

export type SyncResult = {
  portfolioId: string;
  portfolioName: string;
  addedTrades: number;
  addedTransfers: number;
  skippedTrades: { id: string; symbol: string; reason: string }[];
  balances: { asset: string; quantity: string; priceUsd: string | null; valueUsd: string | null }[];
  totalValueUsd: string;
  syncedAt: string;
};

function syncError(error: unknown, exchangeName: string): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ExchangeAuthError) return new AppError("EXCHANGE_AUTH_FAILED", `${exchangeName} rejected the stored key. Test it in Settings › Exchange keys.`);
  if (error instanceof ExchangeTimeoutError) return new AppError("EXCHANGE_TIMEOUT", `${exchangeName} did not answer in time. Try again later.`);
  if (error instanceof ExchangeUnavailableError) return new AppError("EXCHANGE_UNAVAILABLE", `${exchangeName} is not reachable right now. Try again later.`);
  logger.error({ err: error }, "exchange sync failed");
  return new AppError("EXCHANGE_UNAVAILABLE", `Syncing with ${exchangeName} failed.`);
}

/** Every own fill for the assets the account holds or trades against USD stablecoins. */
async function fetchAllMyTrades(client: ExchangeClient, assets: string[]): Promise<MyTrade[]> {
  const markets = await client.loadMarkets();
  const symbols = markets
    .filter((m) => assets.includes(m.base) && USD_QUOTES.has(m.quote))
    .map((m) => m.symbol);
  const trades: MyTrade[] = [];
  for (const symbol of symbols) trades.push(...(await client.fetchMyTrades(symbol, undefined, 1000)));
  return trades;
}

async function fetchPricesUsd(client: ExchangeClient, assets: string[]): Promise<Record<string, string>> {
  const markets = await client.loadMarkets();
  const wanted = new Map<string, string>();
  for (const asset of assets) {
    if (USD_QUOTES.has(asset)) continue;
    const market = markets.find((m) => m.base === asset && (m.quote === "USDT" || m.quote === "USDC" || m.quote === "USD"));
    if (market) wanted.set(market.symbol, asset);
  }
  if (wanted.size === 0) return {};
  const tickers = await client.fetchTickers([...wanted.keys()]);
  const prices: Record<string, string> = {};
  for (const [symbol, asset] of wanted) {
    const last = tickers[symbol]?.last;
    if (typeof last === "number" && Number.isFinite(last)) prices[asset] = String(last);
  }
  return prices;
}

/**
 * Balances and trade history of one key into its portfolio (created on first sync, named after the
 * exchange and label). Idempotent: trades are keyed by the exchange's trade id, and a second sync with
 * nothing new adds nothing. Syncs of one key are serialized.
 */
export async function syncExchangeKey({ userId, keyId, now = new Date() }: { userId: string; keyId: string; now?: Date }): Promise<SyncResult> {
  const { client, key } = await openClientForKey({ userId, keyId });
  const exchangeName = getSupportedExchange(key.exchange as ExchangeId).name;
  let balances: Record<string, string>;
  let trades: MyTrade[];
  let pricesUsd: Record<string, string>;
  try {
    ({ balances, trades, pricesUsd } = await withTimeout(
      (async () => {
        const balance = await client.fetchBalance();
        const total = Object.fromEntries(Object.entries(balance.total).filter(([, quantity]) => Number(quantity) !== 0));
        const assets = Object.keys(total);
        return { balances: total, trades: await fetchAllMyTrades(client, assets), pricesUsd: await fetchPricesUsd(client, assets) };
      })(),
      SYNC_TIMEOUT_MS,
    ));
  } catch (error) {
    if (error instanceof ExchangeAuthError) {
      await db.update(exchangeKeys).set({ status: "invalid", lastCheckedAt: now, lastError: "Rejected by the exchange during sync." }).where(eq(exchangeKeys.id, key.id));
    }
    throw syncError(error, exchangeName);
  } finally {
    await client.close().catch(() => {});
  }

  const name = `${exchangeName} · ${key.label}`;
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`exchange-sync:${key.id}`}))`);
    let [portfolio] = await tx
      .select({ id: portfolios.id, name: portfolios.name })
      .from(portfolios)
      .where(and(eq(portfolios.exchangeKeyId, key.id), eq(portfolios.userId, userId)));
    if (!portfolio) {
      [portfolio] = await tx
        .insert(portfolios)
        .values({ userId, name, kind: "exchange", exchangeKeyId: key.id, description: `Synced from ${exchangeName}${key.isTestnet ? " (testnet)" : ""}.` })
        .returning({ id: portfolios.id, name: portfolios.name });
      await tx.insert(portfolioActivities).values({ portfolioId: portfolio!.id, actorId: userId, action: "portfolio.created", details: { source: "exchange sync", exchange: key.exchange } });
    }
    const portfolioId = portfolio!.id;
    const existing = await tx
      .select({ symbol: transactions.symbol, type: transactions.type, quantity: transactions.quantity, fee: transactions.fee, feeCurrency: transactions.feeCurrency, externalId: transactions.externalId })
      .from(transactions)
      .where(eq(transactions.portfolioId, portfolioId));
    const plan = planSync({ existing, trades, balances, pricesUsd, now });
    let inserted = 0;
    if (plan.transactions.length) {
      const rows = await tx
        .insert(transactions)
        .values(plan.transactions.map((t) => ({ ...t, portfolioId, createdBy: userId, source: "exchange" as const })))
        .onConflictDoNothing()
        .returning({ type: transactions.type });
      inserted = rows.length;
      const addedTrades = rows.filter((r) => r.type === "buy" || r.type === "sell").length;
      await tx.insert(portfolioActivities).values({ portfolioId, actorId: userId, action: "exchange.synced", details: { addedTrades, addedTransfers: inserted - addedTrades } });
    }
    await tx.update(exchangeKeys).set({ lastSyncedAt: now, status: "active", lastError: null }).where(eq(exchangeKeys.id, key.id));
    const addedTrades = plan.transactions.filter((t) => t.type === "buy" || t.type === "sell").length;
    return { portfolioId, portfolioName: portfolio!.name, addedTrades: Math.min(addedTrades, inserted), addedTransfers: Math.max(0, inserted - addedTrades), skippedTrades: plan.skippedTrades };
  });

  let total = 0;
  const valued = Object.entries(balances)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([asset, quantity]) => {
      const price = USD_QUOTES.has(asset) ? "1" : (pricesUsd[asset] ?? null);
      const value = price === null ? null : Number(quantity) * Number(price);
      if (value !== null) total += value;
      return { asset, quantity, priceUsd: price, valueUsd: value === null ? null : value.toFixed(2) };
    });
  return { ...result, balances: valued, totalValueUsd: total.toFixed(2), syncedAt: now.toISOString() };
}

/** For the 15-minute job: every active key, one at a time; a failure is logged and the rest go on. */
export async function syncAllExchangeKeys(): Promise<{ synced: number; failed: number }> {
  const keys = await db.select({ id: exchangeKeys.id, userId: exchangeKeys.userId }).from(exchangeKeys).where(eq(exchangeKeys.status, "active"));
  let synced = 0;
  let failed = 0;
  for (const key of keys) {
    try {
      await syncExchangeKey({ userId: key.userId, keyId: key.id });
      synced++;
    } catch (error) {
      failed++;
      logger.warn({ err: error, exchangeKeyId: key.id }, "scheduled exchange sync failed");
    }
  }
  return { synced, failed };
}
