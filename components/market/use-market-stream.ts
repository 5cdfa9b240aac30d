"use client";

import {
  createContext,
  createElement,
  useContext,
  useEffect,
  useEffectEvent,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from "react";

import type { TickerEvent } from "@/lib/market/events";

export type StreamStatus = "connecting" | "live" | "reconnecting" | "stale";

/** A ticker plus the direction of its last price move, for the flash and the arrows. */
export type LiveTicker = TickerEvent & { lastMove: "up" | "down" | null };

export type MarketStreamSnapshot = {
  tickers: ReadonlyMap<string, LiveTicker>;
  status: StreamStatus;
};

const STREAM_URL = "/api/v1/stream?channels=tickers";
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const STALE_AFTER_MS = 30_000;
// A connection silent for this long is presumed half-dead and replaced.
const RECONNECT_SILENT_AFTER_MS = 60_000;
const WATCHDOG_INTERVAL_MS = 5_000;

/** Delay before reconnect attempt `attempt` (0-based): 1 s doubling to 30 s, with up to 30 % jitter. */
export function computeBackoffMs(attempt: number, random: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.min(BACKOFF_MAX_MS, Math.round(base * (1 + 0.3 * random)));
}

function toLiveTicker(next: TickerEvent, previous: LiveTicker | undefined): LiveTicker {
  if (!previous || previous.last === next.last) return { ...next, lastMove: previous?.lastMove ?? null };
  return { ...next, lastMove: next.last > previous.last ? "up" : "down" };
}

function isTickerEvent(value: unknown): value is TickerEvent {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<TickerEvent>;
  return typeof candidate.symbol === "string" && typeof candidate.last === "number" && typeof candidate.timestamp === "number";
}

// One EventSource per provider. Snapshots are immutable so useSyncExternalStore can compare by reference.
class MarketStreamStore {
  private snapshot: MarketStreamSnapshot;
  private readonly listeners = new Set<() => void>();
  private source: EventSource | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private attempt = 0;
  private lastSignalAt = 0;
  private isRunning = false;

  constructor(initialTickers: readonly TickerEvent[]) {
    const tickers = new Map<string, LiveTicker>();
    for (const ticker of initialTickers) tickers.set(ticker.symbol, { ...ticker, lastMove: null });
    this.snapshot = { tickers, status: "connecting" };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): MarketStreamSnapshot => this.snapshot;

  start(): void {
    if (this.isRunning) return;
    this.isRunning = true;
    this.connect();
    this.watchdog = setInterval(this.checkSilence, WATCHDOG_INTERVAL_MS);
  }

  stop(): void {
    this.isRunning = false;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.watchdog);
    this.closeSource();
  }

  private setState(patch: Partial<MarketStreamSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (next.status === this.snapshot.status && next.tickers === this.snapshot.tickers) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private connect(): void {
    if (!this.isRunning) return;
    const source = new EventSource(STREAM_URL);
    this.source = source;
    this.lastSignalAt = Date.now();
    source.addEventListener("ready", () => this.markAlive({ isProven: false }));
    source.addEventListener("tickers", (event) => this.applyTickers(event));
    source.addEventListener("end", () => this.scheduleReconnect());
    // EventSource retries on its own with a fixed delay; it is closed instead so the backoff here applies.
    source.onerror = () => this.scheduleReconnect();
  }

  private closeSource(): void {
    if (!this.source) return;
    this.source.onerror = null;
    this.source.close();
    this.source = null;
  }

  // Backoff resets on data, not on `ready`: a server that accepts and then drops at once keeps backing off.
  private markAlive({ isProven }: { isProven: boolean }): void {
    this.lastSignalAt = Date.now();
    if (isProven) this.attempt = 0;
    this.setState({ status: "live" });
  }

  private applyTickers(event: MessageEvent): void {
    let payload: unknown;
    try {
      payload = JSON.parse(String(event.data));
    } catch {
      return;
    }
    this.markAlive({ isProven: true });
    if (!Array.isArray(payload) || payload.length === 0) return;
    const tickers = new Map(this.snapshot.tickers);
    for (const item of payload) {
      if (!isTickerEvent(item)) continue;
      const previous = tickers.get(item.symbol);
      // A late quote never overwrites a newer one.
      if (previous && previous.timestamp > item.timestamp) continue;
      tickers.set(item.symbol, toLiveTicker(item, previous));
    }
    this.setState({ tickers });
  }

  private scheduleReconnect(): void {
    this.closeSource();
    if (!this.isRunning) return;
    clearTimeout(this.reconnectTimer);
    const delayMs = computeBackoffMs(this.attempt, Math.random());
    this.attempt += 1;
    this.setState({ status: "reconnecting" });
    this.reconnectTimer = setTimeout(() => this.connect(), delayMs);
  }

  // SSE comments (the server's heartbeats) are invisible to EventSource, so silence is measured from the
  // last event; the feed sends tickers every tick, so 30 s without one means the stream is stuck.
  private readonly checkSilence = (): void => {
    if (!this.source || this.snapshot.status === "reconnecting") return;
    const silentMs = Date.now() - this.lastSignalAt;
    if (silentMs > RECONNECT_SILENT_AFTER_MS) this.scheduleReconnect();
    else if (silentMs > STALE_AFTER_MS && this.snapshot.status === "live") this.setState({ status: "stale" });
  };
}

const MarketStreamContext = createContext<MarketStreamStore | null>(null);

/** Opens the page's one ticker stream; `initialTickers` (from the server render) show until it speaks. */
export function MarketStreamProvider({ initialTickers, children }: { initialTickers: readonly TickerEvent[]; children: ReactNode }) {
  const [store] = useState(() => new MarketStreamStore(initialTickers));
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  return createElement(MarketStreamContext.Provider, { value: store }, children);
}

function useStore(): MarketStreamStore {
  const store = useContext(MarketStreamContext);
  if (!store) throw new Error("useMarketStream must be used inside <MarketStreamProvider>");
  return store;
}

export function useMarketStream(): MarketStreamSnapshot {
  const store = useStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}

export function useTicker(symbol: string): LiveTicker | undefined {
  return useMarketStream().tickers.get(symbol);
}

export function useStreamStatus(): StreamStatus {
  return useMarketStream().status;
}

/** Calls `onTicker` with every new quote of `symbol` (for state that accumulates ticks, like a candle). */
export function useTickerListener(symbol: string, onTicker: (ticker: LiveTicker) => void): void {
  const store = useStore();
  const notify = useEffectEvent(onTicker);
  useEffect(() => {
    let previous = store.getSnapshot().tickers.get(symbol);
    return store.subscribe(() => {
      const next = store.getSnapshot().tickers.get(symbol);
      if (!next || next === previous) return;
      previous = next;
      notify(next);
    });
  }, [store, symbol]);
}
