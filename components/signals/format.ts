import type { SignalView } from "@/lib/signals/schemas";
import { TIER_LIMITS } from "@/lib/tiers";

// Words and numbers of the signals pages. Pure.

export const TRIGGER_LABEL: Readonly<Record<string, string>> = {
  rsi_oversold: "RSI oversold",
  rsi_overbought: "RSI overbought",
  macd_bullish_cross: "MACD bullish cross",
  macd_bearish_cross: "MACD bearish cross",
  close_below_lower_band: "Close below lower Bollinger band",
  close_above_upper_band: "Close above upper Bollinger band",
  ema_trend_up: "EMA 50 above EMA 200",
  ema_trend_down: "EMA 50 below EMA 200",
  volume_spike: "Volume spike",
};

export const OUTCOME_LABEL: Readonly<Record<NonNullable<SignalView["outcome"]>, string>> = {
  tp1: "TP1",
  tp2: "TP2",
  tp3: "TP3 reached",
  stop: "Stopped out",
  expired: "Expired (48 h)",
};

export function tierLabel(tier: SignalView["minTier"]): string {
  return TIER_LIMITS[tier].label;
}

/** The tier rule in one sentence, from the tier table itself. */
export function describeTierDelays(): string {
  const parts = (["free", "pro", "premium", "vip"] as const).map((tier) => {
    const minutes = TIER_LIMITS[tier].signalDelayMinutes;
    return `${TIER_LIMITS[tier].label}: ${minutes === 0 ? "at once" : `${minutes} min delay`}`;
  });
  return parts.join(" · ");
}

/** +1.50R, −1.00R, 0.00R; "—" without a value. */
export function formatR(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = Math.abs(value).toFixed(2);
  if (text === "0.00") return "0.00R";
  return `${value > 0 ? "+" : "−"}${text}R`;
}

/** A price string as shown: grouped thousands, the stored digits kept (no float rounding). */
export function formatLevel(value: string): string {
  const [whole = "0", fraction] = value.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

/** "12 min", "3 h 5 min", "2 d 4 h" (whole units, floor). */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** Percent distance of a level from the entry, signed in the signal's favour. */
export function levelDistancePct(signal: Pick<SignalView, "entry" | "direction">, level: string): number {
  const entry = Number(signal.entry);
  const sign = signal.direction === "buy" ? 1 : -1;
  return ((Number(level) - entry) / entry) * 100 * sign;
}

/** Whether a signal matches the list filters (for signals arriving on the stream). */
export function matchesFilters(
  signal: Pick<SignalView, "symbol" | "timeframe" | "direction" | "source">,
  filters: { symbol?: string; timeframe?: string; direction?: string; source?: string },
): boolean {
  return (
    (!filters.symbol || signal.symbol === filters.symbol) &&
    (!filters.timeframe || signal.timeframe === filters.timeframe) &&
    (!filters.direction || signal.direction === filters.direction) &&
    (!filters.source || signal.source === filters.source)
  );
}
