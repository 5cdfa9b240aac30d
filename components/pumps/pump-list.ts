import type { PumpView } from "@/lib/signals/pumps-schemas";

// Pure helpers of the live pumps list (browser-safe).

export type PumpFilter = { symbol?: string; status?: PumpView["status"]; direction?: PumpView["direction"] };

export function matchesFilter(pump: PumpView, filter: PumpFilter): boolean {
  return (!filter.symbol || pump.symbol === filter.symbol) && (!filter.status || pump.status === filter.status) && (!filter.direction || pump.direction === filter.direction);
}

/**
 * Merges a streamed pump into the list: replaces the row with its id when the update is not older,
 * adds a new one in detection order (newest first), drops rows the filter no longer admits.
 */
export function mergePump(list: readonly PumpView[], pump: PumpView, filter: PumpFilter, maxRows = 200): PumpView[] {
  const index = list.findIndex((row) => row.id === pump.id);
  if (index >= 0) {
    const current = list[index]!;
    if (Date.parse(current.updatedAt) > Date.parse(pump.updatedAt) || (current.status === "faded" && pump.status === "active")) return [...list];
    if (!matchesFilter(pump, filter)) return list.filter((row) => row.id !== pump.id);
    const next = [...list];
    next[index] = pump;
    return next;
  }
  if (!matchesFilter(pump, filter)) return [...list];
  const next = [...list, pump].sort((a, b) => Date.parse(b.detectedAt) - Date.parse(a.detectedAt) || (a.id < b.id ? 1 : -1));
  return next.slice(0, maxRows);
}

/**
 * How much of the move the current price has given back: 0 at the peak, 1 back at the start,
 * negative beyond the peak (the move goes on). Null without a usable price.
 */
export function retracementOf(pump: Pick<PumpView, "startPrice" | "peakPrice">, price: number | null | undefined): number | null {
  const start = Number(pump.startPrice);
  const peak = Number(pump.peakPrice);
  if (price === null || price === undefined || !Number.isFinite(price) || !(peak !== start)) return null;
  return (peak - price) / (peak - start);
}

/** "3 min", "1 h 05 min", "2 d 4 h" between two instants. */
export function formatDuration(fromMs: number, toMs: number): string {
  const minutes = Math.max(0, Math.round((toMs - fromMs) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
