import type { AlertType } from "./schemas";

// The in-memory alert book: which alerts a market event fires. Pure (no I/O, no clock: every call
// takes `nowMs`), so one instance per process mirrors the active alerts of the database and a tick
// costs only what it crosses.
//
// Per symbol:
// - price_above / price_below: thresholds sorted ascending; a tick from `prev` to `price` fires the
//   slice prev < t ≤ price (up) or price ≤ t < prev (down), found by binary search. Crossing
//   semantics: an alert fires when the price moves through its threshold, never merely for being on
//   the far side (creation refuses a threshold the price is already past, see queries.ts).
// - pct_move: one rolling window of ticks as two monotonic deques (running min and max). An alert
//   fires when the current price is ≥ threshold % above the lowest or below the highest price of
//   its window, where the window is the last windowMinutes but never earlier than the alert's arming
//   time (creation, resume or its last firing): only moves that happen while it watches count.
// - signal / pump: every alert of the symbol fires on a new signal or pump of it.
// A firing one-shot alert leaves the book; a repeating one stays, silent until its cooldown ends.
// Prices here are floats: they come as numbers from the feed and only decide comparisons.

export type BookAlert = {
  id: string;
  userId: string;
  type: AlertType;
  /** Path form, "BTC-USDT". */
  symbol: string;
  /** Price (above/below) or percentage (pct_move); null for signal/pump. */
  threshold: number | null;
  windowMinutes: number | null;
  isRepeating: boolean;
  cooldownMinutes: number;
  /** Moves before this instant do not count (pct_move). */
  armedAtMs: number;
  /** No firing before this instant (repeating alerts after a firing). */
  quietUntilMs: number;
};

export type AlertTrigger =
  | { kind: "price_above" | "price_below"; price: number; previousPrice: number }
  | { kind: "pct_move"; price: number; referencePrice: number; movePct: number; windowMinutes: number }
  | { kind: "signal"; signal: Record<string, unknown> }
  | { kind: "pump"; pump: Record<string, unknown> };

export type AlertFire = { alert: BookAlert; trigger: AlertTrigger; atMs: number };

/** The bus message of CHANNELS.alerts: the alert's book state, or null when it is not active (paused, triggered, deleted). */
export type AlertChange = { id: string; alert: BookAlert | null };

type Sample = { t: number; p: number };

/** Sliding min and max over ticks: amortised O(1) per tick, O(log n) per query. */
export class PriceWindow {
  private readonly mins: Sample[] = [];
  private readonly maxs: Sample[] = [];
  private minHead = 0;
  private maxHead = 0;

  push(t: number, p: number): void {
    while (this.mins.length > this.minHead && this.mins[this.mins.length - 1]!.p >= p) this.mins.pop();
    this.mins.push({ t, p });
    while (this.maxs.length > this.maxHead && this.maxs[this.maxs.length - 1]!.p <= p) this.maxs.pop();
    this.maxs.push({ t, p });
  }

  /** Drops samples older than `fromMs` that can no longer be any window's extreme. */
  trim(fromMs: number): void {
    while (this.minHead < this.mins.length - 1 && this.mins[this.minHead]!.t < fromMs) this.minHead++;
    while (this.maxHead < this.maxs.length - 1 && this.maxs[this.maxHead]!.t < fromMs) this.maxHead++;
    // Compacts once the dropped head outweighs the live part, so memory stays proportional to the window.
    if (this.minHead > 1024 && this.minHead * 2 > this.mins.length) {
      this.mins.splice(0, this.minHead);
      this.minHead = 0;
    }
    if (this.maxHead > 1024 && this.maxHead * 2 > this.maxs.length) {
      this.maxs.splice(0, this.maxHead);
      this.maxHead = 0;
    }
  }

  /** Lowest price at or after `fromMs`; null when there is no sample since. */
  minSince(fromMs: number): number | null {
    return firstAtOrAfter(this.mins, this.minHead, fromMs)?.p ?? null;
  }

