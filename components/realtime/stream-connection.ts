"use client";

import { STREAM_CHANNELS, type StreamChannel } from "@/lib/market/events";

// One server-sent-events connection per browser tab, shared by everything live on the page: the market
// table, the notification bell, the signal and pump lists. Browsers allow six HTTP/1.1 connections per
// host and the server keeps at most five streams per user, so a stream per component would starve the
// page's own requests and, with a few tabs open, close each other in turn.
//
// The connection asks for the union of the channels its listeners want; when a listener needs a channel
// the open stream lacks, it reconnects with the wider set, resuming discrete events (signals, pumps,
// notifications) after the last id it saw, so nothing is lost in between. It reconnects with backoff on
// errors and on the server's `end` event, and replaces a stream that has gone silent.

export type StreamStatus = "connecting" | "live" | "reconnecting" | "stale";

/** Named SSE events a listener may receive (lib/market/events.ts documents the wire format). */
export type StreamEventName = "tickers" | "signal" | "pump" | "notification";

export type StreamListener = {
  channels: readonly StreamChannel[];
  onEvent?: (event: StreamEventName, data: unknown) => void;
  onStatus?: (status: StreamStatus) => void;
};

const STREAM_PATH = "/api/v1/stream";
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
// Heartbeats are SSE comments (invisible to EventSource); with tickers flowing an event arrives every
// second, and without tickers the server still writes within 15 s, which `ready` and events prove.
const STALE_AFTER_MS = 30_000;
const RECONNECT_SILENT_AFTER_MS = 60_000;
const WATCHDOG_INTERVAL_MS = 5_000;
// Closing the last listener keeps the stream a moment, so a client-side navigation reuses it.
const LINGER_MS = 3_000;
const EVENT_NAMES: readonly StreamEventName[] = ["tickers", "signal", "pump", "notification"];

/** Delay before reconnect attempt `attempt` (0-based): 1 s doubling to 30 s, with up to 30 % jitter. */
export function computeBackoffMs(attempt: number, random: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.min(BACKOFF_MAX_MS, Math.round(base * (1 + 0.3 * random)));
}

/** The stream URL for a set of channels, in a stable order, resuming after `lastEventId` when given. */
export function streamUrl(channels: ReadonlySet<StreamChannel>, lastEventId: string | null): string {
  const ordered = STREAM_CHANNELS.filter((channel) => channels.has(channel));
  const params = new URLSearchParams({ channels: ordered.join(",") });
  if (lastEventId) params.set("lastEventId", lastEventId);
  return `${STREAM_PATH}?${params.toString()}`;
}

export class StreamConnection {
  private readonly listeners = new Set<StreamListener>();
  private source: EventSource | null = null;
  private openChannels = new Set<StreamChannel>();
  private status: StreamStatus = "connecting";
  private attempt = 0;
  private lastEventAt = 0;
  private lastEventId: string | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly createSource: (url: string) => EventSource = (url) => new EventSource(url)) {}

  /** Adds a listener (opening or widening the stream as needed); returns its removal. */
  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    clearTimeout(this.lingerTimer);
    listener.onStatus?.(this.status);
    if (!this.watchdog) this.watchdog = setInterval(this.checkSilence, WATCHDOG_INTERVAL_MS);
    const wanted = this.wantedChannels();
    if (!this.source && !this.reconnectTimer) this.connect();
    else if ([...wanted].some((channel) => !this.openChannels.has(channel))) this.reconnectNow();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.lingerTimer = setTimeout(() => this.shutdown(), LINGER_MS);
    };
  }

  getStatus(): StreamStatus {
    return this.status;
  }

  private wantedChannels(): Set<StreamChannel> {
    const wanted = new Set<StreamChannel>();
    for (const listener of this.listeners) for (const channel of listener.channels) wanted.add(channel);
    return wanted;
  }

  private setStatus(status: StreamStatus): void {
    if (status === this.status) return;
    this.status = status;
    for (const listener of [...this.listeners]) listener.onStatus?.(status);
  }

  private connect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    const channels = this.wantedChannels();
    if (channels.size === 0) return;
    this.openChannels = channels;
    const source = this.createSource(streamUrl(channels, this.lastEventId));
    this.source = source;
    this.lastEventAt = Date.now();
    source.addEventListener("ready", () => {
      this.lastEventAt = Date.now();
      this.setStatus("live");
    });
    for (const name of EVENT_NAMES) source.addEventListener(name, (event) => this.dispatch(name, event as MessageEvent));
    source.addEventListener("end", () => this.scheduleReconnect());
    // EventSource retries on its own with a fixed delay; it is closed instead so the backoff here applies.
    source.onerror = () => this.scheduleReconnect();
  }

  private dispatch(name: StreamEventName, event: MessageEvent): void {
    // Backoff resets on data, not on `ready`: a server that accepts and then drops keeps backing off.
    this.attempt = 0;
    this.lastEventAt = Date.now();
    if (event.lastEventId) this.lastEventId = event.lastEventId;
    this.setStatus("live");
    let data: unknown;
    try {
      data = JSON.parse(String(event.data));
    } catch {
      return;
    }
    for (const listener of [...this.listeners]) {
      try {
        listener.onEvent?.(name, data);
      } catch (error) {
        console.error("stream listener failed", error);
      }
    }
  }

  private closeSource(): void {
    if (!this.source) return;
    this.source.onerror = null;
    this.source.close();
    this.source = null;
  }

  private reconnectNow(): void {
    this.closeSource();
    this.connect();
  }

  private scheduleReconnect(): void {
    this.closeSource();
    if (this.listeners.size === 0) return;
    clearTimeout(this.reconnectTimer);
    const delayMs = computeBackoffMs(this.attempt, Math.random());
    this.attempt += 1;
    this.setStatus("reconnecting");
    this.reconnectTimer = setTimeout(() => this.connect(), delayMs);
  }

  private readonly checkSilence = (): void => {
    // Only a ticker stream is expected to speak every second; others may rightly be quiet for hours.
    if (!this.source || this.status === "reconnecting" || !this.openChannels.has("tickers")) return;
    const silentMs = Date.now() - this.lastEventAt;
    if (silentMs > RECONNECT_SILENT_AFTER_MS) this.scheduleReconnect();
    else if (silentMs > STALE_AFTER_MS && this.status === "live") this.setStatus("stale");
  };

  private shutdown(): void {
    if (this.listeners.size > 0) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    this.closeSource();
    this.status = "connecting";
  }
}

let shared: StreamConnection | null = null;

/** The tab's one connection (created on first use, in the browser only). */
export function getStreamConnection(): StreamConnection {
  shared ??= new StreamConnection();
  return shared;
}
