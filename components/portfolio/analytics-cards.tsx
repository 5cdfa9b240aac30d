import { cn } from "@/lib/utils";

import { formatFraction, formatRatio, TREND_TEXT_CLASS, trendOf } from "./format";

export type AnalyticsFigures = {
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
  points: number;
  from: string | null;
  to: string | null;
  riskFreeRate: number;
};

type Metric = {
  id: string;
  label: string;
  value: string | null;
  trend?: "signed" | "loss";
  raw?: number | null;
  explanation: string;
};

function buildMetrics(a: AnalyticsFigures): Metric[] {
  const riskFree = formatFraction(a.riskFreeRate);
  return [
    {
      id: "twr",
      label: "Time-weighted return",
      value: a.twr === null ? null : formatFraction(a.twr, { isSigned: true }),
      trend: "signed",
      raw: a.twr,
      explanation: "How the holdings themselves performed over the whole history, leaving out when money was added or taken out.",
    },
    {
      id: "mwr",
      label: "Money-weighted return (a year)",
      value: a.mwr === null ? null : formatFraction(a.mwr, { isSigned: true }),
      trend: "signed",
      raw: a.mwr,
      explanation: "Your own yearly return, counting when and how much you put in or took out (internal rate of return).",
    },
    {
      id: "annualized",
      label: "Annualized return",
      value: a.annualizedReturn === null ? null : formatFraction(a.annualizedReturn, { isSigned: true }),
      trend: "signed",
      raw: a.annualizedReturn,
      explanation: "The time-weighted return scaled to a 365-day year, so periods of different length compare.",
    },
    {
      id: "volatility",
      label: "Volatility (a year)",
      value: a.volatility === null ? null : formatFraction(a.volatility),
      explanation: "How much the value typically swings, from the daily changes scaled to a year. Higher means a bumpier ride.",
    },
    {
      id: "sharpe",
      label: "Sharpe ratio",
      value: a.sharpe === null ? null : formatRatio(a.sharpe),
      explanation: `Return above the risk-free rate (${riskFree} a year) for each unit of volatility. Above 1 is good, below 0 lagged cash.`,
    },
    {
      id: "sortino",
      label: "Sortino ratio",
      value: a.sortino === null ? null : formatRatio(a.sortino),
      explanation: "Like Sharpe, but only the falls count as risk, so upside swings are not penalized.",
    },
    {
      id: "max-drawdown",
      label: "Max drawdown",
      value: a.maxDrawdown === null ? null : `${formatFraction(-a.maxDrawdown)}${a.maxDrawdownDays === null ? "" : ` · ${Math.round(a.maxDrawdownDays)} days`}`,
      trend: "loss",
      raw: a.maxDrawdown,
      explanation: "The deepest fall from a peak to a later low, and how many days it took to get back to the peak (or until today if it has not).",
    },
    {
      id: "var95",
      label: "Value at risk, 95 %",
      value: a.var95 === null ? null : formatFraction(a.var95),
      explanation: "On 19 days out of 20 the one-day loss was smaller than this (from the past daily changes).",
    },
    {
      id: "cvar95",
      label: "Expected shortfall, 95 %",
      value: a.cvar95 === null ? null : formatFraction(a.cvar95),
      explanation: "The average one-day loss on the worst 5 % of days: what a bad day looked like.",
    },
    {
      id: "var99",
      label: "Value at risk, 99 %",
      value: a.var99 === null ? null : formatFraction(a.var99),
      explanation: "On 99 days out of 100 the one-day loss was smaller than this.",
    },
    {
      id: "cvar99",
      label: "Expected shortfall, 99 %",
      value: a.cvar99 === null ? null : formatFraction(a.cvar99),
      explanation: "The average one-day loss on the worst 1 % of days.",
    },
    {
      id: "beta",
      label: "Beta to BTC",
      value: a.beta === null ? null : formatRatio(a.beta),
      explanation: "How far the portfolio tends to move when bitcoin moves 1 %: 1 moves like BTC, 0.5 half as much.",
    },
    {
      id: "correlation-btc",
      label: "Correlation with BTC",
      value: a.correlationBtc === null ? null : formatRatio(a.correlationBtc),
      explanation: "How closely the daily moves follow bitcoin's: 1 in lockstep, 0 unrelated, −1 opposite.",
    },
  ];
}

export function AnalyticsCards({ analytics }: { analytics: AnalyticsFigures }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="analytics-cards">
      {buildMetrics(analytics).map((metric) => {
        const trendClass =
          metric.value === null || metric.raw === undefined || metric.raw === null
            ? ""
            : metric.trend === "signed"
              ? TREND_TEXT_CLASS[trendOf(metric.raw)]
              : metric.trend === "loss" && metric.raw > 0
                ? "text-down"
                : "";
        return (
          <li key={metric.id} className="flex flex-col gap-1 rounded-lg border bg-card p-4" data-testid="analytics-card" data-metric={metric.id}>
            <p className="text-sm text-muted-foreground">{metric.label}</p>
            <p className={cn("text-xl font-semibold tabular-nums", trendClass)} data-testid="analytics-value">
              {metric.value ?? <span className="text-base font-normal text-muted-foreground">Not enough history</span>}
            </p>
            <p className="text-xs text-muted-foreground">{metric.explanation}</p>
          </li>
        );
      })}
    </ul>
  );
}
