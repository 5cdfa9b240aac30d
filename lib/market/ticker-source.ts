import type { ExchangeClient, Ticker } from "@/lib/exchanges/types";

// Where the feed's ticks come from. Each feed tick asks the source for the latest tickers.
// - Polling (used today): one fetchTickers call per tick; works for the demo exchange and every ccxt
//   exchange over REST.
// - watchTickers hook: ccxt pro's websocket `watchTickers` is not available offline, so nothing
//   creates a watching client yet. A client that has it can be wrapped with createWatchTickersSource;
//   selectTickerSource switches to it automatically when the client offers `watchTickers`.

export type TickerSource = {
  readonly kind: "poll" | "watch";
  /** The latest ticker of each tracked symbol that has one. */
  next(): Promise<Ticker[]>;
  close(): Promise<void>;
};

/** The ccxt pro method the watch hook needs: resolves with the tickers that changed since the last call. */
export type WatchTickersCapable = { watchTickers(symbols?: readonly string[]): Promise<Record<string, Ticker>> };

export function createPollingTickerSource(client: ExchangeClient, symbols: readonly string[]): TickerSource {
  return {
    kind: "poll",
    next: async () => Object.values(await client.fetchTickers(symbols)),
    close: async () => {},
  };
}

/**
 * Keeps a watchTickers loop running in the background and answers each tick with the latest ticker
 * per symbol received so far. A failing watch is retried after `retryMs`; the last error is rethrown
 * by next() until updates flow again.
 */
export function createWatchTickersSource(client: WatchTickersCapable, symbols: readonly string[], { retryMs = 1_000 } = {}): TickerSource {
  const latest = new Map<string, Ticker>();
  let closed = false;
  let lastError: unknown = null;
  const loop = async () => {
    while (!closed) {
      try {
        const update = await client.watchTickers(symbols);
        for (const ticker of Object.values(update)) latest.set(ticker.symbol, ticker);
        lastError = null;
      } catch (error) {
        lastError = error;
        await new Promise((resolve) => setTimeout(resolve, retryMs).unref());
      }
    }
  };
  void loop();
  return {
    kind: "watch",
    next: async () => {
      if (lastError && latest.size === 0) throw lastError;
      return [...latest.values()];
    },
    close: async () => {
      closed = true;
    },
  };
}

function canWatchTickers(client: object): client is WatchTickersCapable {
  return typeof (client as Partial<WatchTickersCapable>).watchTickers === "function";
}

/** The watch hook when the client supports it, else polling. */
export function selectTickerSource(client: ExchangeClient, symbols: readonly string[]): TickerSource {
  return canWatchTickers(client) ? createWatchTickersSource(client, symbols) : createPollingTickerSource(client, symbols);
}
