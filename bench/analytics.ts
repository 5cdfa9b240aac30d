// Portfolio analytics benchmark: npx tsx bench/analytics.ts
// 50 holdings × 1826 days (5 years) of synthetic daily history from a fixed seed, so runs are comparable.
import { performance } from "node:perf_hooks";
import { computeHoldings, type LedgerTransaction } from "@/lib/portfolio/ledger";
import {
  computeAllocation,
  computeAnalytics,
  computeCorrelationMatrix,
  computeDailyReturns,
  type AllocationPosition,
} from "@/lib/portfolio/metrics";
import { computeMonteCarloProjection } from "@/lib/portfolio/monte-carlo";
import { createSeededRandom, type RandomSource } from "@/lib/portfolio/random";

const HOLDING_COUNT = 50;
const DAY_COUNT = 1826;
const RUNS = 31;
const MONTE_CARLO_RUNS = 11;
const GOAL_MS = 100;
const EXCHANGES = ["binance", "coinbase", "kraken", null] as const;
const MS_PER_DAY = 86_400_000;

function drawNormal(random: RandomSource): number {
  // Box–Muller; 1 − u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function generateHistory() {
  const random = createSeededRandom(20240101);
  const start = Date.UTC(2020, 0, 1);
  const dates = Array.from({ length: DAY_COUNT }, (_, i) => new Date(start + i * MS_PER_DAY));
  const symbols = Array.from({ length: HOLDING_COUNT }, (_, i) => (i === 0 ? "BTC" : `COIN${String(i).padStart(2, "0")}`));
  const betas = symbols.map((_, i) => (i === 0 ? 1 : 0.5 + random() * 1.5));
  const prices = symbols.map(() => new Array<number>(DAY_COUNT));
  const quantities = symbols.map(() => 1 + random() * 100);
  symbols.forEach((_, i) => (prices[i]![0] = 10 + random() * 1000));
  for (let day = 1; day < DAY_COUNT; day++) {
    const market = 0.0008 + 0.025 * drawNormal(random);
    for (let i = 0; i < HOLDING_COUNT; i++) {
      const idiosyncratic = i === 0 ? 0 : 0.02 * drawNormal(random);
      const r = Math.max(-0.9, betas[i]! * market + idiosyncratic);
      prices[i]![day] = prices[i]![day - 1]! * (1 + r);
    }
  }
  // A deposit on the 1st of every month and a withdrawal every quarter, in USD.
  const netFlowsUsd = dates.map((date, day) => {
    if (day === 0 || date.getUTCDate() !== 1) return 0;
    return date.getUTCMonth() % 3 === 0 ? -5_000 : 2_000;
  });
  const pricesBySymbol = Object.fromEntries(symbols.map((symbol, i) => [symbol, prices[i]!]));
  return { dates, symbols, prices, quantities, netFlowsUsd, pricesBySymbol };
}

type History = ReturnType<typeof generateHistory>;

function computeValueSeries(history: History): number[] {
  const values = new Array<number>(DAY_COUNT).fill(0);
  let unitsHeld = 1;
  for (let day = 0; day < DAY_COUNT; day++) {
    // Flows buy or sell units of the whole basket, so they move the value without being returns.
    let basketValue = 0;
    for (let i = 0; i < HOLDING_COUNT; i++) basketValue += history.quantities[i]! * history.prices[i]![day]!;
    unitsHeld += history.netFlowsUsd[day]! / basketValue;
    values[day] = unitsHeld * basketValue;
  }
  return values;
}

function runFullAnalytics(history: History) {
  const valuesUsd = computeValueSeries(history);
  const analytics = computeAnalytics({
    dates: history.dates,
    valuesUsd,
    netFlowsUsd: history.netFlowsUsd,
    btcPricesUsd: history.prices[0]!,
    riskFreeRateAnnual: 0.04,
  });
  const correlation = computeCorrelationMatrix(history.pricesBySymbol);
  const positions: AllocationPosition[] = history.symbols.map((symbol, i) => ({
    symbol,
    exchange: EXCHANGES[i % EXCHANGES.length],
    valueUsd: (history.quantities[i]! * history.prices[i]![DAY_COUNT - 1]!).toFixed(2),
  }));
  const allocation = computeAllocation(positions);
  return { valuesUsd, analytics, correlation, allocation };
}

