import { mean, sampleCorrelation, sampleCovariance, sampleStandardDeviation, sampleVariance } from "simple-statistics";
import { AppError } from "@/lib/errors";
import { formatMoney, Money, parseMoney } from "./decimal";

// Conventions (returns are fractions: 0.1 = 10 %):
// - One valuation per day, taken at the end of the day. A day's net external flow (deposits > 0,
//   withdrawals < 0) is by default invested at the START of that day, so it earns that day's return:
//   r_i = V_i / (V_{i-1} + F_i) − 1. With flowTiming "end": r_i = (V_i − F_i) / V_{i-1} − 1.
//   A non-positive base (nothing at risk) gives r_i = 0.
// - Annualization uses 365 days: annualized return = (1 + twr)^(365 / calendar days) − 1, volatility =
//   sample stdev × √365. mwr is the XIRR of the flows, an annual rate by construction.
// - Risk-free rate: annual, converted to a daily rate geometrically: (1 + rf)^(1/365) − 1.
// - Sortino: downside deviation = √(Σ min(0, r_i − rf_daily)² / N) over all N days (target = rf_daily).
// - Quantiles: linear interpolation between order statistics at h = (n − 1)p (R type 7, numpy "linear",
//   Excel PERCENTILE.INC). VaR_c = −Q(1 − c); CVaR_c = −mean(r_i ≤ Q(1 − c)); both floored at 0.
// - Max drawdown is measured on the time-weighted wealth index, so deposits and withdrawals are not
//   drawdowns. Its duration runs in calendar days from the peak before the deepest trough to the first
//   day back at or above that peak, or to the last day when it has not recovered.

export const DAYS_PER_YEAR = 365;
const MS_PER_DAY = 86_400_000;
const MIN_RETURNS_FOR_STATS = 2;

export type FlowTiming = "start" | "end";

export function computeDailyReturns(
  valuesUsd: readonly number[],
  netFlowsUsd?: readonly number[],
  flowTiming: FlowTiming = "start",
): number[] {
  if (netFlowsUsd && netFlowsUsd.length !== valuesUsd.length) {
    throw new RangeError("netFlowsUsd must have one entry per value");
  }
  const count = Math.max(0, valuesUsd.length - 1);
  const returns = new Array<number>(count);
  let previous = valuesUsd[0] ?? 0;
  for (let i = 1; i < valuesUsd.length; i++) {
    const value = valuesUsd[i]!;
    const flow = netFlowsUsd ? netFlowsUsd[i]! : 0;
    const base = flowTiming === "start" ? previous + flow : previous;
    const end = flowTiming === "start" ? value : value - flow;
    returns[i - 1] = base > 0 ? end / base - 1 : 0;
    previous = value;
  }
  return returns;
}

export function computeTimeWeightedReturn(dailyReturns: readonly number[]): number | null {
  if (dailyReturns.length === 0) return null;
  let growth = 1;
  for (const r of dailyReturns) growth *= 1 + r;
  return growth - 1;
}

export function computeAnnualizedReturn(totalReturn: number, days: number): number | null {
  if (!(days > 0) || !Number.isFinite(totalReturn)) return null;
  if (totalReturn <= -1) return -1;
  return Math.pow(1 + totalReturn, DAYS_PER_YEAR / days) - 1;
}

export function computeAnnualizedVolatility(dailyReturns: readonly number[]): number | null {
  if (dailyReturns.length < MIN_RETURNS_FOR_STATS) return null;
  return sampleStandardDeviation(dailyReturns as number[]) * Math.sqrt(DAYS_PER_YEAR);
}

export function convertAnnualRateToDaily(rateAnnual: number): number {
  return Math.pow(1 + rateAnnual, 1 / DAYS_PER_YEAR) - 1;
}

export function computeSharpeRatio(dailyReturns: readonly number[], riskFreeRateAnnual = 0): number | null {
  if (dailyReturns.length < MIN_RETURNS_FOR_STATS) return null;
  const sd = sampleStandardDeviation(dailyReturns as number[]);
  if (!(sd > 0)) return null;
  const excessMean = mean(dailyReturns as number[]) - convertAnnualRateToDaily(riskFreeRateAnnual);
  return (excessMean / sd) * Math.sqrt(DAYS_PER_YEAR);
}

