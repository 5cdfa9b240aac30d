import "server-only";
import { and, asc, eq, gte } from "drizzle-orm";
import { db } from "@/db/client";
import { portfolioSnapshots, users, type Portfolio } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { getCandles } from "@/lib/market/candles";
import { getTickers, listTrackedSymbols } from "@/lib/market/quotes";
import { requirePortfolioRole } from "./access";
import { Money } from "./decimal";
import { computeHoldings, computeLedger, DEFAULT_QUOTE_CURRENCIES, type Holding, type LedgerTransaction, type PriceQuote } from "./ledger";
import { computeAllocation, computeAnalytics, computeCorrelationMatrix, type PortfolioAnalytics } from "./metrics";
import { computeMonteCarloProjection } from "./monte-carlo";
import { loadLedgerTransactions } from "./ledger-queries";
import { convertLedger, convertPrices, dayOf, fromUsd, type BaseCurrency } from "./fx";
import { fxMarketOf, getFxDaily, getFxNow } from "./fx-rates";
import { createSeededRandom } from "./random";
import { computeRebalanceTrades } from "./rebalance";

const STABLECOINS = new Set([...DEFAULT_QUOTE_CURRENCIES, "FDUSD", "BUSD", "DAI", "TUSD"]);

export type PriceSource = "market" | "stable" | "manual" | "none";

/**
 * USD prices for assets: the live market cache for tracked symbols (X-USDT), 1 for USD stablecoins,
 * and for manually entered assets the last price typed in.
 */
export async function getPricesUsd(
  symbols: readonly string[],
  manualPrices: Readonly<Record<string, string>> = {},
): Promise<{ prices: Record<string, PriceQuote>; sources: Record<string, PriceSource> }> {
  const prices: Record<string, PriceQuote> = {};
  const sources: Record<string, PriceSource> = {};
  const tracked = new Set(listTrackedSymbols().map((s) => s.symbol));
  const wanted = symbols.filter((s) => !STABLECOINS.has(s) && tracked.has(`${s}-USDT`)).map((s) => `${s}-USDT`);
  const tickers = wanted.length ? await getTickers({ symbols: wanted }) : [];
  for (const ticker of tickers) {
    const asset = ticker.symbol.split("-")[0]!;
    prices[asset] = { price: String(ticker.last), ...(ticker.change24hPct === null ? {} : { change24hPct: ticker.change24hPct }) };
    sources[asset] = "market";
  }
  for (const symbol of symbols) {
    if (sources[symbol]) continue;
    if (STABLECOINS.has(symbol)) {
      prices[symbol] = { price: "1", change24hPct: 0 };
      sources[symbol] = "stable";
    } else if (manualPrices[symbol]) {
      prices[symbol] = { price: manualPrices[symbol] };
      sources[symbol] = "manual";
    } else {
      sources[symbol] = "none";
    }
  }
  return { prices, sources };
}

export type HoldingView = Holding & { priceSource: PriceSource; isManualAsset: boolean };

type HoldingsTotals = { value: string; costBasis: string; unrealizedPnl: string; unrealizedPnlPct: number | null; realizedPnl: string; feesPaid: string; change24hPct: number | null };

export type HoldingsView = {
  portfolioId: string;
  baseCurrency: Portfolio["baseCurrency"];
  /**
   * The currency of every amount in `holdings` and `totals`: the base currency, or USD when the base
   * currency's market is not tracked (then `conversionNote` says so).
   */
  currency: BaseCurrency;
  /** USD per unit of `currency` now, and the market it comes from (null for USD). */
  fx: { usdPerUnit: string; market: string | null };
  conversionNote: string | null;
  holdings: HoldingView[];
  totals: HoldingsTotals;
  /** The same totals in USD, for adding up portfolios of different base currencies. */
  totalsUsd: HoldingsTotals;
  unpricedSymbols: string[];
  valuedAt: string;
};

function totalsOf(summary: ReturnType<typeof computeHoldings>): HoldingsTotals {
  const value = new Money(summary.totals.value);
  const cost = new Money(summary.totals.costBasis);
  // Value-weighted 24 h change of the priced holdings.
  let weighted = 0;
  let weightSum = 0;
  for (const h of summary.holdings) {
    if (h.value !== null && h.change24hPct !== null && h.change24hPct !== undefined) {
      weighted += Number(h.value) * h.change24hPct;
      weightSum += Number(h.value);
    }
  }
  return {
    ...summary.totals,
    unrealizedPnlPct: cost.isZero() ? null : Number(value.minus(cost).div(cost).times(100).toFixed(6)),
    change24hPct: weightSum > 0 ? weighted / weightSum : null,
  };
}

