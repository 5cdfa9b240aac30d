// What flows from the market feed to every instance and every browser. Shared by the feed (producer),
// the SSE hub (fan-out) and the pages (consumers); browser-safe.

/** Bus channels (lib/realtime/bus.ts). */
export const CHANNELS = {
  tickers: "market.tickers",
  signals: "signals",
  pumps: "pumps",
  notifications: "notifications",
  sessions: "auth.sessions",
  /** An alert was created, changed or deleted: `AlertChange` (lib/alerts/evaluate.ts); keeps every instance's evaluator current. */
  alerts: "alerts.changed",
} as const;

/** Stream channels a client may ask for: GET /api/v1/stream?channels=tickers,signals,pumps,notifications */
export const STREAM_CHANNELS = ["tickers", "signals", "pumps", "notifications"] as const;
export type StreamChannel = (typeof STREAM_CHANNELS)[number];

/** One symbol's latest quote. `symbol` in path form ("BTC-USDT"); prices as numbers (display data). */
export type TickerEvent = {
  exchange: string;
  symbol: string;
  last: number;
  bid: number | null;
  ask: number | null;
  open24h: number | null;
  high24h: number | null;
  low24h: number | null;
  change24hPct: number | null;
  volume24h: number | null;
  quoteVolume24h: number | null;
  /** Exchange time of the quote, ms since epoch. */
  timestamp: number;
};

/** Published on CHANNELS.tickers once per feed tick: every ticker that changed in that tick. */
export type TickerBatch = {
  exchange: string;
  /** Monotonic per ingester; lets consumers drop stale batches after an ingester hand-over. */
  sequence: number;
  /** When the ingester published the batch (ms since epoch), for end-to-end latency measurement. */
  publishedAt: number;
  tickers: TickerEvent[];
};

/**
 * SSE wire format (GET /api/v1/stream):
 * - `event: tickers` — data: TickerEvent[] (changed tickers since the client's last event; a slow
 *   client receives only the latest quote per symbol, never a backlog)
 * - `event: signal`, `event: pump`, `event: notification` — data: the JSON object; these carry an `id:`
 *   and are replayed after `Last-Event-ID` from a bounded log
 * - `event: ready` — data: { channels, serverTime } once at connect
 * - a `: heartbeat` comment every 15 s; the stream ends when the session is revoked (`event: end`).
 */
export type StreamEventName = "tickers" | "signal" | "pump" | "notification" | "ready" | "end";
