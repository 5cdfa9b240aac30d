import "server-only";
import { listActivity, listPortfolios, type PortfolioView } from "./queries";
import { getHistory, getHoldings, type HoldingsView } from "./valuation";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { users } from "@/db/schema";
import { BASE_CURRENCIES, type BaseCurrency } from "./fx";
import { isFxAvailable } from "./fx-rates";

/** The viewer's display currency (Settings › Profile › base currency), USD by default. */
export async function getDisplayCurrency(userId: string): Promise<BaseCurrency> {
  const [row] = await db.select({ settings: users.settings }).from(users).where(eq(users.id, userId));
  const value = row?.settings.baseCurrency;
  return (BASE_CURRENCIES as readonly unknown[]).includes(value) ? (value as BaseCurrency) : "USD";
}

// The dashboard and the portfolio list: the caller's own and shared portfolios combined, composed from the
// per-portfolio reads (each of which checks access). Amounts are numbers for display in `currency`: on the
// dashboard the viewer's display currency (Settings › Profile), on the list each portfolio's own base
// currency. (The `…Usd` field names predate base currencies; with USD, the default, they are exact.)

export type HistoryRange = "1w" | "1m" | "3m" | "1y" | "all";

export type CombinedHistoryPoint = { date: string; valueUsd: number; costBasisUsd: number; netFlowUsd: number };

export type DashboardTotals = {
  valueUsd: number;
  /** Value-weighted over the holdings that have a 24 h change, in percent (1.5 = 1.5 %). */
  change24hPct: number | null;
  change24hUsd: number | null;
  costBasisUsd: number;
  unrealizedPnlUsd: number;
  realizedPnlUsd: number;
  pnlUsd: number;
  /** (unrealized + realized) / cost basis of the open positions, in percent; null without a cost basis. */
  pnlPct: number | null;
};

export type AllocationEntry = { key: string; valueUsd: number; weight: number };

export type Mover = { symbol: string; change24hPct: number; priceUsd: number | null; valueUsd: number };

export type DashboardActivity = {
  id: string;
  portfolioId: string;
  portfolioName: string;
  action: string;
  details: Record<string, unknown>;
  createdAt: string;
  actorName: string | null;
  actorEmail: string | null;
};

export type PortfolioSummary = PortfolioView & {
  /** The currency of valueUsd and pnlUsd: the base currency, or USD when it cannot be priced. */
  currency: BaseCurrency;
  valueUsd: number;
  change24hPct: number | null;
  pnlUsd: number;
  holdingCount: number;
  unpricedSymbols: string[];
};

export type DashboardData = {
  /** The viewer's display currency, which every amount below is in (USD when it cannot be priced). */
  currency: BaseCurrency;
  portfolios: PortfolioSummary[];
  totals: DashboardTotals;
  history: CombinedHistoryPoint[];
  allocation: AllocationEntry[];
  movers: Mover[];
  activity: DashboardActivity[];
  unpricedSymbols: string[];
};

const MOVER_COUNT = 5;
const ACTIVITY_COUNT = 10;