/**
 * Live holdings with FIFO cost basis and P&L, valued from the market cache, in the portfolio's base
 * currency: each transaction converted at its day's rate, today's prices at today's (lib/portfolio/fx.ts).
 */
export async function getHoldings({ userId, portfolioId, currency: wanted }: { userId: string; portfolioId: string; currency?: BaseCurrency }): Promise<HoldingsView> {
  const { portfolio } = await requirePortfolioRole({ userId, portfolioId }, "view");
  const ledger = await loadLedgerTransactions(portfolioId);
  const manualPrices: Record<string, string> = {};
  const manualAssets = new Set<string>();
  for (const tx of [...ledger].sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime())) {
    if (tx.isManualAsset) {
      manualAssets.add(tx.symbol);
      if (tx.price !== null) manualPrices[tx.symbol] = tx.price;
    }
  }
  const symbols = [...new Set(ledger.map((tx) => tx.symbol))];
  const { prices, sources } = await getPricesUsd(symbols, manualPrices);
  const usd = computeHoldings(ledger, prices);
  // The dashboard adds portfolios up in the viewer's display currency rather than each one's own.
  const base = wanted ?? portfolio.baseCurrency;
  let summary = usd;
  let fx: HoldingsView["fx"] = { usdPerUnit: "1", market: null };
  let currency: BaseCurrency = "USD";
  let conversionNote: string | null = null;
  if (base !== "USD") {
    const now = await getFxNow(base);
    const earliest = ledger.reduce((min, tx) => Math.min(min, tx.executedAt.getTime()), Date.now());
    const daily = now ? await getFxDaily(base, earliest) : null;
    if (now && daily) {
      summary = computeHoldings(convertLedger(ledger, daily), convertPrices(prices, now.usdPerUnit, now.change24hPct));
      fx = { usdPerUnit: now.usdPerUnit.toFixed(), market: now.market };
      currency = base;
    } else {
      conversionNote = `Shown in USD: the ${fxMarketOf(base)} market that prices ${base} is not tracked by the market feed.`;
    }
  }
  return {
    portfolioId,
    baseCurrency: base,
    currency,
    fx,
    conversionNote,
    holdings: summary.holdings.map((h) => ({ ...h, priceSource: sources[h.symbol] ?? "none", isManualAsset: manualAssets.has(h.symbol) })),
    totals: totalsOf(summary),
    totalsUsd: totalsOf(usd),
    unpricedSymbols: summary.unpricedSymbols,
    valuedAt: new Date().toISOString(),
  };
}

const RANGE_DAYS = { "1w": 7, "1m": 30, "3m": 91, "1y": 365, all: null } as const;

export type HistoryPoint = {
  date: string;
  valueUsd: string;
  costBasisUsd: string;
  netFlowUsd: string;
  /** The same three in `currency` (the base currency): value and flows at the day's rate, cost basis at the rates of the days it was paid. */
  value: string;
  costBasis: string;
  netFlow: string;
};

/** Cost basis in the base currency at the end of each of `days`, replaying the converted ledger. */
function costBasisByDay(converted: readonly LedgerTransaction[], days: readonly string[]): Map<string, string> {
  const sorted = [...converted].sort((a, b) => a.executedAt.getTime() - b.executedAt.getTime());
  const out = new Map<string, string>();
  let cost = "0";
  let taken = 0;
  for (const day of [...days].sort()) {
    let next = taken;
    while (next < sorted.length && dayOf(sorted[next]!.executedAt) <= day) next++;
    if (next !== taken) {
      taken = next;
      cost = computeLedger(sorted.slice(0, taken)).totals.costBasis;
    }
    out.set(day, cost);
  }
  return out;
}

