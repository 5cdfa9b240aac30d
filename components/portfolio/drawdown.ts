import { computeDailyReturns } from "@/lib/portfolio/metrics";

// The drawdown curve behind the "max drawdown" figure: the time-weighted wealth index (deposits and
// withdrawals removed, flows invested at the start of their day, as in lib/portfolio/metrics) against its
// running peak. Days before the first money went in are left out, as the analytics do.

export type HistoryPoint = { date: string; valueUsd: string | number; netFlowUsd: string | number };

export function computeDrawdownSeries(points: readonly HistoryPoint[]): { date: string; drawdown: number }[] {
  const start = points.findIndex((point) => Number(point.valueUsd) > 0);
  if (start < 0) return [];
  const series = points.slice(start);
  const returns = computeDailyReturns(
    series.map((point) => Number(point.valueUsd)),
    series.map((point) => Number(point.netFlowUsd)),
  );
  let wealth = 1;
  let peak = 1;
  const drawdowns = [{ date: series[0]!.date, drawdown: 0 }];
  returns.forEach((dailyReturn, index) => {
    wealth *= 1 + dailyReturn;
    peak = Math.max(peak, wealth);
    drawdowns.push({ date: series[index + 1]!.date, drawdown: peak > 0 ? wealth / peak - 1 : 0 });
  });
  return drawdowns;
}
