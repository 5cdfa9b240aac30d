"use client";

import { Area, CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";

import { cn } from "@/lib/utils";

import { formatAxisUsd, formatTooltipUsd } from "./chart-format";
import { useIsClient } from "./use-is-client";

/** Percentiles of the simulated value `day` days from now. */
export type FanPoint = { day: number; p5: number; p50: number; p95: number };

type FanChartProps = {
  points: readonly FanPoint[];
  label: string;
  height?: number;
  className?: string;
};

type Row = FanPoint & { band: [number, number] };

function formatDayOffset(day: number): string {
  if (day === 0) return "Now";
  const months = Math.round(day / 30.4);
  return months >= 1 ? `+${months} mo` : `+${day} d`;
}

function FanTooltip({ active, payload }: TooltipContentProps) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{row.day === 0 ? "Today" : `In ${row.day} days`}</p>
      <p>95th percentile: {formatTooltipUsd(row.p95)}</p>
      <p>Median: {formatTooltipUsd(row.p50)}</p>
      <p>5th percentile: {formatTooltipUsd(row.p5)}</p>
    </div>
  );
}

export function FanChart({ points, label, height = 260, className }: FanChartProps) {
  const isClient = useIsClient();
  const rows: Row[] = points.map((point) => ({ ...point, band: [point.p5, point.p95] }));
  return (
    <div role="img" aria-label={label} className={cn("w-full", className)} style={{ height }}>
      {isClient && rows.length > 0 ? (
        <ComposedChart data={rows} responsive style={{ width: "100%", height: "100%" }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="day"
            type="number"
            domain={["dataMin", "dataMax"]}
            tickFormatter={formatDayOffset}
            tick={{ fill: "var(--muted-foreground)", fontSize: 11 }}
            stroke="var(--border)"
            minTickGap={24}
          />
          <YAxis tickFormatter={(value: number) => formatAxisUsd(value)} tick={{ fill: "var(--muted-foreground)", fontSize: 11 }} stroke="var(--border)" width={64} domain={["auto", "auto"]} />
          <Tooltip content={FanTooltip} />
          <Area type="monotone" dataKey="band" stroke="none" fill="var(--primary)" fillOpacity={0.18} isAnimationActive={false} />
          <Line type="monotone" dataKey="p95" stroke="var(--up)" strokeWidth={1} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="p50" stroke="var(--primary)" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="p5" stroke="var(--down)" strokeWidth={1} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        </ComposedChart>
      ) : null}
    </div>
  );
}