  maxSince(fromMs: number): number | null {
    return firstAtOrAfter(this.maxs, this.maxHead, fromMs)?.p ?? null;
  }

  get size(): number {
    return this.mins.length - this.minHead + this.maxs.length - this.maxHead;
  }
}

// Monotonic deques keep increasing times; the extreme over [fromMs, now] is the first entry at or
// after fromMs (every entry is the extreme of the span since the entry before it).
function firstAtOrAfter(samples: readonly Sample[], head: number, fromMs: number): Sample | undefined {
  let lo = head;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (samples[mid]!.t < fromMs) lo = mid + 1;
    else hi = mid;
  }
  return samples[lo];
}

type Level = { threshold: number; alert: BookAlert };

type SymbolBook = {
  above: Level[];
  below: Level[];
  pct: Map<string, BookAlert>;
  signal: Map<string, BookAlert>;
  pump: Map<string, BookAlert>;
  window: PriceWindow;
};

/** Index of the first level with threshold > value (strict: true) or ≥ value (strict: false). */
function lowerBound(levels: readonly Level[], value: number, strict: boolean): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = levels[mid]!.threshold;
    if (strict ? t <= value : t < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertLevel(levels: Level[], level: Level): void {
  levels.splice(lowerBound(levels, level.threshold, true), 0, level);
}

function removeLevel(levels: Level[], alert: BookAlert): void {
  const at = levels.findIndex((level) => level.alert.id === alert.id);
  if (at >= 0) levels.splice(at, 1);
}

export function isQuiet(alert: BookAlert, nowMs: number): boolean {
  return nowMs < alert.quietUntilMs;
}

export class AlertBook {
  private readonly symbols = new Map<string, SymbolBook>();
  private readonly byId = new Map<string, BookAlert>();
  private readonly lastPrices = new Map<string, number>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): BookAlert | undefined {
    return this.byId.get(id);
  }

  lastPrice(symbol: string): number | undefined {
    return this.lastPrices.get(symbol);
  }

  /** Adds or replaces an active alert. */
  upsert(alert: BookAlert): void {
    this.remove(alert.id);
    const book = this.bookOf(alert.symbol);
    this.byId.set(alert.id, alert);
    switch (alert.type) {
      case "price_above":
        insertLevel(book.above, { threshold: alert.threshold ?? Infinity, alert });
        break;
      case "price_below":
        insertLevel(book.below, { threshold: alert.threshold ?? -Infinity, alert });
        break;
      case "pct_move":
        book.pct.set(alert.id, alert);
        break;
      case "signal":
        book.signal.set(alert.id, alert);
        break;
      case "pump":
        book.pump.set(alert.id, alert);
        break;
    }
  }

  remove(id: string): void {
    const alert = this.byId.get(id);
    if (!alert) return;
    this.byId.delete(id);
    const book = this.symbols.get(alert.symbol);
    if (!book) return;
    if (alert.type === "price_above") removeLevel(book.above, alert);
    else if (alert.type === "price_below") removeLevel(book.below, alert);
    else book[alert.type === "pct_move" ? "pct" : alert.type].delete(id);
  }

  /** Applies a bus message (CHANNELS.alerts). */
  apply(change: AlertChange): void {
    if (change.alert) this.upsert(change.alert);
    else this.remove(change.id);
  }

  /** One quote of `symbol`; returns the alerts it fires (already marked fired in the book). */
  onTick(symbol: string, price: number, nowMs: number): AlertFire[] {
    if (!Number.isFinite(price) || price <= 0) return [];
    const previous = this.lastPrices.get(symbol);
    this.lastPrices.set(symbol, price);
    const book = this.symbols.get(symbol);
    if (!book) return [];
    const fires: AlertFire[] = [];
    if (previous !== undefined && price > previous && book.above.length > 0) {
      // Thresholds in (previous, price].
      const from = lowerBound(book.above, previous, true);
      const to = lowerBound(book.above, price, true);
      for (const level of book.above.slice(from, to)) {
        if (isQuiet(level.alert, nowMs)) continue;
        fires.push({ alert: level.alert, trigger: { kind: "price_above", price, previousPrice: previous }, atMs: nowMs });
      }
    } else if (previous !== undefined && price < previous && book.below.length > 0) {
      // Thresholds in [price, previous).
      const from = lowerBound(book.below, price, false);
      const to = lowerBound(book.below, previous, false);
      for (const level of book.below.slice(from, to)) {
        if (isQuiet(level.alert, nowMs)) continue;
        fires.push({ alert: level.alert, trigger: { kind: "price_below", price, previousPrice: previous }, atMs: nowMs });
      }
    }
    if (book.pct.size > 0) {
      book.window.push(nowMs, price);
      let longestMs = 0;
      // Alerts armed before their window began share one lookup per window length.
      const extremes = new Map<number, { low: number | null; high: number | null }>();
      for (const alert of book.pct.values()) {
        const windowMs = (alert.windowMinutes ?? 0) * 60_000;
        longestMs = Math.max(longestMs, windowMs);
        if (isQuiet(alert, nowMs) || alert.threshold === null) continue;
        const fromMs = Math.max(nowMs - windowMs, alert.armedAtMs);
        let range = fromMs === nowMs - windowMs ? extremes.get(windowMs) : undefined;
        if (!range) {
          range = { low: book.window.minSince(fromMs), high: book.window.maxSince(fromMs) };
          if (fromMs === nowMs - windowMs) extremes.set(windowMs, range);
        }
        const { low, high } = range;
        const rise = low !== null && low > 0 ? ((price - low) / low) * 100 : 0;
        const drop = high !== null && high > 0 ? ((high - price) / high) * 100 : 0;
        const movePct = rise >= drop ? rise : -drop;
        if (Math.abs(movePct) + 1e-9 < alert.threshold) continue;
        fires.push({
          alert,
          trigger: { kind: "pct_move", price, referencePrice: movePct >= 0 ? low! : high!, movePct, windowMinutes: alert.windowMinutes ?? 0 },
          atMs: nowMs,
        });
      }
      book.window.trim(nowMs - longestMs);
    }
    for (const fire of fires) this.markFired(fire.alert, nowMs);
    return fires;
  }

  /** A new signal of `symbol` (CHANNELS.signals). */
  onSignal(symbol: string, signal: Record<string, unknown>, nowMs: number): AlertFire[] {
    return this.fireAll(this.symbols.get(symbol)?.signal, nowMs, { kind: "signal", signal });
  }

  /** A new pump or dump of `symbol` (CHANNELS.pumps). */
  onPump(symbol: string, pump: Record<string, unknown>, nowMs: number): AlertFire[] {
    return this.fireAll(this.symbols.get(symbol)?.pump, nowMs, { kind: "pump", pump });
  }

  private fireAll(alerts: Map<string, BookAlert> | undefined, nowMs: number, trigger: AlertTrigger): AlertFire[] {
    if (!alerts) return [];
    const fires: AlertFire[] = [];
    for (const alert of alerts.values()) if (!isQuiet(alert, nowMs)) fires.push({ alert, trigger, atMs: nowMs });
    for (const fire of fires) this.markFired(fire.alert, nowMs);
    return fires;
  }

  // The local effect of a firing, before the database confirms it: the claim in queries.ts decides
  // cluster-wide, and the winner's CHANNELS.alerts message then sets the authoritative state.
  private markFired(alert: BookAlert, nowMs: number): void {
    if (!alert.isRepeating) {
      this.remove(alert.id);
      return;
    }
    this.upsert({ ...alert, armedAtMs: nowMs, quietUntilMs: nowMs + alert.cooldownMinutes * 60_000 });
  }

  private bookOf(symbol: string): SymbolBook {
    let book = this.symbols.get(symbol);
    if (!book) {
      book = { above: [], below: [], pct: new Map(), signal: new Map(), pump: new Map(), window: new PriceWindow() };
      this.symbols.set(symbol, book);
    }
    return book;
  }
}

