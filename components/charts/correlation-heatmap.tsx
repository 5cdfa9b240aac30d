import type { CSSProperties } from "react";

import { cn } from "@/lib/utils";

type CorrelationHeatmapProps = {
  symbols: readonly string[];
  /** matrix[i][j] is the correlation of symbols i and j, −1…1, or null when it cannot be computed. */
  matrix: readonly (readonly (number | null)[])[];
  className?: string;
};

// Positive correlation in the primary colour, negative in the "down" colour, stronger = more opaque
// (capped so the figure stays readable on the cell).
function cellStyle(value: number | null): CSSProperties {
  if (value === null) return { backgroundColor: "var(--muted)" };
  const strength = Math.min(1, Math.abs(value));
  const color = value >= 0 ? "var(--primary)" : "var(--down)";
  return { backgroundColor: `color-mix(in oklab, ${color} ${Math.round(strength * 55)}%, transparent)` };
}

function formatCorrelation(value: number | null): string {
  if (value === null) return "—";
  return `${value < 0 ? "−" : ""}${Math.abs(value).toFixed(2)}`;
}

export function CorrelationHeatmap({ symbols, matrix, className }: CorrelationHeatmapProps) {
  return (
    <div className={cn("overflow-x-auto", className)}>
      <table className="border-separate border-spacing-1 text-xs">
        <caption className="sr-only">Correlation of daily price changes between the holdings</caption>
        <thead>
          <tr>
            <td />
            {symbols.map((symbol) => (
              <th key={symbol} scope="col" className="px-1 pb-1 text-center font-medium text-muted-foreground">
                {symbol}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {symbols.map((rowSymbol, i) => (
            <tr key={rowSymbol}>
              <th scope="row" className="pr-2 text-right font-medium text-muted-foreground">
                {rowSymbol}
              </th>
              {symbols.map((columnSymbol, j) => {
                const value = matrix[i]?.[j] ?? null;
                return (
                  <td
                    key={columnSymbol}
                    className="size-12 min-w-12 rounded-md text-center font-mono tabular-nums"
                    style={cellStyle(value)}
                    title={`${rowSymbol} / ${columnSymbol}: ${formatCorrelation(value)}`}
                  >
                    {formatCorrelation(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
