"use client";

import { Pie, PieChart, Tooltip, type TooltipContentProps } from "recharts";

import { cn } from "@/lib/utils";

import { formatTooltipUsd, type ChartCurrency } from "./chart-format";
import { colorSlices, type ColoredSlice, type DonutSlice } from "./donut-slices";
import { useIsClient } from "./use-is-client";

type AllocationDonutProps = {
  slices: readonly DonutSlice[];
  label: string;
  /** Slices past this many are drawn together as "Other". */
  maxSlices?: number;
  size?: number;
  /** The currency of the slice values (default USD). */
  currency?: ChartCurrency;
  className?: string;
};

function SliceTooltip({ active, payload, currency }: TooltipContentProps & { currency: ChartCurrency }) {
  const slice = payload?.[0]?.payload as ColoredSlice | undefined;
  if (!active || !slice) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{slice.key}</p>
      <p>
        {formatTooltipUsd(slice.valueUsd, currency)} · {(slice.weight * 100).toFixed(1)}%
      </p>
    </div>
  );
}

export function AllocationDonut({ slices, label, maxSlices, size = 200, currency = "USD", className }: AllocationDonutProps) {
  const isClient = useIsClient();
  const data = colorSlices(slices, maxSlices);
  return (
    <div role="img" aria-label={label} className={cn("shrink-0", className)} style={{ width: size, height: size }}>
      {isClient && data.length > 0 ? (
        <PieChart width={size} height={size}>
          <Pie
            data={data}
            dataKey="valueUsd"
            nameKey="key"
            innerRadius="58%"
            outerRadius="95%"
            paddingAngle={data.length > 1 ? 1 : 0}
            stroke="var(--card)"
            isAnimationActive={false}
          />
          <Tooltip content={(props: TooltipContentProps) => <SliceTooltip {...props} currency={currency} />} />
        </PieChart>
      ) : null}
    </div>
  );
}