function toNumber(value: string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

function summarize(portfolio: PortfolioView, view: HoldingsView): PortfolioSummary {
  const open = view.holdings.filter((h) => toNumber(h.quantity) !== 0);
  return {
    ...portfolio,
    currency: view.currency,
    valueUsd: toNumber(view.totals.value),
    change24hPct: view.totals.change24hPct,
    pnlUsd: toNumber(view.totals.unrealizedPnl) + toNumber(view.totals.realizedPnl),
    holdingCount: open.length,
    unpricedSymbols: view.unpricedSymbols,
  };
}

/** Totals over several portfolios' holdings; the 24 h change is weighted by each holding's current value. */
export function combineTotals(views: readonly HoldingsView[]): DashboardTotals {
  let valueUsd = 0;
  let costBasisUsd = 0;
  let unrealizedPnlUsd = 0;
  let realizedPnlUsd = 0;
  let weighted = 0;
  let weightSum = 0;
  let change24hUsd = 0;
  for (const view of views) {
    valueUsd += toNumber(view.totals.value);
    costBasisUsd += toNumber(view.totals.costBasis);
    unrealizedPnlUsd += toNumber(view.totals.unrealizedPnl);
    realizedPnlUsd += toNumber(view.totals.realizedPnl);
    for (const holding of view.holdings) {
      const value = toNumber(holding.value);
      if (holding.value === null || holding.change24hPct === null || value === 0) continue;
      weighted += value * holding.change24hPct;
      weightSum += value;
      // Today's value v after a move of p % was v / (1 + p/100) a day ago.
      change24hUsd += value - value / (1 + holding.change24hPct / 100);
    }
  }
  const pnlUsd = unrealizedPnlUsd + realizedPnlUsd;
  return {
    valueUsd,
    change24hPct: weightSum > 0 ? weighted / weightSum : null,
    change24hUsd: weightSum > 0 ? change24hUsd : null,
    costBasisUsd,
    unrealizedPnlUsd,
    realizedPnlUsd,
    pnlUsd,
    pnlPct: costBasisUsd > 0 ? (pnlUsd / costBasisUsd) * 100 : null,
  };
}

/**
 * Sums the portfolios' daily points per date. A portfolio without a point on a date after its first one
 * counts with its last known value (its flows only on the days they happened); before its first point it
 * counts as zero.
 */
export function combineHistories(series: readonly (readonly { date: string; valueUsd: string; costBasisUsd: string; netFlowUsd: string }[])[]): CombinedHistoryPoint[] {
  const dates = [...new Set(series.flatMap((points) => points.map((p) => p.date)))].sort();
  const combined = dates.map((date) => ({ date, valueUsd: 0, costBasisUsd: 0, netFlowUsd: 0 }));
  for (const points of series) {
    const sorted = [...points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    let index = 0;
    let last: (typeof sorted)[number] | undefined;
    for (const entry of combined) {
      const point = sorted[index];
      if (point && point.date === entry.date) {
        last = point;
        index += 1;
        entry.netFlowUsd += toNumber(point.netFlowUsd);
      }
      if (last) {
        entry.valueUsd += toNumber(last.valueUsd);
        entry.costBasisUsd += toNumber(last.costBasisUsd);
      }
    }
  }
  return combined;
}

export function combineAllocation(views: readonly HoldingsView[]): AllocationEntry[] {
  const bySymbol = new Map<string, number>();
  for (const view of views) {
    for (const holding of view.holdings) {
      const value = toNumber(holding.value);
      if (value > 0) bySymbol.set(holding.symbol, (bySymbol.get(holding.symbol) ?? 0) + value);
    }
  }
  const total = [...bySymbol.values()].reduce((sum, value) => sum + value, 0);
  return [...bySymbol.entries()]
    .map(([key, valueUsd]) => ({ key, valueUsd, weight: total > 0 ? valueUsd / total : 0 }))
    .sort((a, b) => b.valueUsd - a.valueUsd);
}

/** Held assets with the largest absolute 24 h move; one entry per asset across portfolios. */
export function pickTopMovers(views: readonly HoldingsView[], count = MOVER_COUNT): Mover[] {
  const bySymbol = new Map<string, Mover>();
  for (const view of views) {
    for (const holding of view.holdings) {
      if (holding.change24hPct === null || holding.priceSource !== "market" || toNumber(holding.quantity) === 0) continue;
      const existing = bySymbol.get(holding.symbol);
      const valueUsd = toNumber(holding.value);
      if (existing) existing.valueUsd += valueUsd;
      else bySymbol.set(holding.symbol, { symbol: holding.symbol, change24hPct: holding.change24hPct, priceUsd: holding.price === null ? null : toNumber(holding.price), valueUsd });
    }
  }
  return [...bySymbol.values()].sort((a, b) => Math.abs(b.change24hPct) - Math.abs(a.change24hPct)).slice(0, count);
}

/** Each visible portfolio with its current value, 24 h change and P&L (for the portfolio list). */
export async function listPortfolioSummaries({ userId, includeArchived = false }: { userId: string; includeArchived?: boolean }): Promise<PortfolioSummary[]> {
  const portfolios = await listPortfolios({ userId, includeArchived });
  const views = await Promise.all(portfolios.map((portfolio) => getHoldings({ userId, portfolioId: portfolio.id })));
  return portfolios.map((portfolio, index) => summarize(portfolio, views[index]!));
}

/** Everything the dashboard shows, over the caller's own and shared (non-archived) portfolios. */
export async function getDashboard({ userId, range = "all" }: { userId: string; range?: HistoryRange }): Promise<DashboardData> {
  const [portfolios, wanted] = await Promise.all([listPortfolios({ userId }), getDisplayCurrency(userId)]);
  const currency = wanted !== "USD" && !isFxAvailable(wanted) ? "USD" : wanted;
  const perPortfolio = await Promise.all(
    portfolios.map(async (portfolio) => {
      const [holdings, history, activity] = await Promise.all([
        getHoldings({ userId, portfolioId: portfolio.id, currency }),
        getHistory({ userId, portfolioId: portfolio.id, range, currency }),
        listActivity({ userId, portfolioId: portfolio.id, page: 1, limit: ACTIVITY_COUNT }),
      ]);
      // In the display currency: value and flows at each day's rate, cost basis at the rates it was paid.
      const points = history.points.map((p) => ({ date: p.date, valueUsd: p.value, costBasisUsd: p.costBasis, netFlowUsd: p.netFlow }));
      return { portfolio, holdings, history: points, activity: activity.items };
    }),
  );
  const views = perPortfolio.map((entry) => entry.holdings);
  const activity: DashboardActivity[] = perPortfolio
    .flatMap(({ portfolio, activity: items }) =>
      items.map((item) => ({
        id: item.id,
        portfolioId: portfolio.id,
        portfolioName: portfolio.name,
        action: item.action,
        details: item.details,
        createdAt: item.createdAt.toISOString(),
        actorName: item.actorName,
        actorEmail: item.actorEmail,
      })),
    )
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .slice(0, ACTIVITY_COUNT);
  return {
    currency,
    portfolios: perPortfolio.map(({ portfolio, holdings }) => summarize(portfolio, holdings)),
    totals: combineTotals(views),
    history: combineHistories(perPortfolio.map((entry) => entry.history)),
    allocation: combineAllocation(views),
    movers: pickTopMovers(views),
    activity,
    unpricedSymbols: [...new Set(views.flatMap((view) => view.unpricedSymbols))].sort(),
  };
}