export function computeSortinoRatio(dailyReturns: readonly number[], riskFreeRateAnnual = 0): number | null {
  if (dailyReturns.length < MIN_RETURNS_FOR_STATS) return null;
  const targetDaily = convertAnnualRateToDaily(riskFreeRateAnnual);
  let excessSum = 0;
  let downsideSquares = 0;
  for (const r of dailyReturns) {
    const excess = r - targetDaily;
    excessSum += excess;
    if (excess < 0) downsideSquares += excess * excess;
  }
  const downsideDeviation = Math.sqrt(downsideSquares / dailyReturns.length);
  if (!(downsideDeviation > 0)) return null;
  return (excessSum / dailyReturns.length / downsideDeviation) * Math.sqrt(DAYS_PER_YEAR);
}

export type Drawdown = {
  maxDrawdown: number;
  durationDays: number;
  peakIndex: number;
  troughIndex: number;
  recoveryIndex: number | null;
};

// Without dates, each step counts as one day.
export function computeMaxDrawdown(values: readonly number[], dates?: readonly Date[]): Drawdown | null {
  if (values.length === 0) return null;
  if (dates && dates.length !== values.length) throw new RangeError("dates must have one entry per value");
  let peakIndex = 0;
  let peak = values[0]!;
  let worst = 0;
  let worstPeakIndex = 0;
  let worstTroughIndex = 0;
  for (let i = 1; i < values.length; i++) {
    const value = values[i]!;
    if (value >= peak) {
      peak = value;
      peakIndex = i;
    } else if (peak > 0) {
      const drawdown = (peak - value) / peak;
      if (drawdown > worst) {
        worst = drawdown;
        worstPeakIndex = peakIndex;
        worstTroughIndex = i;
      }
    }
  }
  if (worst === 0) return { maxDrawdown: 0, durationDays: 0, peakIndex, troughIndex: peakIndex, recoveryIndex: peakIndex };

  const peakValue = values[worstPeakIndex]!;
  let recoveryIndex: number | null = null;
  for (let i = worstTroughIndex + 1; i < values.length; i++) {
    if (values[i]! >= peakValue) {
      recoveryIndex = i;
      break;
    }
  }
  const endIndex = recoveryIndex ?? values.length - 1;
  const durationDays = dates
    ? Math.round((dates[endIndex]!.getTime() - dates[worstPeakIndex]!.getTime()) / MS_PER_DAY)
    : endIndex - worstPeakIndex;
  return { maxDrawdown: worst, durationDays, peakIndex: worstPeakIndex, troughIndex: worstTroughIndex, recoveryIndex };
}

// R type 7 / Excel PERCENTILE.INC on an ascending array.
export function computeSortedQuantile(sorted: ArrayLike<number>, probability: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantile of an empty sample");
  if (!(probability >= 0 && probability <= 1)) throw new RangeError("probability must be within [0, 1]");
  const h = (n - 1) * probability;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, n - 1);
  const lowerValue = sorted[lower]!;
  return lowerValue + (h - lower) * (sorted[upper]! - lowerValue);
}

export type ValueAtRisk = { valueAtRisk: number; conditionalValueAtRisk: number };

export function computeHistoricalVar(sortedReturns: ArrayLike<number>, confidence: number): ValueAtRisk | null {
  if (sortedReturns.length < MIN_RETURNS_FOR_STATS) return null;
  const cutoff = computeSortedQuantile(sortedReturns, 1 - confidence);
  let tailSum = 0;
  let tailCount = 0;
  for (let i = 0; i < sortedReturns.length && sortedReturns[i]! <= cutoff; i++) {
    tailSum += sortedReturns[i]!;
    tailCount += 1;
  }
  return {
    valueAtRisk: Math.max(0, -cutoff),
    conditionalValueAtRisk: Math.max(0, -(tailSum / tailCount)),
  };
}

export function sortReturns(returns: readonly number[]): Float64Array {
  return Float64Array.from(returns).sort();
}

export type CashFlow = { date: Date; amountUsd: number };

function computeNetPresentValue(amounts: Float64Array, years: Float64Array, rate: number): number {
  let npv = 0;
  for (let i = 0; i < amounts.length; i++) npv += amounts[i]! * Math.pow(1 + rate, -years[i]!);
  return npv;
}

// Rates probed for a sign change when Newton's method fails.
const XIRR_BRACKET_RATES = [-0.999999, -0.99, -0.9, -0.5, -0.2, 0, 0.1, 0.25, 0.5, 1, 2, 5, 10, 100, 1e3, 1e4, 1e6, 1e9, 1e12, 1e15, 1e18];

