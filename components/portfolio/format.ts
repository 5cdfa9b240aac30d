// Portfolio figures formatted by hand, not with Intl, so server and browser output always match.

const MINUS = "−";

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function toFinite(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const parsed = typeof value === "number" ? value : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

function fixed(value: number, decimals: number): { sign: string; text: string } {
  const [whole = "0", fraction] = Math.abs(value).toFixed(decimals).split(".");
  const isZero = Number(Math.abs(value).toFixed(decimals)) === 0;
  return { sign: value < 0 && !isZero ? MINUS : value > 0 && !isZero ? "+" : "", text: `${groupThousands(whole)}${fraction ? `.${fraction}` : ""}` };
}

/** The currencies amounts are shown in (portfolio base currencies). */
export type DisplayCurrency = "USD" | "EUR" | "BTC";

const SYMBOL: Readonly<Record<DisplayCurrency, string>> = { USD: "$", EUR: "€", BTC: "₿" };

function amountDecimals(abs: number, currency: DisplayCurrency): number {
  if (currency === "BTC") return abs >= 100 ? 4 : 8;
  if (abs === 0 || abs >= 1) return 2;
  if (abs >= 0.01) return 4;
  return 8;
}

/** "$12,345.67", "€12,345.67", "₿0.12345678"; "−$3.20" for a negative amount; "—" without a value. */
export function formatAmount(value: number | string | null | undefined, currency: DisplayCurrency = "USD", decimals?: number): string {
  const number = toFinite(value);
  if (number === null) return "—";
  const { sign, text } = fixed(number, decimals ?? amountDecimals(Math.abs(number), currency));
  return `${sign === MINUS ? MINUS : ""}${SYMBOL[currency]}${text}`;
}

/** "+$12.34" / "−€12.34" / "$0.00". */
export function formatSignedAmount(value: number | string | null | undefined, currency: DisplayCurrency = "USD", decimals?: number): string {
  const number = toFinite(value);
  if (number === null) return "—";
  const { sign, text } = fixed(number, decimals ?? amountDecimals(Math.abs(number), currency));
  return `${sign}${SYMBOL[currency]}${text}`;
}

/** "$1.23M" style for axes; bitcoin amounts keep their decimals ("₿1.25"). */
export function formatCompactAmount(value: number, currency: DisplayCurrency = "USD"): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : "";
  const symbol = SYMBOL[currency];
  if (currency === "BTC" && abs < 1e3) return `${sign}${symbol}${abs >= 10 ? abs.toFixed(1) : abs >= 1 ? abs.toFixed(2) : abs.toFixed(4)}`;
  if (abs >= 1e9) return `${sign}${symbol}${(abs / 1e9).toFixed(2)}B`;
  if (abs >= 1e6) return `${sign}${symbol}${(abs / 1e6).toFixed(2)}M`;
  if (abs >= 1e3) return `${sign}${symbol}${(abs / 1e3).toFixed(1)}K`;
  return `${sign}${symbol}${abs.toFixed(0)}`;
}

/** "$12,345.67"; "−$3.20" for a negative amount; "—" without a value. */
export function formatUsd(value: number | string | null | undefined, decimals?: number): string {
  return formatAmount(value, "USD", decimals);
}

/** "+$12.34" / "−$12.34" / "$0.00". */
export function formatSignedUsd(value: number | string | null | undefined, decimals?: number): string {
  return formatSignedAmount(value, "USD", decimals);
}

/** "$1.23M" style for axes. */
export function formatCompactUsd(value: number): string {
  return formatCompactAmount(value, "USD");
}

/** A value already in percent units, signed: 1.5 → "+1.50%". */
export function formatSignedPct(value: number | null | undefined, decimals = 2): string {
  const number = toFinite(value);
  if (number === null) return "—";
  const { sign, text } = fixed(number, decimals);
  return `${sign}${text}%`;
}

/** A fraction as a percentage: 0.1234 → "12.34%" (signed when `isSigned`). */
export function formatFraction(value: number | null | undefined, { isSigned = false, decimals = 2 } = {}): string {
  const number = toFinite(value);
  if (number === null) return "—";
  const { sign, text } = fixed(number * 100, decimals);
  return `${isSigned ? sign : sign === MINUS ? MINUS : ""}${text}%`;
}

/** A plain ratio such as Sharpe: "1.23", "−0.40". */
export function formatRatio(value: number | null | undefined, decimals = 2): string {
  const number = toFinite(value);
  if (number === null) return "—";
  const { sign, text } = fixed(number, decimals);
  return `${sign === MINUS ? MINUS : ""}${text}`;
}

/** A quantity with up to 8 decimals and no trailing zeros: "0.61", "5,000". */
export function formatQuantity(value: number | string | null | undefined, maxDecimals = 8): string {
  const number = toFinite(value);
  if (number === null) return "—";
  const { sign, text } = fixed(number, maxDecimals);
  const trimmed = text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
  return `${sign === MINUS ? MINUS : ""}${trimmed}`;
}

export type Trend = "up" | "down" | "flat";

export function trendOf(value: number | string | null | undefined): Trend {
  const number = toFinite(value);
  if (number === null || number === 0) return "flat";
  return number > 0 ? "up" : "down";
}

export const TREND_TEXT_CLASS: Readonly<Record<Trend, string>> = {
  up: "text-up",
  down: "text-down",
  flat: "text-muted-foreground",
};

/** The non-colour signal that goes with every up/down colour. */
export const TREND_ARROW: Readonly<Record<Trend, string>> = { up: "▲", down: "▼", flat: "" };

/** "2025-03-04" from an ISO timestamp or date (UTC). */
export function formatDay(iso: string): string {
  return iso.slice(0, 10);
}

/** "2025-03-04 14:03 UTC". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}
