import { computeHoldings, type LedgerTransaction } from "@/lib/portfolio/ledger";
import { Money } from "@/lib/portfolio/decimal";

// The demo portfolio: a year of buys and sells at the simulated exchange's daily closes, and one
// snapshot a day valued at that day's close. Pure: candles and `now` come in, rows go out.

const DAY_MS = 86_400_000;
const FEE_RATE = "0.001";

type Plan = { daysAgo: number; type: "buy" | "sell"; symbol: string; quantity: string; note?: string };

const PLAN: readonly Plan[] = [
  { daysAgo: 364, type: "buy", symbol: "BTC", quantity: "0.5", note: "Initial position" },
  { daysAgo: 364, type: "buy", symbol: "ETH", quantity: "4" },
  { daysAgo: 363, type: "buy", symbol: "SOL", quantity: "60" },
  { daysAgo: 362, type: "buy", symbol: "BNB", quantity: "3" },
  { daysAgo: 300, type: "buy", symbol: "BTC", quantity: "0.1", note: "Bought the dip" },
  { daysAgo: 240, type: "sell", symbol: "ETH", quantity: "1", note: "Took some profit" },
  { daysAgo: 180, type: "buy", symbol: "SOL", quantity: "20" },
  { daysAgo: 180, type: "buy", symbol: "DOGE", quantity: "5000" },
  { daysAgo: 120, type: "sell", symbol: "BTC", quantity: "0.1" },
  { daysAgo: 60, type: "buy", symbol: "ETH", quantity: "1" },
  { daysAgo: 30, type: "buy", symbol: "XRP", quantity: "300" },
  { daysAgo: 10, type: "sell", symbol: "DOGE", quantity: "1000", note: "Trimmed the meme bag" },
];

export const DEMO_SYMBOLS = [...new Set(PLAN.map((p) => p.symbol))];
export const DEMO_HISTORY_DAYS = 365;

export type DailyClose = { dayStartMs: number; close: number };

export type DemoTransaction = LedgerTransaction & { note: string | null };
export type DemoSnapshot = {
  day: string;
  takenAt: Date;
  valueUsd: string;
  costBasisUsd: string;
  netFlowUsd: string;
  holdings: { symbol: string; quantity: string; priceUsd: string }[];
};

export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function closeOn(closes: readonly DailyClose[], dayStartMs: number, symbol: string): number {
  const candle = closes.find((c) => c.dayStartMs === dayStartMs);
  if (!candle) throw new Error(`no daily close for ${symbol} on ${new Date(dayStartMs).toISOString().slice(0, 10)}`);
  return candle.close;
}

/** Builds the demo transactions and daily snapshots for the year before `now`. */
export function buildDemoPortfolio({ now, closesBySymbol }: { now: Date; closesBySymbol: Readonly<Record<string, readonly DailyClose[]>> }) {
  const today = startOfUtcDay(now.getTime());
  const transactions: DemoTransaction[] = PLAN.map((plan, index) => {
    const dayStartMs = today - plan.daysAgo * DAY_MS;
    const price = new Money(closeOn(closesBySymbol[plan.symbol] ?? [], dayStartMs, plan.symbol));
    const fee = price.times(plan.quantity).times(FEE_RATE);
    return {
      id: `demo-${String(index).padStart(3, "0")}`,
      type: plan.type,
      symbol: plan.symbol,
      quantity: plan.quantity,
      price: price.toFixed(8),
      fee: fee.toFixed(8),
      feeCurrency: "USDT",
      // Mid-day, so the trade belongs to that day's snapshot.
      executedAt: new Date(dayStartMs + 12 * 3_600_000 + index * 60_000),
      note: plan.note ?? null,
    };
  });

  const snapshots: DemoSnapshot[] = [];
  for (let daysAgo = DEMO_HISTORY_DAYS; daysAgo >= 0; daysAgo--) {
    const dayStartMs = today - daysAgo * DAY_MS;
    const dayEndMs = dayStartMs + DAY_MS;
    const done = transactions.filter((t) => t.executedAt.getTime() < dayEndMs);
    const prices: Record<string, { price: string }> = {};
    for (const symbol of DEMO_SYMBOLS) prices[symbol] = { price: String(closeOn(closesBySymbol[symbol] ?? [], dayStartMs, symbol)) };
    const summary = computeHoldings(done, prices);
    // Without a cash leg, a buy brings money into the portfolio and a sell takes it out.
    const netFlow = transactions
      .filter((t) => t.executedAt.getTime() >= dayStartMs && t.executedAt.getTime() < dayEndMs)
      .reduce((sum, t) => {
        const notional = new Money(t.quantity).times(t.price!);
        return t.type === "buy" ? sum.plus(notional).plus(t.fee) : sum.minus(notional).plus(t.fee);
      }, new Money(0));
    snapshots.push({
      day: new Date(dayStartMs).toISOString().slice(0, 10),
      takenAt: new Date(Math.min(dayEndMs - 1, now.getTime())),
      valueUsd: summary.totals.value,
      costBasisUsd: summary.totals.costBasis,
      netFlowUsd: netFlow.toFixed(8),
      holdings: summary.holdings.map((h) => ({ symbol: h.symbol, quantity: h.quantity, priceUsd: h.price ?? "0" })),
    });
  }
  return { transactions, snapshots };
}