// Investor's view: money put in is negative, money taken out (and the final value) positive. Returns the
// annual rate r with Σ amount_i / (1 + r)^(days_i / 365) = 0, or null when there is none.
export function computeXirr(cashFlows: readonly CashFlow[], guess = 0.1): number | null {
  const flows = cashFlows.filter((flow) => flow.amountUsd !== 0);
  if (!flows.some((flow) => flow.amountUsd > 0) || !flows.some((flow) => flow.amountUsd < 0)) return null;
  let firstMs = Infinity;
  for (const flow of flows) firstMs = Math.min(firstMs, flow.date.getTime());
  const amounts = Float64Array.from(flows, (flow) => flow.amountUsd);
  const years = Float64Array.from(flows, (flow) => (flow.date.getTime() - firstMs) / MS_PER_DAY / DAYS_PER_YEAR);
  let scale = 0;
  for (const amount of amounts) scale = Math.max(scale, Math.abs(amount));
  const tolerance = 1e-10 * scale;

  let rate = guess;
  for (let iteration = 0; iteration < 100; iteration++) {
    let npv = 0;
    let derivative = 0;
    for (let i = 0; i < amounts.length; i++) {
      const discount = Math.pow(1 + rate, -years[i]!);
      npv += amounts[i]! * discount;
      derivative -= (years[i]! * amounts[i]! * discount) / (1 + rate);
    }
    if (Math.abs(npv) <= tolerance) return rate;
    if (derivative === 0 || !Number.isFinite(derivative)) break;
    const next = rate - npv / derivative;
    if (!Number.isFinite(next) || next <= -1) break;
    if (Math.abs(next - rate) < 1e-13) return next;
    rate = next;
  }
  return solveXirrByBisection(amounts, years, tolerance);
}

function solveXirrByBisection(amounts: Float64Array, years: Float64Array, tolerance: number): number | null {
  let low = XIRR_BRACKET_RATES[0]!;
  let lowNpv = computeNetPresentValue(amounts, years, low);
  for (const high of XIRR_BRACKET_RATES.slice(1)) {
    const highNpv = computeNetPresentValue(amounts, years, high);
    if (Math.abs(highNpv) <= tolerance) return high;
    if (Math.sign(highNpv) !== Math.sign(lowNpv)) return bisect(amounts, years, low, high, lowNpv, tolerance);
    low = high;
    lowNpv = highNpv;
  }
  return null;
}