export async function getHistory({ userId, portfolioId, range, currency: wanted }: { userId: string; portfolioId: string; range: keyof typeof RANGE_DAYS; currency?: BaseCurrency }): Promise<{ range: keyof typeof RANGE_DAYS; currency: BaseCurrency; points: HistoryPoint[] }> {
  const { portfolio } = await requirePortfolioRole({ userId, portfolioId }, "view");
  const days = RANGE_DAYS[range];
  const since = days === null ? undefined : new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .select({ day: portfolioSnapshots.day, valueUsd: portfolioSnapshots.valueUsd, costBasisUsd: portfolioSnapshots.costBasisUsd, netFlowUsd: portfolioSnapshots.netFlowUsd })
    .from(portfolioSnapshots)
    .where(and(eq(portfolioSnapshots.portfolioId, portfolioId), since ? gte(portfolioSnapshots.day, since) : undefined))
    .orderBy(asc(portfolioSnapshots.day));
  const usdPoints = rows.map((r) => ({ date: r.day, valueUsd: r.valueUsd, costBasisUsd: r.costBasisUsd, netFlowUsd: r.netFlowUsd }));
  const base = wanted ?? portfolio.baseCurrency;
  const rates = base === "USD" || rows.length === 0 ? null : await getFxDaily(base, Date.parse(`${rows[0]!.day}T00:00:00Z`));
  if (!rates) {
    return { range, currency: "USD", points: usdPoints.map((p) => ({ ...p, value: p.valueUsd, costBasis: p.costBasisUsd, netFlow: p.netFlowUsd })) };
  }
  const ledger = await loadLedgerTransactions(portfolioId);
  const costs = costBasisByDay(convertLedger(ledger, rates), usdPoints.map((p) => p.date));
  return {
    range,
    currency: base,
    points: usdPoints.map((p) => {
      const rate = rates(p.date)!;
      return { ...p, value: fromUsd(p.valueUsd, rate)!, costBasis: costs.get(p.date) ?? "0", netFlow: fromUsd(p.netFlowUsd, rate)! };
    }),
  };
}

async function loadSnapshotSeries(portfolioId: string) {
  return db
    .select({ day: portfolioSnapshots.day, valueUsd: portfolioSnapshots.valueUsd, netFlowUsd: portfolioSnapshots.netFlowUsd, holdings: portfolioSnapshots.holdings })
    .from(portfolioSnapshots)
    .where(eq(portfolioSnapshots.portfolioId, portfolioId))
    .orderBy(asc(portfolioSnapshots.day));
}

/** Daily BTC closes for the snapshot days, for beta and correlation to BTC. */
async function btcClosesByDay(days: string[]): Promise<(number | null)[]> {
  if (days.length === 0) return [];
  const candles = await getCandles({ symbol: "BTC-USDT", timeframe: "1d", limit: Math.min(1000, days.length + 2) }).catch(() => []);
  const byDay = new Map(candles.map((c) => [new Date(c.time).toISOString().slice(0, 10), c.close]));
  return days.map((day) => byDay.get(day) ?? null);
}

async function getUserRiskFreeRate(userId: string): Promise<number> {
  const [row] = await db.select({ settings: users.settings }).from(users).where(eq(users.id, userId));
  const rate = row?.settings.riskFreeRate;
  return typeof rate === "number" && Number.isFinite(rate) ? rate : 0;
}

export type AnalyticsView = PortfolioAnalytics & {
  /** The currency the returns are measured in (the base currency, or USD when it cannot be priced). */
  currency: BaseCurrency;
  points: number;
  from: string | null;
  to: string | null;
  riskFreeRate: number;
  correlation: { symbols: string[]; matrix: (number | null)[][] };
};