function generateTransactions(history: History): LedgerTransaction[] {
  const transactions: LedgerTransaction[] = [];
  history.symbols.forEach((symbol, i) => {
    for (let k = 0; k < 100; k++) {
      const day = k * 18;
      const isSell = k % 4 === 3;
      transactions.push({
        id: `${symbol}-${String(k).padStart(3, "0")}`,
        type: isSell ? "sell" : "buy",
        symbol,
        quantity: isSell ? "0.5" : "1",
        price: history.prices[i]![day]!.toFixed(6),
        fee: "0.25",
        feeCurrency: "USD",
        executedAt: history.dates[day]!,
      });
    }
  });
  return transactions;
}

function measureMedianMs(runs: number, task: () => unknown): number {
  task();
  task();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    task();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function main(): void {
  const history = generateHistory();
  const { valuesUsd, analytics, correlation, allocation } = runFullAnalytics(history);
  const returns = computeDailyReturns(valuesUsd, history.netFlowsUsd);
  const lastYearReturns = returns.slice(-365);
  const transactions = generateTransactions(history);
  const prices = Object.fromEntries(
    history.symbols.map((symbol, i) => [symbol, { price: history.prices[i]![DAY_COUNT - 1]!.toFixed(6) }]),
  );

  const parts: [string, () => unknown][] = [
    ["value series (50 × 1826)", () => computeValueSeries(history)],
    [
      "computeAnalytics",
      () =>
        computeAnalytics({
          dates: history.dates,
          valuesUsd,
          netFlowsUsd: history.netFlowsUsd,
          btcPricesUsd: history.prices[0]!,
          riskFreeRateAnnual: 0.04,
        }),
    ],
    ["correlation matrix 50 × 50", () => computeCorrelationMatrix(history.pricesBySymbol)],
    [
      "allocation",
      () =>
        computeAllocation(
          history.symbols.map((symbol, i) => ({
            symbol,
            exchange: EXCHANGES[i % EXCHANGES.length],
            valueUsd: (history.quantities[i]! * history.prices[i]![DAY_COUNT - 1]!).toFixed(2),
          })),
        ),
    ],
  ];
  console.log(`Portfolio analytics benchmark, median of ${RUNS} runs (ms)`);
  for (const [name, task] of parts) console.log(`  ${name.padEnd(30)} ${measureMedianMs(RUNS, task).toFixed(2)}`);

  const totalMs = measureMedianMs(RUNS, () => runFullAnalytics(history));
  const monteCarloMs = measureMedianMs(MONTE_CARLO_RUNS, () =>
    computeMonteCarloProjection({
      dailyReturns: lastYearReturns,
      initialValueUsd: valuesUsd[DAY_COUNT - 1]!,
      random: createSeededRandom(7),
      pathCount: 1000,
    }),
  );
  const ledgerMs = measureMedianMs(MONTE_CARLO_RUNS, () => computeHoldings(transactions, prices));

  console.log(
    `analytics: ${HOLDING_COUNT} holdings x ${DAY_COUNT} days: median ${totalMs.toFixed(1)} ms (goal < ${GOAL_MS} ms)` +
      ` ${totalMs < GOAL_MS ? "OK" : "OVER GOAL"}`,
  );
  console.log(`monte carlo: 1000 paths x 365 days: median ${monteCarloMs.toFixed(1)} ms (reported separately)`);
  console.log(`ledger: ${transactions.length} transactions over ${HOLDING_COUNT} symbols: median ${ledgerMs.toFixed(1)} ms`);
  console.log(
    `check: twr ${analytics.twr?.toFixed(4)}, maxDrawdown ${analytics.maxDrawdown?.toFixed(4)}, ` +
      `beta ${analytics.beta?.toFixed(3)}, corr[1][2] ${correlation.matrix[1]?.[2]?.toFixed(3)}, ` +
      `top asset ${allocation.byAsset[0]?.key}`,
  );
  if (totalMs >= GOAL_MS) process.exitCode = 1;
}

main();
