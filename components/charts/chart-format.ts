// Axis and tooltip labels shared by the portfolio charts (plain numbers in, text out).

const MINUS = "−";

export function formatAxisUsd(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : "";
  if (abs >= 1e9) return `${sign}$${(abs / 1e9).toFixed(1)}B`;
  if (abs >= 1e6) return `${sign}$${(abs / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${sign}$${(abs / 1e3).toFixed(abs >= 1e4 ? 0 : 1)}K`;
  return `${sign}$${abs.toFixed(0)}`;
}

export function formatTooltipUsd(value: number): string {
  const sign = value < 0 ? MINUS : "";
  const [whole = "0", fraction = "00"] = Math.abs(value).toFixed(2).split(".");
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
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
