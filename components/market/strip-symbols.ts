// Which pairs the dashboard's ticker strip shows; shared by the server page, so not a client module.

const STRIP_BASES = ["BTC", "ETH", "SOL", "BNB", "XRP", "ADA", "DOGE", "AVAX", "LINK", "DOT"] as const;
const STRIP_SIZE = 8;

/** The strip's symbols: the best-known bases first, then other tracked pairs, up to eight. */
export function pickStripSymbols(tracked: readonly { symbol: string; base: string }[]): string[] {
  const rank = (base: string) => {
    const index = (STRIP_BASES as readonly string[]).indexOf(base);
    return index === -1 ? STRIP_BASES.length : index;
  };
  return [...tracked]
    .map((market, order) => ({ ...market, order }))
    .sort((a, b) => rank(a.base) - rank(b.base) || a.order - b.order)
    .slice(0, STRIP_SIZE)
    .map((market) => market.symbol);
}