/** "BTC/USDT", "btc-usdt" → "BTC-USDT" (the form of TickerEvent.symbol and of stored alerts). */
export function normalizeSymbol(symbol: string): string {
  return symbol.trim().toUpperCase().replace(/[/_:]/g, "-");
}

/** Book state for an alert row: armed at its latest of creation, resume and firing. */
export function toBookAlert(row: {
  id: string;
  userId: string;
  type: AlertType;
  symbol: string;
  threshold: string | null;
  windowMinutes: number | null;
  isRepeating: boolean;
  cooldownMinutes: number;
  lastTriggeredAt: Date | null;
  updatedAt: Date;
}): BookAlert {
  const firedMs = row.lastTriggeredAt?.getTime() ?? 0;
  return {
    id: row.id,
    userId: row.userId,
    type: row.type,
    symbol: normalizeSymbol(row.symbol),
    threshold: row.threshold === null ? null : Number(row.threshold),
    windowMinutes: row.windowMinutes,
    isRepeating: row.isRepeating,
    cooldownMinutes: row.cooldownMinutes,
    armedAtMs: Math.max(row.updatedAt.getTime(), firedMs),
    quietUntilMs: row.isRepeating && firedMs > 0 ? firedMs + row.cooldownMinutes * 60_000 : 0,
  };
}

