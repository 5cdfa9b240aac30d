import type { AlertView } from "@/lib/alerts/schemas";

/** One line saying when the alert fires, e.g. "Crosses above 65,000". */
export function describeAlertCondition(alert: Pick<AlertView, "type" | "threshold" | "windowMinutes">): string {
  const threshold = alert.threshold === null ? "" : Number(alert.threshold).toLocaleString("en-US", { maximumFractionDigits: 18 });
  switch (alert.type) {
    case "price_above":
      return `Crosses above ${threshold}`;
    case "price_below":
      return `Crosses below ${threshold}`;
    case "pct_move":
      return `Moves ±${threshold} % within ${alert.windowMinutes ?? "?"} min`;
    case "signal":
      return "A new trading signal";
    case "pump":
      return "A pump or dump is detected";
  }
}
