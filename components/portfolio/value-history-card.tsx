"use client";

import { useId, useState } from "react";

import { ValueAreaChart, type ValuePoint } from "@/components/charts/value-area-chart";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";

import { formatAmount, formatSignedAmount, formatSignedPct, TREND_TEXT_CLASS, trendOf, type DisplayCurrency } from "./format";

const RANGES = [
  { id: "1w", label: "1W", days: 7 },
  { id: "1m", label: "1M", days: 30 },
  { id: "3m", label: "3M", days: 91 },
  { id: "1y", label: "1Y", days: 365 },
  { id: "all", label: "All", days: null },
] as const;

type RangeId = (typeof RANGES)[number]["id"];

type ValueHistoryCardProps = {
  /** Every daily point, oldest first; the card slices them by range. */
  points: readonly ValuePoint[];
  title: string;
  description?: string;
  testId: string;
  defaultRange?: RangeId;
  showCostBasis?: boolean;
  /** The currency of the points (default USD). */
  currency?: DisplayCurrency;
};

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

// Ranges count back from the latest point, not from the clock, so server and browser agree.
function sliceRange(points: readonly ValuePoint[], range: RangeId): readonly ValuePoint[] {
  const days = RANGES.find((entry) => entry.id === range)?.days ?? null;
  const last = points.at(-1);
  if (days === null || !last) return points;
  const since = shiftDay(last.date, days);
  return points.filter((point) => point.date >= since);
}

export function ValueHistoryCard({ points, title, description, testId, defaultRange = "3m", showCostBasis = false, currency = "USD" }: ValueHistoryCardProps) {
  const [range, setRange] = useState<RangeId>(defaultRange);
  // The range tabs have no panels of their own: they all control the chart below.
  const chartId = useId();
  const visible = sliceRange(points, range);
  const first = visible[0];
  const last = visible.at(-1);
  const change = first && last ? last.valueUsd - first.valueUsd : null;
  const changePct = first && last && first.valueUsd > 0 ? ((last.valueUsd - first.valueUsd) / first.valueUsd) * 100 : null;
  const rangeLabel = RANGES.find((entry) => entry.id === range)?.label ?? range;

  return (
    <Card data-testid={testId} data-range={range} data-points={visible.length}>
      <CardHeader className="flex flex-wrap items-start justify-between gap-3">
        <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1.5">
          <CardTitle as="h2">{title}</CardTitle>
          <CardDescription>
            {description ??
              (change === null ? (
                "No history yet."
              ) : (
                <>
                  <span className={cn("font-medium", TREND_TEXT_CLASS[trendOf(change)])}>
                    {formatSignedAmount(change, currency)} ({formatSignedPct(changePct)})
                  </span>{" "}
                  over {rangeLabel === "All" ? "all time" : rangeLabel}, deposits and withdrawals included.
                </>
              ))}
          </CardDescription>
        </div>
        <div>
          <Tabs value={range} onValueChange={(value) => setRange(value as RangeId)}>
            <TabsList aria-label="Chart range">
              {RANGES.map((entry) => (
                <TabsTrigger key={entry.id} value={entry.id} aria-controls={chartId} data-testid={`range-${entry.id}`} className="px-2.5">
                  {entry.label}
                </TabsTrigger>
              ))}
            </TabsList>
          </Tabs>
        </div>
      </CardHeader>
      <CardContent id={chartId}>
        {visible.length > 1 ? (
          <>
            <ValueAreaChart points={visible} showCostBasis={showCostBasis} currency={currency} label={`${title}, ${rangeLabel}: from ${formatAmount(first?.valueUsd, currency)} to ${formatAmount(last?.valueUsd, currency)}`} />
            {showCostBasis ? (
              <p className="mt-2 flex flex-wrap gap-4 text-xs text-muted-foreground" aria-hidden="true">
                <span className="inline-flex items-center gap-1.5">
                  <span className="h-0.5 w-4 bg-primary" />
                  Value
                </span>
                <span className="inline-flex items-center gap-1.5">
                  <span className="w-4 border-t-2 border-dashed border-muted-foreground" />
                  Cost basis of the holdings
                </span>
              </p>
            ) : null}
          </>
        ) : (
          <p className="flex h-[260px] items-center justify-center rounded-lg border border-dashed px-6 text-center text-sm text-muted-foreground">
            The chart fills in as daily values are recorded: one point a day from the first transaction on.
          </p>
        )}
      </CardContent>
    </Card>
  );
}
