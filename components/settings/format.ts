// Formatted by hand, not with Intl: the server's and the browser's ICU data can differ, and a client
// component rendering a different string than the server would be a hydration error.

export function toIso(date: Date | string): string {
  return new Date(date).toISOString();
}

/** "2025-03-14 09:26 UTC" */
export function formatUtc(date: Date | string): string {
  const iso = toIso(date);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
