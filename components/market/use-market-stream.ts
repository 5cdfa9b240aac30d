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

import { computeBackoffMs, getStreamConnection, type StreamStatus } from "@/components/realtime/stream-connection";
import type { TickerEvent } from "@/lib/market/events";

export type { StreamStatus };

/** A ticker plus the direction of its last price move, for the flash and the arrows. */
export type LiveTicker = TickerEvent & { lastMove: "up" | "down" | null };

export type MarketStreamSnapshot = {
  tickers: ReadonlyMap<string, LiveTicker>;
  status: StreamStatus;
};

// Backoff lives with the shared connection; re-exported for the components that already import it here.
export { computeBackoffMs };

function toLiveTicker(next: TickerEvent, previous: LiveTicker | undefined): LiveTicker {
  if (!previous || previous.last === next.last) return { ...next, lastMove: previous?.lastMove ?? null };
  return { ...next, lastMove: next.last > previous.last ? "up" : "down" };
}

function isTickerEvent(value: unknown): value is TickerEvent {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<TickerEvent>;
  return typeof candidate.symbol === "string" && typeof candidate.last === "number" && typeof candidate.timestamp === "number";
}

// The page's tickers, fed by the tab's shared stream connection (components/realtime). Snapshots are
// immutable so useSyncExternalStore can compare by reference.
class MarketStreamStore {
  private snapshot: MarketStreamSnapshot;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;

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
    if (this.unsubscribe) return;
    this.unsubscribe = getStreamConnection().subscribe({
      channels: ["tickers"],
      onEvent: (event, data) => {
        if (event === "tickers") this.applyTickers(data);
      },
      onStatus: (status) => this.setState({ status }),
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private setState(patch: Partial<MarketStreamSnapshot>): void {
    const next = { ...this.snapshot, ...patch };
    if (next.status === this.snapshot.status && next.tickers === this.snapshot.tickers) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  private applyTickers(payload: unknown): void {
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
