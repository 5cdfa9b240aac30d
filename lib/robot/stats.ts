import { Dec } from "./math";

// Journal statistics over closed trades: pure, decimal sums, float ratios.

export type ClosedTradeInput = { symbol: string; pnl: string; fees: string; closedAt: Date };

export type SymbolStats = { symbol: string; trades: number; wins: number; losses: number; winRate: number | null; pnl: string };
export type EquityPoint = { time: string; pnl: string; cumulativePnl: string };

export type TradeStats = {
  closedTrades: number;
  openTrades: number;
  wins: number;
  losses: number;
  breakeven: number;
  /** Wins ÷ closed trades, a fraction (0.6 = 60 %); null without closed trades. */
  winRate: number | null;
  totalPnl: string;
  avgPnl: string | null;
  avgWin: string | null;
  avgLoss: string | null;
  largestWin: string | null;
  largestLoss: string | null;
  /** Gross profit ÷ gross loss; null when there is no losing trade. */
  profitFactor: number | null;
  totalFees: string;
  bySymbol: SymbolStats[];
  /** Cumulative net P&L after each closed trade, oldest first. */
  equityCurve: EquityPoint[];
};

const money = (value: InstanceType<typeof Dec>) => value.toDecimalPlaces(8).toFixed();

export function computeTradeStats(closed: readonly ClosedTradeInput[], openTrades = 0): TradeStats {
  const sorted = [...closed].sort((a, b) => a.closedAt.getTime() - b.closedAt.getTime());
  let total = new Dec(0);
  let grossProfit = new Dec(0);
  let grossLoss = new Dec(0);
  let fees = new Dec(0);
  let wins = 0;
  let losses = 0;
  let largestWin: InstanceType<typeof Dec> | null = null;
  let largestLoss: InstanceType<typeof Dec> | null = null;
  const bySymbol = new Map<string, { trades: number; wins: number; losses: number; pnl: InstanceType<typeof Dec> }>();
  const equityCurve: EquityPoint[] = [];
  for (const trade of sorted) {
    const pnl = new Dec(trade.pnl);
    total = total.plus(pnl);
    fees = fees.plus(trade.fees);
    const entry = bySymbol.get(trade.symbol) ?? { trades: 0, wins: 0, losses: 0, pnl: new Dec(0) };
    entry.trades += 1;
    entry.pnl = entry.pnl.plus(pnl);
    if (pnl.gt(0)) {
      wins += 1;
      entry.wins += 1;
      grossProfit = grossProfit.plus(pnl);
      if (!largestWin || pnl.gt(largestWin)) largestWin = pnl;
    } else if (pnl.lt(0)) {
      losses += 1;
      entry.losses += 1;
      grossLoss = grossLoss.plus(pnl.abs());
      if (!largestLoss || pnl.lt(largestLoss)) largestLoss = pnl;
    }
    bySymbol.set(trade.symbol, entry);
    equityCurve.push({ time: trade.closedAt.toISOString(), pnl: money(pnl), cumulativePnl: money(total) });
  }
  const count = sorted.length;
  return {
    closedTrades: count,
    openTrades,
    wins,
    losses,
    breakeven: count - wins - losses,
    winRate: count === 0 ? null : wins / count,
    totalPnl: money(total),
    avgPnl: count === 0 ? null : money(total.div(count)),
    avgWin: wins === 0 ? null : money(grossProfit.div(wins)),
    avgLoss: losses === 0 ? null : money(grossLoss.div(losses).negated()),
    largestWin: largestWin ? money(largestWin) : null,
    largestLoss: largestLoss ? money(largestLoss) : null,
    profitFactor: grossLoss.isZero() ? null : grossProfit.div(grossLoss).toNumber(),
    totalFees: money(fees),
    bySymbol: [...bySymbol.entries()]
      .map(([symbol, entry]) => ({ symbol, trades: entry.trades, wins: entry.wins, losses: entry.losses, winRate: entry.trades === 0 ? null : entry.wins / entry.trades, pnl: money(entry.pnl) }))
      .sort((a, b) => new Dec(b.pnl).comparedTo(a.pnl) || a.symbol.localeCompare(b.symbol)),
    equityCurve,
  };
}
