// Axis and tooltip labels shared by the portfolio charts (plain numbers in, text out).

const MINUS = "−";

/** The currencies chart amounts come in (portfolio base currencies). */
export type ChartCurrency = "USD" | "EUR" | "BTC";

const CURRENCY_SYMBOL: Readonly<Record<ChartCurrency, string>> = { USD: "$", EUR: "€", BTC: "₿" };

export function formatAxisUsd(value: number, currency: ChartCurrency = "USD"): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : "";
  const symbol = CURRENCY_SYMBOL[currency];
  if (currency === "BTC" && abs < 1e3) return `${sign}${symbol}${abs >= 10 ? abs.toFixed(0) : abs >= 1 ? abs.toFixed(1) : abs.toFixed(3)}`;
  if (abs >= 1e9) return `${sign}${symbol}${(abs / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${sign}${symbol}${(abs / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${sign}${symbol}${(abs / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}K`;
  return `${sign}${symbol}${abs.toFixed(0)}`;
}

export function formatTooltipUsd(value: number, currency: ChartCurrency = "USD"): string {
  const sign = value < 0 ? MINUS : "";
  const [whole = "0", fraction = "00"] = Math.abs(value).toFixed(currency === "BTC" ? 8 : 2).split(".");
  return `${sign}${CURRENCY_SYMBOL[currency]}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
}

export function formatAxisPct(fraction: number, decimals = 0): string {
  const pct = fraction * 100;
  return `${pct < 0 ? MINUS : ""}${Math.abs(pct).toFixed(decimals)}%`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-03-04" → "4 Mar" (or "Mar 2025" when `withYear`). */
export function formatAxisDay(day: string, withYear = false): string {
  const [year = "", month = "1", date = "1"] = day.split("-");
  const name = MONTHS[Number(month) - 1] ?? month;
  return withYear ? `${name} ${year}` : `${Number(date)} ${name}`;
}
