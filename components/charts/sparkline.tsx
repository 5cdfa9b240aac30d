import { cn } from "@/lib/utils";

type SparklineProps = {
  values: readonly number[];
  width?: number;
  height?: number;
  /** Spoken description; without it the line is decorative and hidden from assistive technology. */
  label?: string;
  className?: string;
};

// A plain SVG polyline: dozens render in a table without a charting library, and the server can draw it.
export function Sparkline({ values, width = 96, height = 28, label, className }: SparklineProps) {
  const points = values.filter((value) => Number.isFinite(value));
  const first = points[0];
  const last = points.at(-1);
  if (points.length < 2 || first === undefined || last === undefined) {
    return <span className={cn("inline-block", className)} style={{ width, height }} aria-hidden="true" />;
  }
  const min = Math.min(...points);
  const max = Math.max(...points);
  const range = max - min || 1;
  const padding = 2;
  const stepX = (width - padding * 2) / (points.length - 1);
  const path = points
    .map((value, index) => {
      const x = padding + index * stepX;
      const y = padding + (1 - (value - min) / range) * (height - padding * 2);
      return `${index === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(" ");
  const tone = last > first ? "text-up" : last < first ? "text-down" : "text-muted-foreground";
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className={cn("overflow-visible", tone, className)}
      role={label ? "img" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      data-testid="sparkline"
    >
      <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
