import { quantile } from "simple-statistics";
import { describe, expect, test } from "vitest";
import {
  buildInvestorCashFlows,
  computeAllocation,
  computeAnalytics,
  computeAnnualizedReturn,
  computeAnnualizedVolatility,
  computeBetaAndCorrelation,
  computeCorrelationMatrix,
  computeDailyReturns,
  computeHistoricalVar,
  computeMaxDrawdown,
  computePriceReturns,
  computeSharpeRatio,
  computeSortedQuantile,
  computeSortinoRatio,
  computeTimeWeightedReturn,
  computeXirr,
  sortReturns,
  type CashFlow,
} from "./metrics";

const DIGITS = 6;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const dailyDates = (count: number, start = "2024-01-01") =>
  Array.from({ length: count }, (_, i) => new Date(day(start).getTime() + i * 86_400_000));
const npvAt = (flows: CashFlow[], rate: number) =>
  flows.reduce((sum, f) => sum + f.amountUsd / (1 + rate) ** ((f.date.getTime() - flows[0]!.date.getTime()) / 86_400_000 / 365), 0);
// Absolute tolerance for ordinary figures, relative for the huge annualized rates of short series.
const expectClose = (actual: number | null, expected: number | null, label: string) => {
  if (expected === null) return expect(actual, label).toBeNull();
  if (Math.abs(expected) > 1000) return expect(actual! / expected, label).toBeCloseTo(1, DIGITS);
  return expect(actual, label).toBeCloseTo(expected, DIGITS);
};
// Rebuilds a value series from its returns: V_0 = start, V_i = V_{i-1} × (1 + r_i).
const compound = (start: number, returns: number[]) =>
  returns.reduce<number[]>((values, r) => [...values, values.at(-1)! * (1 + r)], [start]);

// Spreadsheet T: end-of-day values with a deposit on day 2 and a withdrawal on day 4.
//   V = 1000, 1100, 1650, 1500, 1200;  F = 0, 0, +500, 0, −400
//   start-of-day flows: r1 = 1100/1000 − 1 = 0.1;  r2 = 1650/(1100 + 500) − 1 = 0.03125
//                       r3 = 1500/1650 − 1 = −0.090909…;  r4 = 1200/(1500 − 400) − 1 = 0.090909…
//                       TWR = 1.1 × 1.03125 × 10/11 × 12/11 − 1 = 1.125 − 1 = 0.125
//   end-of-day flows:   r2 = (1650 − 500)/1100 − 1 = 0.045454…;  r4 = (1200 + 400)/1500 − 1 = 0.066666…
//                       TWR = 1.1 × 1150/1100 × 1500/1650 × 1600/1500 − 1 = 1.15 × 1600/1650 − 1 = 0.115151…
const valuesT = [1000, 1100, 1650, 1500, 1200];
const flowsT = [0, 0, 500, 0, -400];

describe("computeDailyReturns and computeTimeWeightedReturn", () => {
  test.each([
    ["start-of-day flows", "start", [0.1, 0.03125, -0.0909090909, 0.0909090909], 0.125],
    ["end-of-day flows", "end", [0.1, 0.0454545455, -0.0909090909, 0.0666666667], 0.1151515152],
  ] as const)("spreadsheet T with %s", (_name, timing, wantReturns, wantTwr) => {
    const returns = computeDailyReturns(valuesT, flowsT, timing);
    wantReturns.forEach((want, i) => expect(returns[i]).toBeCloseTo(want, DIGITS));
    expect(computeTimeWeightedReturn(returns)).toBeCloseTo(wantTwr, DIGITS);
  });

  test.each([
    ["no values", [], undefined, [], null],
    ["a single value", [100], undefined, [], null],
    ["no flows: 100 → 110 → 99", [100, 110, 99], undefined, [0.1, -0.1], -0.01],
    ["an empty start funded at the start of day 1: 120 / (0 + 100) − 1", [0, 120], [0, 100], [0.2], 0.2],
    ["everything withdrawn at the start of day 1: base 100 − 100 = 0 gives 0", [100, 0], [0, -100], [0], 0],
  ])("%s", (_name, values, flows, wantReturns, wantTwr) => {
    const returns = computeDailyReturns(values, flows);
    expect(returns).toHaveLength(wantReturns.length);
    wantReturns.forEach((want, i) => expect(returns[i]).toBeCloseTo(want, DIGITS));
    const twr = computeTimeWeightedReturn(returns);
    if (wantTwr === null) expect(twr).toBeNull();
    else expect(twr).toBeCloseTo(wantTwr, DIGITS);
  });
});

