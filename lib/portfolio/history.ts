import { Money } from "./decimal";
import { computeHoldings, type LedgerTransaction, type PriceQuote } from "./ledger";

// Pure: a portfolio's value on each day from its transactions and that day's closing prices.

export const DAY_MS = 86_400_000;

export type DailySnapshot = {
  day: string;
  valueUsd: string;
  costBasisUsd: string;
  netFlowUsd: string;
  holdings: { symbol: string; quantity: string; priceUsd: string }[];
};

export function toDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

// Money that enters or leaves the portfolio from outside. Staking rewards and airdrops are returns,
// not contributions; fees are costs.
const INFLOW = new Set(["buy", "deposit", "transfer_in"]);
const OUTFLOW = new Set(["sell", "withdraw", "transfer_out"]);

/** The external cash flow of one transaction, in USD (a buy brings its cost in, a sell takes its proceeds out). */
export function computeNetFlowUsd(tx: Pick<LedgerTransaction, "type" | "quantity" | "price" | "fee" | "feeCurrency">): Money {
  if (tx.price === null) return new Money(0);
  const notional = new Money(tx.quantity).times(tx.price);
  const usdFee = !tx.feeCurrency || ["USD", "USDT", "USDC"].includes(tx.feeCurrency) ? new Money(tx.fee || "0") : new Money(0);
  if (INFLOW.has(tx.type)) return notional.plus(usdFee);
  if (OUTFLOW.has(tx.type)) return notional.negated().plus(usdFee);
  return new Money(0);
}

/**
 * One snapshot per day from `fromDay` to `toDay` (inclusive, UTC). `closes(symbol, day)` gives that
 * day's close in USD or null; an asset without a close that day keeps its last known price.
 */
export function computeDailySnapshots({
  transactions,
  fromDay,
  toDay: lastDay,
  closes,
}: {
  transactions: readonly LedgerTransaction[];
  fromDay: string;
  toDay: string;
  closes: (symbol: string, day: string) => string | null;
}): DailySnapshot[] {
  const sorted = [...transactions].sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime());
  const symbols = [...new Set(sorted.map((t) => t.symbol))];
  const lastPrice: Record<string, string> = {};
  const snapshots: DailySnapshot[] = [];
  const start = Date.parse(`${fromDay}T00:00:00Z`);
  const end = Date.parse(`${lastDay}T00:00:00Z`);
  let included = 0;
  for (let dayMs = start; dayMs <= end; dayMs += DAY_MS) {
    const day = toDay(dayMs);
    const dayEnd = dayMs + DAY_MS;
    const firstOfDay = included;
    while (included < sorted.length && sorted[included]!.executedAt.getTime() < dayEnd) included++;
    const upToDay = sorted.slice(0, included);
    for (const symbol of symbols) {
      const close = closes(symbol, day);
      if (close !== null) lastPrice[symbol] = close;
    }
    // Manually priced assets carry their last entered price.
    for (const tx of upToDay) if (tx.price !== null && lastPrice[tx.symbol] === undefined) lastPrice[tx.symbol] = tx.price;
    const prices: Record<string, PriceQuote> = {};
    for (const [symbol, price] of Object.entries(lastPrice)) prices[symbol] = { price };
    const summary = computeHoldings(upToDay, prices);
    const netFlow = sorted.slice(firstOfDay, included).reduce((sum, tx) => sum.plus(computeNetFlowUsd(tx)), new Money(0));
    snapshots.push({
      day,
      valueUsd: summary.totals.value,
      costBasisUsd: summary.totals.costBasis,
      netFlowUsd: netFlow.toFixed(8),
      holdings: summary.holdings.map((h) => ({ symbol: h.symbol, quantity: h.quantity, priceUsd: h.price ?? "0" })),
    });
  }
  return snapshots;
}
