// Market figures formatted by hand, not with Intl, so the server's and the browser's output always match.

const MINUS = "−";

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function fixed(value: number, decimals: number): string {
  const [whole = "0", fraction] = Math.abs(value).toFixed(decimals).split(".");
  const sign = value < 0 && Number(Math.abs(value).toFixed(decimals)) !== 0 ? MINUS : "";
  return `${sign}${groupThousands(whole)}${fraction ? `.${fraction}` : ""}`;
}

/** Decimals a price is shown with: enough to see a tick move at every magnitude. */
export function priceDecimals(price: number): number {
  const abs = Math.abs(price);
  if (abs >= 100) return 2;
  if (abs >= 1) return 4;
  if (abs >= 0.01) return 5;
  return 8;
}

/** "95,123.45", "2.3012", "0.25010"; "—" when there is no value. */
export function formatPrice(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return fixed(value, decimals ?? priceDecimals(value));
}

/** A percentage that is already in percent units: 1.5 → "+1.50%", −0.4 → "−0.40%". */
export function formatPct(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const text = fixed(value, 2);
  return value > 0 && text !== "0.00" ? `+${text}%` : `${text}%`;
}

const COMPACT_UNITS: readonly [number, string][] = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "K"],
];

/** 1_234_567 → "1.23M", 987 → "987"; "—" when there is no value. */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const abs = Math.abs(value);
  for (const [size, unit] of COMPACT_UNITS) {
    if (abs >= size) {
      const scaled = value / size;
      return `${fixed(scaled, Math.abs(scaled) >= 100 ? 1 : 2)}${unit}`;
    }
  }
  return fixed(value, abs >= 100 || Number.isInteger(value) ? 0 : 2);
}

/** A base-currency amount with up to `maxDecimals` decimals and no trailing zeros. */
export function formatAmount(value: number, maxDecimals = 6): string {
  if (!Number.isFinite(value)) return "—";
  const text = fixed(value, maxDecimals);
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

/** "14:03:07" in UTC, the same on the server and in the browser. */
export function formatUtcTime(timestampMs: number): string {
  return new Date(timestampMs).toISOString().slice(11, 19);
}

export type Trend = "up" | "down" | "flat";

export function trendOf(value: number | null | undefined): Trend {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return "flat";
  return value > 0 ? "up" : "down";
}

/** The non-colour signal that goes with every up/down colour. */
export const TREND_ARROW: Readonly<Record<Trend, string>> = { up: "▲", down: "▼", flat: "•" };

export const TREND_TEXT_CLASS: Readonly<Record<Trend, string>> = {
  up: "text-up",
  down: "text-down",
  flat: "text-muted-foreground",
};

/** "BTC-USDT" → { base: "BTC", quote: "USDT" }. */
export function splitSymbol(symbol: string): { base: string; quote: string } {
  const [base = symbol, quote = ""] = symbol.split("-");
  return { base, quote };
}
