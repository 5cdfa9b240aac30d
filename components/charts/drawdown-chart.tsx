"use client";

import { useId } from "react";
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { cn } from "@/lib/utils";

import { formatAxisDay, formatAxisPct } from "./chart-format";
import { useIsClient } from "./use-is-client";

/** `drawdown` is a fraction at or below zero: −0.2 = 20 % under the running peak. */
export type DrawdownPoint = { date: string; drawdown: number };

type DrawdownChartProps = {
  points: readonly DrawdownPoint[];
  label: string;
  height?: number;
  className?: string;
};

function DrawdownTooltip({ active, payload }: TooltipContentProps) {
  const point = payload?.[0]?.payload as DrawdownPoint | undefined;
  if (!active || !point) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{point.date}</p>
      <p>{point.drawdown === 0 ? "At a peak" : `${formatAxisPct(point.drawdown, 2)} below the peak`}</p>
    </div>
  );
}

export function DrawdownChart({ points, label, height = 200, className }: DrawdownChartProps) {
  const isClient = useIsClient();
  const gradientId = `drawdown-fill-${useId().replace(/:/g, "")}`;
  const isLongRange = points.length > 120;
  return (
    <div role="img" aria-label={label} className={cn("w-full", className)} style={{ height }}>
      {isClient && points.length > 0 ? (
        <AreaChart data={points as DrawdownPoint[]} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="var(--down)" stopOpacity={0.05} />
              <stop offset="100%" stopColor="var(--down)" stopOpacity={0.4} />
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
            tickFormatter={(value: number) => formatAxisPct(value)}
            tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
            stroke="var(--border)"
            width={52}
            domain={["dataMin", 0]}
          />
          <Tooltip content={DrawdownTooltip} />
          <Area type="linear" dataKey="drawdown" stroke="var(--down)" strokeWidth={1.5} fill={`url(#${gradientId})`} isAnimationActive={false} dot={false} baseValue={0} />
        </AreaChart>
      ) : null}
    </div>
  );
}