describe("computeXirr", () => {
  // Excel's documented XIRR example: −10000 on 2008-01-01, 2750 on 2008-03-01, 4250 on 2008-10-30,
  // 3250 on 2009-02-15, 2750 on 2009-04-01 → 0.373362535 (37.34 %).
  const excelExample: CashFlow[] = [
    { date: day("2008-01-01"), amountUsd: -10000 },
    { date: day("2008-03-01"), amountUsd: 2750 },
    { date: day("2008-10-30"), amountUsd: 4250 },
    { date: day("2009-02-15"), amountUsd: 3250 },
    { date: day("2009-04-01"), amountUsd: 2750 },
  ];
  // Hand example: −1000 on 2023-01-01, −500 on 2023-07-02 (182 days), +1700 on 2024-01-01 (365 days).
  // At r = 0.1611146: 1.1611146^(182/365) = 1.077329 → 500 / 1.077329 = 464.11; 1700 / 1.1611146 = 1464.11;
  // NPV = −1000 − 464.11 + 1464.11 ≈ 0.
  const handExample: CashFlow[] = [
    { date: day("2023-01-01"), amountUsd: -1000 },
    { date: day("2023-07-02"), amountUsd: -500 },
    { date: day("2024-01-01"), amountUsd: 1700 },
  ];
  test.each([
    ["Excel's documented example", excelExample, 0.373362535],
    ["the hand example", handExample, 0.1611146001],
    ["one year, 1000 → 1100: exactly 10 %", [{ date: day("2023-01-01"), amountUsd: -1000 }, { date: day("2024-01-01"), amountUsd: 1100 }], 0.1],
    ["one year, 1000 → 500: −50 %", [{ date: day("2023-01-01"), amountUsd: -1000 }, { date: day("2024-01-01"), amountUsd: 500 }], -0.5],
    ["an almost total loss: 1000 → 1 over a year", [{ date: day("2023-01-01"), amountUsd: -1000 }, { date: day("2024-01-01"), amountUsd: 1 }], -0.999],
    ["a tenfold gain in 30 days: 10^(365/30) − 1", [{ date: day("2023-01-01"), amountUsd: -1 }, { date: day("2023-01-31"), amountUsd: 10 }], 10 ** (365 / 30) - 1],
  ])("%s", (_name, flows, want) => {
    const rate = computeXirr(flows);
    expect(rate).not.toBeNull();
    if (want > 1e6) expect(rate! / want).toBeCloseTo(1, DIGITS);
    else expect(rate).toBeCloseTo(want, DIGITS);
    expect(Math.abs(npvAt(flows, rate!)) / 1000).toBeLessThan(1e-6);
  });

  test.each([
    ["a guess far above the answer", 1e6],
    ["a guess just above −100 %", -0.999999],
    ["a guess below −100 %", -5],
  ])("recovers from %s (Excel example → 0.373362535)", (_name, guess) => {
    expect(computeXirr(excelExample, guess)).toBeCloseTo(0.373362535, DIGITS);
  });

  test.each([
    ["no flows", []],
    ["only money in", [{ date: day("2023-01-01"), amountUsd: -100 }, { date: day("2023-06-01"), amountUsd: -100 }]],
    ["only money out", [{ date: day("2023-01-01"), amountUsd: 100 }]],
    ["zero amounts only", [{ date: day("2023-01-01"), amountUsd: 0 }, { date: day("2023-06-01"), amountUsd: 0 }]],
  ])("returns null for %s", (_name, flows) => {
    expect(computeXirr(flows)).toBeNull();
  });

  test("builds the investor's flows from values and external flows", () => {
    const dates = [day("2023-01-01"), day("2023-04-01"), day("2023-07-01")];
    expect(buildInvestorCashFlows(dates, [1000, 1100, 1700], [999, 0, 500])).toEqual([
      { date: dates[0], amountUsd: -1000 },
      { date: dates[2], amountUsd: -500 },
      { date: dates[2], amountUsd: 1700 },
    ]);
  });
});