function bisect(
  amounts: Float64Array,
  years: Float64Array,
  lowStart: number,
  highStart: number,
  lowNpvStart: number,
  tolerance: number,
): number {
  let low = lowStart;
  let high = highStart;
  let lowNpv = lowNpvStart;
  for (let iteration = 0; iteration < 300; iteration++) {
    const mid = (low + high) / 2;
    const midNpv = computeNetPresentValue(amounts, years, mid);
    if (Math.abs(midNpv) <= tolerance || high - low < 1e-15) return mid;
    if (Math.sign(midNpv) === Math.sign(lowNpv)) {
      low = mid;
      lowNpv = midNpv;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}

// The starting value counts as invested on the first day (it already includes that day's flow), each
// later flow on its own day, and the final value as withdrawn on the last day.
export function buildInvestorCashFlows(
  dates: readonly Date[],
  valuesUsd: readonly number[],
  netFlowsUsd?: readonly number[],
): CashFlow[] {
  const last = valuesUsd.length - 1;
  if (last < 1) return [];
  const flows: CashFlow[] = [{ date: dates[0]!, amountUsd: -valuesUsd[0]! }];
  if (netFlowsUsd) {
    for (let i = 1; i <= last; i++) {
      const flow = netFlowsUsd[i]!;
      if (flow !== 0) flows.push({ date: dates[i]!, amountUsd: -flow });
    }
  }
  flows.push({ date: dates[last]!, amountUsd: valuesUsd[last]! });
  return flows;
}

export type BetaCorrelation = { beta: number | null; correlation: number | null };

// Pairs where either return is missing (NaN) are skipped, so both series stay aligned by day.
export function computeBetaAndCorrelation(
  portfolioReturns: readonly number[],
  benchmarkReturns: readonly number[],
): BetaCorrelation {
  const length = Math.min(portfolioReturns.length, benchmarkReturns.length);
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < length; i++) {
    const p = portfolioReturns[i]!;
    const b = benchmarkReturns[i]!;
    if (Number.isFinite(p) && Number.isFinite(b)) {
      x.push(p);
      y.push(b);
    }
  }
  if (x.length < MIN_RETURNS_FOR_STATS) return { beta: null, correlation: null };
  const benchmarkVariance = sampleVariance(y);
  const portfolioVariance = sampleVariance(x);
  if (!(benchmarkVariance > 0)) return { beta: null, correlation: null };
  return {
    beta: sampleCovariance(x, y) / benchmarkVariance,
    correlation: portfolioVariance > 0 ? sampleCorrelation(x, y) : null,
  };
}

// Missing or non-positive prices give NaN returns, which computeBetaAndCorrelation skips.
export function computePriceReturns(pricesUsd: readonly (number | null)[]): number[] {
  const returns = new Array<number>(Math.max(0, pricesUsd.length - 1));
  for (let i = 1; i < pricesUsd.length; i++) {
    const previous = pricesUsd[i - 1];
    const current = pricesUsd[i];
    returns[i - 1] =
      previous != null && current != null && previous > 0 && current > 0 ? current / previous - 1 : Number.NaN;
  }
  return returns;
}

export type CorrelationMatrix = { symbols: string[]; matrix: (number | null)[][] };

// Series must be aligned day by day and of equal length (fill gaps before calling). A constant series
// has no correlation (null), including with itself.
export function computeCorrelationMatrix(pricesUsdBySymbol: Readonly<Record<string, readonly number[]>>): CorrelationMatrix {
  const symbols = Object.keys(pricesUsdBySymbol).sort();
  const length = symbols.length === 0 ? 0 : pricesUsdBySymbol[symbols[0]!]!.length;
  const returnCount = Math.max(0, length - 1);
  // Each series is centred and scaled to unit norm once; a correlation is then one dot product.
  const normalized: (Float64Array | null)[] = symbols.map((symbol) => {
    const prices = pricesUsdBySymbol[symbol]!;
    if (prices.length !== length) throw new RangeError("All price series must have the same length");
    const returns = new Float64Array(returnCount);
    let sum = 0;
    for (let i = 0; i < returnCount; i++) {
      const previous = prices[i]!;
      const r = previous > 0 ? prices[i + 1]! / previous - 1 : 0;
      returns[i] = r;
      sum += r;
    }
    const average = sum / returnCount;
    let squares = 0;
    for (let i = 0; i < returnCount; i++) {
      const centred = returns[i]! - average;
      returns[i] = centred;
      squares += centred * centred;
    }
    if (returnCount < MIN_RETURNS_FOR_STATS || !(squares > 0)) return null;
    const norm = Math.sqrt(squares);
    for (let i = 0; i < returnCount; i++) returns[i] = returns[i]! / norm;
    return returns;
  });

  const matrix = symbols.map(() => new Array<number | null>(symbols.length).fill(null));
  for (let a = 0; a < symbols.length; a++) {
    const left = normalized[a];
    if (!left) continue;
    matrix[a]![a] = 1;
    for (let b = a + 1; b < symbols.length; b++) {
      const right = normalized[b];
      if (!right) continue;
      let dot = 0;
      for (let i = 0; i < returnCount; i++) dot += left[i]! * right[i]!;
      const correlation = Math.max(-1, Math.min(1, dot));
      matrix[a]![b] = correlation;
      matrix[b]![a] = correlation;
    }
  }
  return { symbols, matrix };
}

export type AllocationPosition = { symbol: string; exchange?: string | null; valueUsd: string | number };
export type AllocationSlice = { key: string; valueUsd: string; weight: number };
export type Allocation = { totalValueUsd: string; byAsset: AllocationSlice[]; byExchange: AllocationSlice[] };

export const UNASSIGNED_EXCHANGE = "unassigned";

function buildSlices(totals: Map<string, Money>, totalValueUsd: Money): AllocationSlice[] {
  return [...totals.entries()]
    .sort(([keyA, a], [keyB, b]) => b.comparedTo(a) || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .map(([key, value]) => ({
      key,
      valueUsd: formatMoney(value),
      weight: totalValueUsd.gt(0) ? value.div(totalValueUsd).toNumber() : 0,
    }));
}

export function computeAllocation(positions: readonly AllocationPosition[]): Allocation {
  const byAsset = new Map<string, Money>();
  const byExchange = new Map<string, Money>();
  let totalValueUsd = new Money(0);
  for (const position of positions) {
    const value = parseMoney(position.valueUsd, `${position.symbol}.valueUsd`);
    if (value.isNegative()) {
      throw new AppError("VALIDATION_ERROR", `The value of ${position.symbol} is negative`, {
        details: [{ field: `${position.symbol}.valueUsd`, message: "must not be negative" }],
      });
    }
    const exchange = position.exchange ?? UNASSIGNED_EXCHANGE;
    byAsset.set(position.symbol, (byAsset.get(position.symbol) ?? new Money(0)).plus(value));
    byExchange.set(exchange, (byExchange.get(exchange) ?? new Money(0)).plus(value));
    totalValueUsd = totalValueUsd.plus(value);
  }
  return {
    totalValueUsd: formatMoney(totalValueUsd),
    byAsset: buildSlices(byAsset, totalValueUsd),
    byExchange: buildSlices(byExchange, totalValueUsd),
  };
}

export type AnalyticsInput = {
  dates: readonly Date[];
  valuesUsd: readonly number[];
  netFlowsUsd?: readonly number[];
  btcPricesUsd?: readonly (number | null)[];
  riskFreeRateAnnual?: number;
  flowTiming?: FlowTiming;
};

export type PortfolioAnalytics = {
  twr: number | null;
  mwr: number | null;
  annualizedReturn: number | null;
  volatility: number | null;
  sharpe: number | null;
  sortino: number | null;
  maxDrawdown: number | null;
  maxDrawdownDays: number | null;
  var95: number | null;
  cvar95: number | null;
  var99: number | null;
  cvar99: number | null;
  beta: number | null;
  correlationBtc: number | null;
};

function assertAlignedInput(input: AnalyticsInput): void {
  const length = input.valuesUsd.length;
  if (input.dates.length !== length) throw new RangeError("dates and valuesUsd must have the same length");
  if (input.netFlowsUsd && input.netFlowsUsd.length !== length) {
    throw new RangeError("netFlowsUsd must have one entry per day");
  }
  if (input.btcPricesUsd && input.btcPricesUsd.length !== length) {
    throw new RangeError("btcPricesUsd must have one entry per day");
  }
  for (let i = 0; i < length; i++) {
    if (!Number.isFinite(input.valuesUsd[i]!)) throw new RangeError("valuesUsd must be finite numbers");
    if (i > 0 && !(input.dates[i]!.getTime() > input.dates[i - 1]!.getTime())) {
      throw new RangeError("dates must be strictly increasing");
    }
  }
}

export function computeAnalytics(input: AnalyticsInput): PortfolioAnalytics {
  assertAlignedInput(input);
  const { dates, valuesUsd, netFlowsUsd, btcPricesUsd, riskFreeRateAnnual = 0, flowTiming = "start" } = input;
  const returns = computeDailyReturns(valuesUsd, netFlowsUsd, flowTiming);
  const twr = computeTimeWeightedReturn(returns);
  const days = dates.length > 1 ? (dates[dates.length - 1]!.getTime() - dates[0]!.getTime()) / MS_PER_DAY : 0;

  let wealthIndex: number[] | null = null;
  if (returns.length > 0) {
    wealthIndex = new Array<number>(returns.length + 1);
    wealthIndex[0] = 1;
    for (let i = 0; i < returns.length; i++) wealthIndex[i + 1] = wealthIndex[i]! * (1 + returns[i]!);
  }
  const drawdown = wealthIndex ? computeMaxDrawdown(wealthIndex, dates) : null;

  const sorted = sortReturns(returns);
  const risk95 = computeHistoricalVar(sorted, 0.95);
  const risk99 = computeHistoricalVar(sorted, 0.99);
  const btc = btcPricesUsd
    ? computeBetaAndCorrelation(returns, computePriceReturns(btcPricesUsd))
    : { beta: null, correlation: null };

  return {
    twr,
    mwr: computeXirr(buildInvestorCashFlows(dates, valuesUsd, netFlowsUsd)),
    annualizedReturn: twr === null ? null : computeAnnualizedReturn(twr, days),
    volatility: computeAnnualizedVolatility(returns),
    sharpe: computeSharpeRatio(returns, riskFreeRateAnnual),
    sortino: computeSortinoRatio(returns, riskFreeRateAnnual),
    maxDrawdown: drawdown?.maxDrawdown ?? null,
    maxDrawdownDays: drawdown?.durationDays ?? null,
    var95: risk95?.valueAtRisk ?? null,
    cvar95: risk95?.conditionalValueAtRisk ?? null,
    var99: risk99?.valueAtRisk ?? null,
    cvar99: risk99?.conditionalValueAtRisk ?? null,
    beta: btc.beta,
    correlationBtc: btc.correlation,
  };
}
