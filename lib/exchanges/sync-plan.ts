import { Money } from "@/lib/portfolio/decimal";
import type { MyTrade } from "./types";

// Pure: what one sync of an exchange account adds to its portfolio.
//
// Trades become buy/sell transactions keyed by the exchange's trade id (`trade:<symbol>:<id>`), so a
// second sync adds nothing. Balances the trades do not explain (deposits, withdrawals, transfers)
// become transfers: on the first sync an opening transfer_in dated just before the asset's first trade
// (so the history never sells what it did not have), later a transfer at the time of the sync.

export const USD_QUOTES = new Set(["USDT", "USDC", "USD", "FDUSD", "BUSD", "DAI", "TUSD"]);

export type ExistingTransaction = {
  symbol: string;
  type: "buy" | "sell" | "deposit" | "withdraw" | "transfer_in" | "transfer_out" | "fee" | "staking_reward" | "airdrop";
  quantity: string;
  fee: string;
  feeCurrency: string | null;
  externalId: string | null;
};

export type PlannedTransaction = {
  type: "buy" | "sell" | "transfer_in" | "transfer_out";
  symbol: string;
  quoteCurrency: string;
  quantity: string;
  price: string | null;
  fee: string;
  feeCurrency: string | null;
  executedAt: Date;
  externalId: string;
  note: string | null;
};

export type SyncPlanInput = {
  existing: readonly ExistingTransaction[];
  trades: readonly MyTrade[];
  /** Total balance per asset, decimal strings. */
  balances: Readonly<Record<string, string>>;
  /** USD price per asset, decimal strings; stablecoins may be omitted (1). */
  pricesUsd: Readonly<Record<string, string>>;
  now: Date;
};

export type SyncPlan = { transactions: PlannedTransaction[]; skippedTrades: { id: string; symbol: string; reason: string }[] };

const INFLOW = new Set(["buy", "deposit", "transfer_in", "staking_reward", "airdrop"]);

/** Net quantity a transaction adds to its own asset, and what its fee takes from the fee asset. */
function effects(tx: Pick<ExistingTransaction, "symbol" | "type" | "quantity" | "fee" | "feeCurrency">): [string, Money][] {
  const out: [string, Money][] = [];
  const quantity = new Money(tx.quantity);
  out.push([tx.symbol, INFLOW.has(tx.type) ? quantity : quantity.negated()]);
  const fee = new Money(tx.fee || "0");
  if (!fee.isZero() && tx.feeCurrency && !USD_QUOTES.has(tx.feeCurrency) && tx.feeCurrency !== "USD") out.push([tx.feeCurrency, fee.negated()]);
  return out;
}

function tally(transactions: readonly Pick<ExistingTransaction, "symbol" | "type" | "quantity" | "fee" | "feeCurrency">[]): Map<string, Money> {
  const totals = new Map<string, Money>();
  for (const tx of transactions) {
    for (const [asset, delta] of effects(tx)) totals.set(asset, (totals.get(asset) ?? new Money(0)).plus(delta));
  }
  return totals;
}

function priceUsd(asset: string, prices: Readonly<Record<string, string>>): string | null {
  if (USD_QUOTES.has(asset)) return "1";
  return prices[asset] ?? null;
}

export function tradeExternalId(trade: Pick<MyTrade, "id" | "symbol">): string {
  return `trade:${trade.symbol}:${trade.id}`;
}

export function planSync({ existing, trades, balances, pricesUsd, now }: SyncPlanInput): SyncPlan {
  const known = new Set(existing.map((tx) => tx.externalId).filter(Boolean));
  const skippedTrades: SyncPlan["skippedTrades"] = [];
  const newTrades: PlannedTransaction[] = [];
  for (const trade of [...trades].sort((a, b) => a.timestamp - b.timestamp || a.id.localeCompare(b.id))) {
    const externalId = tradeExternalId(trade);
    if (known.has(externalId)) continue;
    known.add(externalId);
    const [base, quote] = trade.symbol.split("/");
    if (!base || !quote) {
      skippedTrades.push({ id: trade.id, symbol: trade.symbol, reason: "not a spot symbol" });
      continue;
    }
    // Portfolio prices are in USD: trades quoted in another coin would need that coin's price at the time.
    if (!USD_QUOTES.has(quote)) {
      skippedTrades.push({ id: trade.id, symbol: trade.symbol, reason: `quoted in ${quote}, not a USD stablecoin` });
      continue;
    }
    newTrades.push({
      type: trade.side === "buy" ? "buy" : "sell",
      symbol: base,
      quoteCurrency: quote,
      quantity: trade.amount,
      price: trade.price,
      fee: trade.fee?.cost ?? "0",
      feeCurrency: trade.fee?.currency ?? null,
      executedAt: new Date(trade.timestamp),
      externalId,
      note: null,
    });
  }

  const isFirstSync = existing.length === 0;
  const held = tally([...existing, ...newTrades]);
  const assets = new Set([...Object.keys(balances), ...held.keys()]);
  const adjustments: PlannedTransaction[] = [];
  for (const asset of [...assets].sort()) {
    const diff = new Money(balances[asset] ?? "0").minus(held.get(asset) ?? new Money(0));
    if (diff.isZero()) continue;
    const firstTrade = newTrades.find((tx) => tx.symbol === asset);
    const price = priceUsd(asset, pricesUsd);
    if (diff.gt(0)) {
      const opening = isFirstSync && firstTrade !== undefined;
      adjustments.push({
        type: "transfer_in",
        symbol: asset,
        quoteCurrency: "USD",
        quantity: diff.toFixed(),
        // The cost of coins the trades do not explain is unknown: the first trade's price for an
        // opening balance, otherwise the price at the time of the sync.
        price: opening ? firstTrade.price : price,
        fee: "0",
        feeCurrency: null,
        executedAt: opening ? new Date(firstTrade.executedAt.getTime() - 1000) : now,
        externalId: opening ? `opening:${asset}` : `balance:${asset}:${now.toISOString()}`,
        note: opening ? "Opening balance (deposits before the imported trades)" : "Balance change not explained by trades (deposit or transfer)",
      });
    } else {
      adjustments.push({
        type: "transfer_out",
        symbol: asset,
        quoteCurrency: "USD",
        quantity: diff.negated().toFixed(),
        price,
        fee: "0",
        feeCurrency: null,
        executedAt: now,
        externalId: `balance:${asset}:${now.toISOString()}`,
        note: "Balance change not explained by trades (withdrawal or transfer)",
      });
    }
  }
  return { transactions: [...adjustments.filter((a) => a.executedAt < now), ...newTrades, ...adjustments.filter((a) => a.executedAt >= now)], skippedTrades };
}
