"use client";

import { useState, useTransition } from "react";
import { LoaderCircle, Play } from "lucide-react";

import { FormError } from "@/components/auth/form-messages";
import { FanChart } from "@/components/charts/fan-chart";
import { Button } from "@/components/ui/button";
import { simulateAction } from "@/lib/portfolio/actions";

import { formatUsd } from "./format";

type Simulation = Extract<Awaited<ReturnType<typeof simulateAction>>, { ok: true }>["data"];

const PATHS = 1000;
const HORIZON_DAYS = 365;

export function MonteCarloPanel({ portfolioId, hasEnoughHistory }: { portfolioId: string; hasEnoughHistory: boolean }) {
  const [isPending, startTransition] = useTransition();
  const [result, setResult] = useState<Simulation | null>(null);
  const [error, setError] = useState<string | null>(null);

  const onRun = () => {
    setError(null);
    startTransition(async () => {
      const response = await simulateAction({ portfolioId, paths: PATHS, horizonDays: HORIZON_DAYS });
      if (response.ok) setResult(response.data);
      else setError(response.error.message);
    });
  };

  const points = result ? result.days.map((day, index) => ({ day, p5: result.p5[index] ?? 0, p50: result.p50[index] ?? 0, p95: result.p95[index] ?? 0 })) : [];

  return (
    <div className="flex flex-col gap-4" data-testid="monte-carlo">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted-foreground">
          {PATHS.toLocaleString("en-US")} possible years, each built by replaying randomly drawn days from this portfolio&apos;s own history. The band
          holds 90 % of the outcomes; it is a picture of past volatility, not a forecast.
        </p>
        <Button onClick={onRun} disabled={isPending || !hasEnoughHistory} variant={result ? "outline" : "default"} data-testid="monte-carlo-run">
          {isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : <Play aria-hidden="true" />}
          {result ? "Run again" : "Run simulation"}
        </Button>
      </div>
      {hasEnoughHistory ? null : <p className="text-sm text-muted-foreground">The simulation needs at least a month of daily values; come back when the portfolio has more history.</p>}
      <FormError>{error}</FormError>
      {result ? (
        <>
          <FanChart points={points} label={`Simulated value in one year: median ${formatUsd(result.final.p50)}, 5th percentile ${formatUsd(result.final.p5)}, 95th percentile ${formatUsd(result.final.p95)}`} />
          <dl className="grid gap-3 text-sm sm:grid-cols-4" data-testid="monte-carlo-summary">
            <div>
              <dt className="text-muted-foreground">Bad case (5th percentile)</dt>
              <dd className="font-medium tabular-nums">{formatUsd(result.final.p5)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Median</dt>
              <dd className="font-medium tabular-nums">{formatUsd(result.final.p50)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Good case (95th percentile)</dt>
              <dd className="font-medium tabular-nums">{formatUsd(result.final.p95)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Chance of ending lower</dt>
              <dd className="font-medium tabular-nums">{(result.final.probabilityOfLoss * 100).toFixed(1)}%</dd>
            </div>
          </dl>
          <p className="text-xs text-muted-foreground">
            From {result.historyDays} daily returns · seed {result.seed} · {result.paths} paths over {result.horizonDays} days.
          </p>
        </>
      ) : null}
    </div>
  );
}