const formatPrice = (value: number) =>
  value.toLocaleString("en-US", { maximumFractionDigits: value >= 1000 ? 2 : value >= 1 ? 4 : 8, useGrouping: true });

/** Title and body of the notification a firing sends. */
export function describeFire(fire: { alert: Pick<BookAlert, "symbol" | "threshold" | "windowMinutes">; trigger: AlertTrigger }): { title: string; body: string } {
  const { alert, trigger } = fire;
  const threshold = alert.threshold ?? 0;
  switch (trigger.kind) {
    case "price_above":
      return { title: `${alert.symbol} above ${formatPrice(threshold)}`, body: `${alert.symbol} crossed above ${formatPrice(threshold)}: now ${formatPrice(trigger.price)}.` };
    case "price_below":
      return { title: `${alert.symbol} below ${formatPrice(threshold)}`, body: `${alert.symbol} crossed below ${formatPrice(threshold)}: now ${formatPrice(trigger.price)}.` };
    case "pct_move": {
      const sign = trigger.movePct >= 0 ? "+" : "−";
      const pct = `${sign}${Math.abs(trigger.movePct).toFixed(2)} %`;
      return {
        title: `${alert.symbol} moved ${pct} in ${trigger.windowMinutes} min`,
        body: `${alert.symbol} moved ${pct} (from ${formatPrice(trigger.referencePrice)} to ${formatPrice(trigger.price)}) within ${trigger.windowMinutes} minutes; your threshold is ${threshold} %.`,
      };
    }
    case "signal": {
      const direction = typeof trigger.signal.direction === "string" ? trigger.signal.direction.toUpperCase() : "New";
      const timeframe = typeof trigger.signal.timeframe === "string" ? ` (${trigger.signal.timeframe})` : "";
      const entry = typeof trigger.signal.entry === "string" || typeof trigger.signal.entry === "number" ? ` at ${trigger.signal.entry}` : "";
      return { title: `${direction} signal on ${alert.symbol}`, body: `A new ${direction.toLowerCase()} signal${timeframe} on ${alert.symbol}${entry}.` };
    }
    case "pump": {
      const direction = trigger.pump.direction === "dump" ? "Dump" : "Pump";
      const change = typeof trigger.pump.changePct === "number" ? ` ${trigger.pump.changePct >= 0 ? "+" : ""}${trigger.pump.changePct.toFixed(2)} %` : "";
      const window = typeof trigger.pump.windowMinutes === "number" ? ` in ${trigger.pump.windowMinutes} min` : "";
      return { title: `${direction} on ${alert.symbol}`, body: `${direction} detected on ${alert.symbol}:${change || " unusual move"}${window}.` };
    }
  }
}
