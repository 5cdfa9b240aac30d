"use client";

import { formatPrice } from "@/components/market/format";

import { layoutPriceAxis, spreadLabels, type AxisMark } from "./price-axis";

const HEIGHT = 240;
const WIDTH = 320;
const AXIS_X = 96;
const LABEL_GAP = 18;

const TONE: Record<AxisMark["id"], string> = {
  entry: "var(--color-foreground)",
  liquidation: "var(--color-down)",
  stop: "var(--color-warning)",
};

/** A vertical price scale with entry, liquidation and an optional stop; the losing band is shaded. */
export function PriceAxis({ side, entryPrice, liquidationPrice, stopPrice }: { side: "long" | "short"; entryPrice: number; liquidationPrice: number | null; stopPrice: number | null }) {
  const marks: AxisMark[] = [{ id: "entry", price: entryPrice, label: "Entry" }];
  if (liquidationPrice !== null) marks.push({ id: "liquidation", price: liquidationPrice, label: "Liquidation" });
  if (stopPrice !== null && Number.isFinite(stopPrice) && stopPrice > 0) marks.push({ id: "stop", price: stopPrice, label: "Stop" });
  const layout = layoutPriceAxis(marks, HEIGHT);
  if (layout.marks.length === 0) return null;
  const labelY = spreadLabels(
    layout.marks.map((mark) => mark.y),
    LABEL_GAP,
    HEIGHT,
  );
  const entry = layout.marks.find((mark) => mark.id === "entry");
  const liquidation = layout.marks.find((mark) => mark.id === "liquidation");
  // The band between entry and liquidation (or the axis end when there is none) is where it loses.
  const lossEdge = liquidation?.y ?? (side === "long" ? HEIGHT : 0);
  const bandTop = entry ? Math.min(entry.y, lossEdge) : 0;
  const bandHeight = entry ? Math.abs(lossEdge - entry.y) : 0;

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full max-w-md" role="img" aria-label="Price axis with entry, liquidation and stop" data-testid="liq-axis">
      <text x={AXIS_X - 8} y={10} textAnchor="end" fontSize="10" fill="var(--color-muted-foreground)">
        {formatPrice(layout.max)}
      </text>
      <text x={AXIS_X - 8} y={HEIGHT - 2} textAnchor="end" fontSize="10" fill="var(--color-muted-foreground)">
        {formatPrice(layout.min)}
      </text>
      <rect x={AXIS_X} y={bandTop} width={WIDTH - AXIS_X - 8} height={bandHeight} fill="var(--color-down)" opacity={0.08} />
      <line x1={AXIS_X} x2={AXIS_X} y1={0} y2={HEIGHT} stroke="var(--color-border)" strokeWidth={2} />
      {layout.marks.map((mark, index) => (
        <g key={mark.id} data-testid={`liq-axis-${mark.id}`}>
          <line x1={AXIS_X} x2={WIDTH - 8} y1={mark.y} y2={mark.y} stroke={TONE[mark.id]} strokeWidth={mark.id === "entry" ? 2 : 1.5} strokeDasharray={mark.id === "stop" ? "4 3" : undefined} />
          <circle cx={AXIS_X} cy={mark.y} r={4} fill={TONE[mark.id]} />
          <text x={AXIS_X + 10} y={(labelY[index] ?? mark.y) - 4} fontSize="11" fill={TONE[mark.id]} fontWeight={600}>
            {mark.label} {formatPrice(mark.price)}
          </text>
        </g>
      ))}
    </svg>
  );
}