describe("computeMaxDrawdown", () => {
  test.each([
    ["the style guide example", [100, 120, 90, 130], 0.25, 2, 3],
    ["peak 120 → trough 90, back above 120 on step 4", [100, 120, 90, 95, 130, 110, 125], 0.25, 3, 4],
    ["not recovered: duration runs to the end", [100, 80, 90], 0.2, 2, null],
    ["a deeper later drawdown wins: 100 → 40 from the second peak", [100, 50, 100, 50, 40], 0.6, 2, null],
    ["a recovery at exactly the old peak counts", [100, 100, 90, 100], 0.1, 2, 3],
    ["flat", [100, 100], 0, 0, 1],
    ["rising", [1, 2, 3], 0, 0, 2],
    ["a single point", [100], 0, 0, 0],
    ["a total loss", [100, 0], 1, 1, null],
  ])("%s", (_name, values, wantDrawdown, wantDays, wantRecovery) => {
    const result = computeMaxDrawdown(values);
    expect(result?.maxDrawdown).toBeCloseTo(wantDrawdown, DIGITS);
    expect(result?.durationDays).toBe(wantDays);
    expect(result?.recoveryIndex).toBe(wantRecovery);
  });

  test("measures calendar days when dates are given: peak 01-05 to recovery 02-04 is 30 days", () => {
    const dates = [day("2024-01-01"), day("2024-01-05"), day("2024-01-10"), day("2024-02-04")];
    expect(computeMaxDrawdown([100, 120, 90, 130], dates)).toMatchObject({ maxDrawdown: 0.25, durationDays: 30 });
  });

  test("is null for no values", () => {
    expect(computeMaxDrawdown([])).toBeNull();
  });
});

describe("computeSortedQuantile (R type 7 = Excel PERCENTILE.INC)", () => {
  // h = (n − 1)p, then interpolate between the order statistics around h.
  test.each([
    ["Excel's example PERCENTILE.INC({1,3,2,4}, 0.3): h = 0.9 → 1 + 0.9 × (2 − 1)", [1, 2, 3, 4], 0.3, 1.9],
    ["the median of an even sample: h = 1.5 → 2.5", [1, 2, 3, 4], 0.5, 2.5],
    ["p = 0 is the minimum", [1, 2, 3, 4], 0, 1],
    ["p = 1 is the maximum", [1, 2, 3, 4], 1, 4],
    ["a single value", [7], 0.05, 7],
    ["ten returns at 5 %: h = 0.45 → −0.08 + 0.45 × 0.03", [-0.08, -0.05, -0.03, -0.01, 0, 0.01, 0.02, 0.03, 0.04, 0.05], 0.05, -0.0665],
  ])("%s", (_name, sorted, p, want) => {
    expect(computeSortedQuantile(sorted, p)).toBeCloseTo(want, DIGITS);
  });

  test("agrees with simple-statistics' quantile on an unsorted sample", () => {
    const sample = [0.3, -1.2, 4.4, 0, 2.5, -0.7, 1.1, 3.3, -2.2, 0.9, 5.1];
    const sorted = [...sample].sort((a, b) => a - b);
    for (const p of [0.01, 0.05, 0.1, 0.25, 0.5, 0.9, 0.95, 0.99]) {
      expect(computeSortedQuantile(sorted, p)).toBeCloseTo(quantile(sample, p), 12);
    }
  });

  test("rejects an empty sample", () => {
    expect(() => computeSortedQuantile([], 0.5)).toThrow(RangeError);
  });
});

