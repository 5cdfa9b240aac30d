// Formatted by hand, not with Intl, so the server's and the browser's output always match.

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** "$12,345.67" from a decimal string; "—" when there is no value. */
export function formatUsd(value: string | null): string {
  if (value === null) return "—";
  const amount = Number(value);
  if (!Number.isFinite(amount)) return "—";
  const [whole = "0", cents = "00"] = Math.abs(amount).toFixed(2).split(".");
  return `${amount < 0 ? "−" : ""}$${groupThousands(whole)}.${cents}`;
}

/** A decimal quantity without trailing zeros: "0.50000000" → "0.5". */
export function formatQuantity(value: string): string {
  if (!value.includes(".")) return value;
  return value.replace(/0+$/, "").replace(/\.$/, "");
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", or the UTC date for anything older than 30 days. */
export function formatRelative(iso: string, nowMs: number): string {
  const elapsedS = Math.floor((nowMs - new Date(iso).getTime()) / 1000);
  if (elapsedS < 60) return "just now";
  const minutes = Math.floor(elapsedS / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 30) return `${days} ${days === 1 ? "day" : "days"} ago`;
  return new Date(iso).toISOString().slice(0, 10);
}

export function pluralize(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
