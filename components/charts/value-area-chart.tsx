"use client";

import { useId } from "react";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { cn } from "@/lib/utils";

import { formatAxisDay, formatAxisUsd, formatTooltipUsd, type ChartCurrency } from "./chart-format";
import { useIsClient } from "./use-is-client";

/** One day's value in the chart's currency (the field names predate base currencies); `date` is "YYYY-MM-DD". */
export type ValuePoint = { date: string; valueUsd: number; costBasisUsd?: number };

type ValueAreaChartProps = {
  /** Oldest first. */
  points: readonly ValuePoint[];
  /** Spoken summary of the chart. */
  label: string;
  showCostBasis?: boolean;
  /** The currency of the values (default USD). */
  currency?: ChartCurrency;
  height?: number;
  className?: string;
};

function ValueTooltip({ active, payload, currency }: TooltipContentProps & { currency: ChartCurrency }) {
  const point = payload?.[0]?.payload as ValuePoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{point.date}</p>
      <p>Value: {formatTooltipUsd(point.valueUsd, currency)}</p>
      {point.costBasisUsd !== undefined ? <p className="text-muted-foreground">Cost basis: {formatTooltipUsd(point.costBasisUsd, currency)}</p> : null}
    </div>
  );
}

export function ValueAreaChart({ points, label, showCostBasis = false, currency = "USD", height = 260, className }: ValueAreaChartProps) {
  const isClient = useIsClient();
  const gradientId = `value-fill-${useId().replace(/:/g, "")}`;
  // Over several months, ticks name the month and year instead of the day.
  const isLongRange = points.length > 120;
  return (
    <div role="img" aria-label={label} className={cn("w-full", className)} style={{ height }}>
      {isClient && points.length > 0 ? (
        <AreaChart data={points as ValuePoint[]} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--primary)" stopOpacity={0.35} />
              <stop offset="100%" stopColor="var(--primary)" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="date"
            tickFormatter={(day: string) => formatAxisDay(day, isLongRange)}
            tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
            stroke="var(--border)"
            minTickGap={32}
          />
          <YAxis
            tickFormatter={(value: number) => formatAxisUsd(value, currency)}
            tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
            stroke="var(--border)"
            width={64}
            domain={["auto", "auto"]}
          />
          <Tooltip content={(props: TooltipContentProps) => <ValueTooltip {...props} currency={currency} />} />
          {showCostBasis ? (
            <Area type="monotone" dataKey="costBasisUsd" stroke="var(--muted-foreground)" strokeDasharray="4 4" fill="none" isAnimationActive={false} dot={false} />
          ) : null}
          <Area type="monotone" dataKey="valueUsd" stroke="var(--primary)" strokeWidth={2} fill={`url(#${gradientId})`} isAnimationActive={false} dot={false} />
        </AreaChart>
      ) : null}
    </div>
  );
}