describe("computeHistoricalVar", () => {
  // Series R10 sorted: −0.08, −0.05, −0.03, −0.01, 0, 0.01, 0.02, 0.03, 0.04, 0.05 (n = 10)
  //   95 %: Q(0.05), h = 9 × 0.05 = 0.45 → −0.08 + 0.45 × 0.03 = −0.0665 → VaR 0.0665
  //         tail r ≤ −0.0665 is {−0.08} → CVaR 0.08
  //   99 %: Q(0.01), h = 0.09 → −0.08 + 0.09 × 0.03 = −0.0773 → VaR 0.0773, CVaR 0.08
  // Series R21: −0.10, −0.09, …, +0.10 (n = 21)
  //   95 %: h = 20 × 0.05 = 1 → −0.09 → VaR 0.09; tail {−0.10, −0.09} → CVaR 0.095
  //   99 %: h = 0.2 → −0.10 + 0.2 × 0.01 = −0.098 → VaR 0.098; tail {−0.10} → CVaR 0.10
  const r10 = [0.02, -0.03, 0.01, -0.08, 0.05, -0.01, 0.03, -0.05, 0, 0.04];
  const r21 = Array.from({ length: 21 }, (_, i) => (i - 10) / 100);
  test.each([
    ["R10 at 95 %", r10, 0.95, 0.0665, 0.08],
    ["R10 at 99 %", r10, 0.99, 0.0773, 0.08],
    ["R21 at 95 %", r21, 0.95, 0.09, 0.095],
    ["R21 at 99 %", r21, 0.99, 0.098, 0.1],
    ["only gains: no loss at risk", [0.01, 0.02, 0.03], 0.95, 0, 0],
  ])("%s", (_name, returns, confidence, wantVar, wantCvar) => {
    const result = computeHistoricalVar(sortReturns(returns), confidence);
    expect(result?.valueAtRisk).toBeCloseTo(wantVar, DIGITS);
    expect(result?.conditionalValueAtRisk).toBeCloseTo(wantCvar, DIGITS);
  });

  test.each([[[]], [[-0.05]]])("is null with fewer than two returns: %j", (returns) => {
    expect(computeHistoricalVar(sortReturns(returns), 0.95)).toBeNull();
  });
});

describe("volatility, Sharpe and Sortino", () => {
  // Series S: 0.01, −0.02, 0.03, 0, 0.02
  //   mean = 0.04 / 5 = 0.008; deviations 0.002, −0.028, 0.022, −0.008, 0.012
  //   squares sum = 0.000004 + 0.000784 + 0.000484 + 0.000064 + 0.000144 = 0.00148
  //   sample var = 0.00148 / 4 = 0.00037 → sd = 0.0192353841; √365 = 19.1049732
  //   volatility = 0.0192353841 × 19.1049732 = 0.3674914965
  //   Sharpe (rf 0) = 0.008 / 0.0192353841 × 19.1049732 = 7.9457620865
  //   downside deviation (rf 0) = √(0.02² / 5) = √0.00008 = 0.0089442719
  //   Sortino (rf 0) = 0.008 / 0.0089442719 × 19.1049732 = 17.0880074906
  //   rf 5 %/yr → daily 1.05^(1/365) − 1 = 0.000133680617; excess mean = 0.007866319383
  //   Sharpe (rf 5 %) = 0.007866319383 / 0.0192353841 × 19.1049732 = 7.8129877891
  //   downside = √((0.020133680617² + 0.000133680617²) / 5) = 0.0090042542
  //   Sortino (rf 5 %) = 0.007866319383 / 0.0090042542 × 19.1049732 = 16.6905351595
  const seriesS = [0.01, -0.02, 0.03, 0, 0.02];
  test.each([
    ["volatility", () => computeAnnualizedVolatility(seriesS), 0.3674914965],
    ["Sharpe, rf 0", () => computeSharpeRatio(seriesS), 7.9457620865],
    ["Sortino, rf 0", () => computeSortinoRatio(seriesS), 17.0880074906],
    ["Sharpe, rf 5 %", () => computeSharpeRatio(seriesS, 0.05), 7.8129877891],
    ["Sortino, rf 5 %", () => computeSortinoRatio(seriesS, 0.05), 16.6905351595],
    ["annualized return of +10 % over 730 days: 1.1^(365/730) − 1", () => computeAnnualizedReturn(0.1, 730), 0.0488088482],
    ["annualized return of +1 % over 36.5 days: 1.01^10 − 1", () => computeAnnualizedReturn(0.01, 36.5), 0.1046221254],
  ])("%s", (_name, run, want) => {
    expect(run()).toBeCloseTo(want, DIGITS);
  });

  test.each([
    ["volatility of one return", () => computeAnnualizedVolatility([0.01])],
    ["Sharpe of one return", () => computeSharpeRatio([0.01])],
    ["Sharpe with zero volatility", () => computeSharpeRatio([0.01, 0.01, 0.01])],
    ["Sortino without any downside", () => computeSortinoRatio([0.01, 0.02, 0.03])],
    ["annualized return over zero days", () => computeAnnualizedReturn(0.1, 0)],
  ])("%s is null", (_name, run) => {
    expect(run()).toBeNull();
  });
});

