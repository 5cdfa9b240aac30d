import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { robotConfigs, trades } from "@/db/schema";
import { listExchangeKeys } from "@/lib/exchanges/keys";
import { logger } from "@/lib/logger";
import { getTickers } from "@/lib/market/quotes";
import { fetchLiveBalance, exchangeMessage } from "./live";
import { computeMargin, computeUnrealizedPnl, Dec } from "./math";

// GET /robot/balance: the paper wallets (one per robot, in USDT) with equity at current prices, and
// the balances of the exchange keys that live robots trade with.

export type PaperWallet = {
  configId: string;
  symbol: string;
  isRunning: boolean;
  /** Realized wallet balance. */
  balance: string;
  /** balance + unrealized P&L of the open position. */
  equity: string;
  unrealizedPnl: string;
  marginInUse: string;
  available: string;
  openPosition: { tradeId: string; side: "long" | "short"; quantity: string; entryPrice: string; markPrice: number | null; takeProfit: string | null; stopLoss: string | null; leverage: number } | null;
};

export type LiveAccount = {
  exchangeKeyId: string;
  exchange: string;
  label: string;
  testnet: boolean;
  symbols: string[];
  balances: { currency: string; free: string; used: string; total: string }[] | null;
  error: string | null;
};

export type RobotBalance = { currency: "USDT"; paper: PaperWallet[]; paperTotals: { balance: string; equity: string; unrealizedPnl: string }; live: LiveAccount[] };

const money = (value: InstanceType<typeof Dec>) => value.toDecimalPlaces(8).toFixed();

export async function getRobotBalance({ userId }: { userId: string }): Promise<RobotBalance> {
  const configs = await db.select().from(robotConfigs).where(eq(robotConfigs.userId, userId));
  const open = await db
    .select()
    .from(trades)
    .where(and(eq(trades.userId, userId), eq(trades.status, "open"), eq(trades.source, "robot")));
  const paperConfigs = configs.filter((config) => config.mode === "paper" || open.some((trade) => trade.robotConfigId === config.id && trade.mode === "paper"));
  const symbols = [...new Set(open.map((trade) => trade.symbol))];
  let prices = new Map<string, number>();
  if (symbols.length) {
    try {
      prices = new Map((await getTickers({ symbols })).map((ticker) => [ticker.symbol, ticker.last]));
    } catch (error) {
      logger.warn({ err: error }, "robot balance: no prices for open positions");
    }
  }
  let totalBalance = new Dec(0);
  let totalEquity = new Dec(0);
  let totalUnrealized = new Dec(0);
  const paper: PaperWallet[] = paperConfigs.map((config) => {
    const trade = open.find((row) => row.robotConfigId === config.id && row.mode === "paper");
    const mark = trade ? (prices.get(trade.symbol) ?? null) : null;
    const unrealized = trade && mark !== null ? new Dec(computeUnrealizedPnl({ side: trade.side, entryPrice: trade.entryPrice, quantity: trade.quantity, price: mark, feesPaid: "0" })) : new Dec(0);
    const margin = trade ? new Dec(computeMargin({ entryPrice: trade.entryPrice, quantity: trade.quantity, leverage: trade.leverage })) : new Dec(0);
    const balance = new Dec(config.paperBalance);
    const equity = balance.plus(unrealized);
    totalBalance = totalBalance.plus(balance);
    totalEquity = totalEquity.plus(equity);
    totalUnrealized = totalUnrealized.plus(unrealized);
    return {
      configId: config.id,
      symbol: config.symbol,
      isRunning: config.isRunning,
      balance: money(balance),
      equity: money(equity),
      unrealizedPnl: money(unrealized),
      marginInUse: money(margin),
      available: money(Dec.max(0, balance.minus(margin))),
      openPosition: trade
        ? { tradeId: trade.id, side: trade.side, quantity: trade.quantity, entryPrice: trade.entryPrice, markPrice: mark, takeProfit: trade.takeProfit, stopLoss: trade.stopLoss, leverage: trade.leverage }
        : null,
    };
  });

  const liveKeyIds = [...new Set(configs.filter((config) => config.mode === "live" && config.exchangeKeyId).map((config) => config.exchangeKeyId!))];
  const keys = liveKeyIds.length ? await listExchangeKeys({ userId }) : [];
  const live: LiveAccount[] = await Promise.all(
    liveKeyIds.map(async (keyId) => {
      const key = keys.find((candidate) => candidate.id === keyId);
      const base = {
        exchangeKeyId: keyId,
        exchange: key?.exchange ?? "unknown",
        label: key?.label ?? "deleted key",
        testnet: key?.testnet ?? false,
        symbols: configs.filter((config) => config.exchangeKeyId === keyId).map((config) => config.symbol),
      };
      try {
        const balance = await fetchLiveBalance({ userId, keyId });
        const balances = Object.keys(balance.total)
          .sort()
          .map((currency) => ({ currency, free: balance.free[currency] ?? "0", used: balance.used[currency] ?? "0", total: balance.total[currency] ?? "0" }));
        return { ...base, balances, error: null };
      } catch (error) {
        return { ...base, balances: null, error: exchangeMessage(error) };
      }
    }),
  );
  return { currency: "USDT", paper, paperTotals: { balance: money(totalBalance), equity: money(totalEquity), unrealizedPnl: money(totalUnrealized) }, live };
}