/** Risk and return analytics over the daily snapshots (API.md: returns as fractions, 365-day year). */
export async function getAnalytics({ userId, portfolioId, riskFreeRate }: { userId: string; portfolioId: string; riskFreeRate?: number }): Promise<AnalyticsView> {
  const { portfolio } = await requirePortfolioRole({ userId, portfolioId }, "view");
  // Without an explicit rate, the viewer's own setting (Settings › Profile) applies.
  riskFreeRate ??= await getUserRiskFreeRate(userId);
  // Days before the first money went in say nothing about returns.
  const series = (await loadSnapshotSeries(portfolioId)).filter((_, index, all) => all.slice(0, index + 1).some((s) => Number(s.valueUsd) > 0));
  const days = series.map((s) => s.day);
  // In the base currency: each day's value and flows at that day's rate, and BTC (the benchmark of beta
  // and correlation) priced in it too — meaningless for a BTC-based portfolio, so left out there.
  const base = portfolio.baseCurrency;
  const rates = base === "USD" || days.length === 0 ? null : await getFxDaily(base, Date.parse(`${days[0]}T00:00:00Z`));
  const rateOn = (day: string) => (rates ? Number(rates(day) ?? Number.NaN) : 1);
  const btcUsd = await btcClosesByDay(days);
  const analytics = computeAnalytics({
    dates: days.map((day) => new Date(`${day}T00:00:00Z`)),
    valuesUsd: series.map((s) => Number(s.valueUsd) / rateOn(s.day)),
    netFlowsUsd: series.map((s) => Number(s.netFlowUsd) / rateOn(s.day)),
    btcPricesUsd: rates && base === "BTC" ? days.map(() => null) : btcUsd.map((price, i) => (price === null ? null : price / rateOn(days[i]!))),
    riskFreeRateAnnual: riskFreeRate,
  });
  // Correlation between the holdings, from the prices recorded in the snapshots.
  const pricesBySymbol: Record<string, number[]> = {};
  const last = series.at(-1);
  const held = new Set((last?.holdings ?? []).map((h) => h.symbol));
  for (const symbol of held) pricesBySymbol[symbol] = series.map((s) => Number(s.holdings.find((h) => h.symbol === symbol)?.priceUsd ?? Number.NaN));
  return {
    ...analytics,
    currency: rates ? base : "USD",
    points: series.length,
    from: days[0] ?? null,
    to: days.at(-1) ?? null,
    riskFreeRate,
    correlation: held.size > 1 ? computeCorrelationMatrix(pricesBySymbol) : { symbols: [...held], matrix: held.size ? [[1]] : [] },
  };
}

export async function getAllocation({ userId, portfolioId }: { userId: string; portfolioId: string }) {
  const { portfolio } = await requirePortfolioRole({ userId, portfolioId }, "view");
  const { holdings } = await getHoldings({ userId, portfolioId });
  const exchange = portfolio.kind === "exchange" ? portfolio.name.split(" · ")[0] ?? "exchange" : "manual";
  return computeAllocation(holdings.filter((h) => h.value !== null).map((h) => ({ symbol: h.symbol, exchange, valueUsd: h.value! })));
}

export async function planRebalance({ userId, portfolioId, targets, minTradeUsd }: { userId: string; portfolioId: string; targets: Record<string, number | string>; minTradeUsd: number }) {
  const { holdings } = await getHoldings({ userId, portfolioId });
  const priced = holdings.filter((h) => h.price !== null);
  const { prices } = await getPricesUsd(Object.keys(targets).filter((symbol) => !priced.some((h) => h.symbol === symbol)));
  const unknown = Object.keys(targets).filter((symbol) => !priced.some((h) => h.symbol === symbol) && !prices[symbol]);
  if (unknown.length) {
    throw new AppError("VALIDATION_ERROR", `No market price for ${unknown.join(", ")}.`, { details: unknown.map((symbol) => ({ field: `targets.${symbol}`, message: "No market price for this asset." })) });
  }
  return computeRebalanceTrades({
    positions: [
      ...priced.map((h) => ({ symbol: h.symbol, quantity: h.quantity, priceUsd: h.price! })),
      ...Object.entries(prices).map(([symbol, quote]) => ({ symbol, quantity: "0", priceUsd: quote.price })),
    ],
    targets,
    minTradeUsd,
  });
}

export async function simulatePortfolio({ userId, portfolioId, paths, horizonDays, seed }: { userId: string; portfolioId: string; paths: number; horizonDays: number; seed?: number }) {
  await requirePortfolioRole({ userId, portfolioId }, "view");
  const series = (await loadSnapshotSeries(portfolioId)).filter((s) => Number(s.valueUsd) > 0);
  if (series.length < 31) throw new AppError("UNPROCESSABLE", "The simulation needs at least a month of daily history.");
  const dailyReturns: number[] = [];
  for (let i = 1; i < series.length; i++) {
    const base = Number(series[i - 1]!.valueUsd) + Number(series[i]!.netFlowUsd);
    if (base > 0) dailyReturns.push(Number(series[i]!.valueUsd) / base - 1);
  }
  const usedSeed = seed ?? Math.floor(Math.random() * 2 ** 31);
  const result = computeMonteCarloProjection({
    dailyReturns,
    initialValueUsd: Number(series.at(-1)!.valueUsd),
    random: createSeededRandom(usedSeed),
    horizonDays,
    pathCount: paths,
    sampleEveryDays: horizonDays > 400 ? 7 : 1,
  });
  return { seed: usedSeed, paths, horizonDays, historyDays: dailyReturns.length, ...result };
}