describe("computeBetaAndCorrelation", () => {
  // P = 0.02, −0.01, 0.03, 0, 0.01 (mean 0.01); B = 0.01, −0.02, 0.02, 0.01, 0 (mean 0.004)
  //   dP = 0.01, −0.02, 0.02, −0.01, 0;  dB = 0.006, −0.024, 0.016, 0.006, −0.004
  //   Σ dP·dB = 0.00006 + 0.00048 + 0.00032 − 0.00006 + 0 = 0.0008
  //   Σ dB² = 0.000036 + 0.000576 + 0.000256 + 0.000036 + 0.000016 = 0.00092;  Σ dP² = 0.001
  //   beta = 0.0008 / 0.00092 = 20/23 = 0.8695652174
  //   correlation = 0.0008 / √(0.001 × 0.00092) = 0.8340576562
  const p = [0.02, -0.01, 0.03, 0, 0.01];
  const b = [0.01, -0.02, 0.02, 0.01, 0];
  test.each([
    ["the worked example", p, b, 0.8695652174, 0.8340576562],
    ["twice the benchmark", b.map((r) => 2 * r), b, 2, 1],
    ["the inverse of the benchmark", b.map((r) => -r), b, -1, -1],
    ["missing benchmark days are skipped", [...p, 0.5], [...b, Number.NaN], 0.8695652174, 0.8340576562],
  ])("%s", (_name, portfolio, benchmark, wantBeta, wantCorrelation) => {
    const result = computeBetaAndCorrelation(portfolio, benchmark);
    expect(result.beta).toBeCloseTo(wantBeta, DIGITS);
    expect(result.correlation).toBeCloseTo(wantCorrelation, DIGITS);
  });

  test.each([
    ["one pair", [0.01], [0.02], null, null],
    ["a flat benchmark", [0.01, 0.02], [0.01, 0.01], null, null],
    ["a flat portfolio: beta 0, no correlation", [0, 0, 0], [0.01, -0.01, 0.02], 0, null],
  ])("%s", (_name, portfolio, benchmark, wantBeta, wantCorrelation) => {
    expect(computeBetaAndCorrelation(portfolio, benchmark)).toEqual({ beta: wantBeta, correlation: wantCorrelation });
  });

  test("price returns mark missing prices as NaN", () => {
    const returns = computePriceReturns([100, 110, null, 121, 0, 10]);
    expect(returns[0]).toBeCloseTo(0.1, DIGITS);
    expect(returns.slice(1).every(Number.isNaN)).toBe(true);
  });
});

describe("computeCorrelationMatrix", () => {
  const pricesFrom = (returns: number[]) => compound(100, returns);
  const p = [0.02, -0.01, 0.03, 0, 0.01];
  const b = [0.01, -0.02, 0.02, 0.01, 0];
  test("matches the worked pairs, with 1 on the diagonal and null for a flat series", () => {
    const { symbols, matrix } = computeCorrelationMatrix({
      PORT: pricesFrom(p),
      BTC: pricesFrom(b),
      DOUBLE: pricesFrom(b.map((r) => 2 * r)),
      FLAT: [5, 5, 5, 5, 5, 5],
    });
    expect(symbols).toEqual(["BTC", "DOUBLE", "FLAT", "PORT"]);
    const at = (row: string, column: string) => matrix[symbols.indexOf(row)]![symbols.indexOf(column)];
    expect(at("BTC", "BTC")).toBe(1);
    expect(at("BTC", "PORT")).toBeCloseTo(0.8340576562, DIGITS);
    expect(at("PORT", "BTC")).toBeCloseTo(0.8340576562, DIGITS);
    expect(at("BTC", "DOUBLE")).toBeCloseTo(1, DIGITS);
    expect(at("FLAT", "BTC")).toBeNull();
    expect(at("FLAT", "FLAT")).toBeNull();
  });

  test.each([
    ["no symbols", {}, { symbols: [], matrix: [] }],
    ["a single short series", { BTC: [1, 2] }, { symbols: ["BTC"], matrix: [[null]] }],
  ])("%s", (_name, input, want) => {
    expect(computeCorrelationMatrix(input)).toEqual(want);
  });

  test("rejects series of different lengths", () => {
    expect(() => computeCorrelationMatrix({ A: [1, 2, 3], B: [1, 2] })).toThrow(RangeError);
  });
});

