// Geometry of the liquidation page's price axis. Pure, browser-safe.

export type AxisMark = { id: "entry" | "liquidation" | "stop"; price: number; label: string };
export type PlacedMark = AxisMark & { y: number };

/**
 * Places marks on a vertical axis `height` px tall, highest price at the top, with 12 % padding
 * around the outer marks (a zero-width range is opened to ±5 % of the price).
 */
export function layoutPriceAxis(marks: readonly AxisMark[], height: number): { marks: PlacedMark[]; min: number; max: number } {
  const prices = marks.map((mark) => mark.price).filter((price) => Number.isFinite(price) && price > 0);
  if (prices.length === 0) return { marks: [], min: 0, max: 0 };
  let low = Math.min(...prices);
  let high = Math.max(...prices);
  if (high === low) {
    low *= 0.95;
    high *= 1.05;
  }
  const pad = (high - low) * 0.12;
  const min = Math.max(0, low - pad);
  const max = high + pad;
  const y = (price: number) => ((max - price) / (max - min)) * height;
  return {
    marks: marks.filter((mark) => Number.isFinite(mark.price) && mark.price > 0).map((mark) => ({ ...mark, y: y(mark.price) })),
    min,
    max,
  };
}

/** Spreads label positions so no two are closer than `gap` px, keeping their order; stays in [0, height]. */
export function spreadLabels(positions: readonly number[], gap: number, height: number): number[] {
  const order = positions.map((y, index) => ({ y, index })).sort((a, b) => a.y - b.y);
  const placed: number[] = [];
  for (const item of order) {
    const previous = placed[placed.length - 1];
    placed.push(previous === undefined ? Math.max(item.y, gap / 2) : Math.max(item.y, previous + gap));
  }
  // Push back up from the bottom edge if the spread ran past it.
  for (let i = placed.length - 1; i >= 0; i--) {
    const limit = i === placed.length - 1 ? height - gap / 2 : placed[i + 1]! - gap;
    placed[i] = Math.min(placed[i]!, limit);
  }
  const out = new Array<number>(positions.length);
  order.forEach((item, i) => {
    out[item.index] = placed[i]!;
  });
  return out;
}

/**
 * What happens at the stop: whether it fires before liquidation, and the loss there (price move ×
 * quantity plus the taker fees of opening and closing). Null without a usable stop.
 */
export function describeStop({ side, entryPrice, quantity, stopPrice, liquidationPrice, takerFeeRate }: { side: "long" | "short"; entryPrice: number; quantity: number; stopPrice: number | null; liquidationPrice: number | null; takerFeeRate: number }): { isBeforeLiquidation: boolean; isOnLossSide: boolean; loss: number } | null {
  if (stopPrice === null || !Number.isFinite(stopPrice) || stopPrice <= 0) return null;
  const isOnLossSide = side === "long" ? stopPrice < entryPrice : stopPrice > entryPrice;
  const isBeforeLiquidation = liquidationPrice === null || (side === "long" ? stopPrice > liquidationPrice : stopPrice < liquidationPrice);
  const move = side === "long" ? entryPrice - stopPrice : stopPrice - entryPrice;
  const loss = move * quantity + (entryPrice + stopPrice) * quantity * takerFeeRate;
  return { isBeforeLiquidation, isOnLossSide, loss };
}