describe("computeAllocation", () => {
  // BTC 6000 on binance + 2000 on coinbase, ETH 1500 on binance, USDC 500 off-exchange; total 10000
  //   by asset: BTC 8000 (0.8), ETH 1500 (0.15), USDC 500 (0.05)
  //   by exchange: binance 7500 (0.75), coinbase 2000 (0.2), unassigned 500 (0.05)
  test("groups by asset and by exchange", () => {
    const allocation = computeAllocation([
      { symbol: "BTC", exchange: "binance", valueUsd: "6000" },
      { symbol: "BTC", exchange: "coinbase", valueUsd: "2000" },
      { symbol: "ETH", exchange: "binance", valueUsd: 1500 },
      { symbol: "USDC", exchange: null, valueUsd: "500" },
    ]);
    expect(allocation).toEqual({
      totalValueUsd: "10000",
      byAsset: [
        { key: "BTC", valueUsd: "8000", weight: 0.8 },
        { key: "ETH", valueUsd: "1500", weight: 0.15 },
        { key: "USDC", valueUsd: "500", weight: 0.05 },
      ],
      byExchange: [
        { key: "binance", valueUsd: "7500", weight: 0.75 },
        { key: "coinbase", valueUsd: "2000", weight: 0.2 },
        { key: "unassigned", valueUsd: "500", weight: 0.05 },
      ],
    });
  });

  test.each([
    ["nothing", [], { totalValueUsd: "0", byAsset: [], byExchange: [] }],
    [
      "only worthless positions",
      [{ symbol: "DOGE", valueUsd: "0" }],
      { totalValueUsd: "0", byAsset: [{ key: "DOGE", valueUsd: "0", weight: 0 }], byExchange: [{ key: "unassigned", valueUsd: "0", weight: 0 }] },
    ],
  ])("%s", (_name, positions, want) => {
    expect(computeAllocation(positions)).toEqual(want);
  });

  test("rejects a negative value", () => {
    expect(() => computeAllocation([{ symbol: "BTC", valueUsd: "-1" }])).toThrow(expect.objectContaining({ code: "VALIDATION_ERROR" }));
  });
});

describe("computeAnalytics", () => {
  const ANALYTICS_KEYS = [
    "twr", "mwr", "annualizedReturn", "volatility", "sharpe", "sortino", "maxDrawdown",
    "maxDrawdownDays", "var95", "cvar95", "var99", "cvar99", "beta", "correlationBtc",
  ];

  // Spreadsheet T on quarter ends 2023-01-01 … 2024-01-01 (365 days):
  //   twr 0.125 (above); annualized = 1.125^(365/365) − 1 = 0.125
  //   mwr: −1000 on 2023-01-01, −500 on 2023-07-01 (181 days), +400 and +1200 on 2024-01-01
  //        r = 0.0801773600: 1.08017736^(181/365) = 1.038987 → 500/1.038987 = 481.24; 1600/1.08017736 = 1481.24
  //        NPV = −1000 − 481.24 + 1481.24 ≈ 0
  //   wealth index 1, 1.1, 1.134375, 1.03125, 1.125: drawdown from 1.134375 to 1.03125 = 0.090909…,
  //        recovered? 1.125 < 1.134375, no → 2023-07-01 to 2024-01-01 = 184 days
  test("spreadsheet T with flows", () => {
    const dates = [day("2023-01-01"), day("2023-04-01"), day("2023-07-01"), day("2023-10-01"), day("2024-01-01")];
    const result = computeAnalytics({ dates, valuesUsd: valuesT, netFlowsUsd: flowsT });
    expect(Object.keys(result).sort()).toEqual([...ANALYTICS_KEYS].sort());
    expect(result.twr).toBeCloseTo(0.125, DIGITS);
    expect(result.annualizedReturn).toBeCloseTo(0.125, DIGITS);
    expect(result.mwr).toBeCloseTo(0.08017736, DIGITS);
    expect(result.maxDrawdown).toBeCloseTo(1 / 11, DIGITS);
    expect(result.maxDrawdownDays).toBe(184);
    expect(result.beta).toBeNull();
    expect(result.correlationBtc).toBeNull();
  });

  // Daily series built from the beta example (P) and BTC prices from B, both compounding from a start:
  // every figure must equal the one worked out on the return series directly.
  //   P = 0.02, −0.01, 0.03, 0, 0.01 → TWR = 1.02 × 0.99 × 1.03 × 1 × 1.01 − 1 = 1.05049494 − 1 = 0.05049494
  //   5 days → annualized (and, without flows, mwr) = 1.05049494^(365/5) − 1; sorted P: −0.01, 0, 0.01, 0.02, 0.03
  //   VaR95: h = 4 × 0.05 = 0.2 → −0.01 + 0.2 × 0.01 = −0.008 → 0.008, tail {−0.01} → CVaR 0.01
  //   VaR99: h = 0.04 → −0.0096 → 0.0096, CVaR 0.01; drawdown 1.02 → 1.0098 = 0.01, recovered next day
  test("a daily series with a BTC benchmark", () => {
    const p = [0.02, -0.01, 0.03, 0, 0.01];
    const b = [0.01, -0.02, 0.02, 0.01, 0];
    const result = computeAnalytics({
      dates: dailyDates(6),
      valuesUsd: compound(1000, p),
      btcPricesUsd: compound(40000, b),
    });
    const want = {
      twr: 0.05049494,
      mwr: 1.05049494 ** (365 / 5) - 1,
      annualizedReturn: 1.05049494 ** (365 / 5) - 1,
      volatility: Math.sqrt(0.001 / 4) * Math.sqrt(365),
      sharpe: (0.01 / Math.sqrt(0.001 / 4)) * Math.sqrt(365),
      sortino: (0.01 / Math.sqrt(0.0001 / 5)) * Math.sqrt(365),
      maxDrawdown: 0.01,
      maxDrawdownDays: 2,
      var95: 0.008,
      cvar95: 0.01,
      var99: 0.0096,
      cvar99: 0.01,
      beta: 0.8695652174,
      correlationBtc: 0.8340576562,
    };
    for (const [key, value] of Object.entries(want)) expectClose(result[key as keyof typeof result], value, key);
  });

  test.each([
    ["no points", 0, Object.fromEntries(ANALYTICS_KEYS.map((k) => [k, null]))],
    ["a single point", 1, Object.fromEntries(ANALYTICS_KEYS.map((k) => [k, null]))],
    [
      "two points (one return): only the return figures and the drawdown",
      2,
      {
        twr: 0.1, mwr: 1.1 ** 365 - 1, annualizedReturn: 1.1 ** 365 - 1, volatility: null, sharpe: null, sortino: null,
        maxDrawdown: 0, maxDrawdownDays: 0, var95: null, cvar95: null, var99: null, cvar99: null, beta: null, correlationBtc: null,
      },
    ],
  ])("%s", (_name, count, want) => {
    const values = [1000, 1100].slice(0, count);
    const result = computeAnalytics({ dates: dailyDates(count), valuesUsd: values, btcPricesUsd: values });
    for (const key of ANALYTICS_KEYS) {
      expectClose(result[key as keyof typeof result], (want as Record<string, number | null>)[key]!, key);
    }
  });

  test("a portfolio of zeros has no return figures that divide by zero", () => {
    const result = computeAnalytics({ dates: dailyDates(4), valuesUsd: [0, 0, 0, 0] });
    expect(result).toMatchObject({ twr: 0, mwr: null, volatility: 0, sharpe: null, sortino: null, maxDrawdown: 0, var95: 0 });
  });

  test.each([
    ["misaligned dates", { dates: dailyDates(2), valuesUsd: [1, 2, 3] }],
    ["misaligned flows", { dates: dailyDates(2), valuesUsd: [1, 2], netFlowsUsd: [0] }],
    ["dates out of order", { dates: [day("2024-01-02"), day("2024-01-01")], valuesUsd: [1, 2] }],
    ["a non-finite value", { dates: dailyDates(2), valuesUsd: [1, Number.NaN] }],
  ])("rejects %s", (_name, input) => {
    expect(() => computeAnalytics(input)).toThrow(RangeError);
  });
});
