// Server-sent events: the wire encoding (HTML Living Standard § 9.2), an incremental parser (tests and
// tools), and the per-client coalescing buffer of the hub. Pure: no I/O, no clock.
import type { TickerEvent } from "@/lib/market/events";

export type SseMessage = { event?: string; id?: string; data?: string; retry?: number };

export type SseParsed =
  | { kind: "event"; event: string; data: string; id: string; retry?: number }
  | { kind: "comment"; text: string };

const LINE_BREAK = /\r\n|\r|\n/;

function singleLine(value: string, field: string): string {
  // A line break would start a new field; a NUL makes browsers ignore the id.
  if (/[\r\n\0]/.test(value)) throw new Error(`SSE ${field} must be one line without NUL`);
  return value;
}

/** One event block: `retry`, `id`, `event`, then one `data:` line per line of data, then a blank line. */
export function encodeEvent(message: SseMessage): string {
  let out = "";
  if (message.retry !== undefined) {
    if (!Number.isInteger(message.retry) || message.retry < 0) throw new Error("SSE retry must be a whole number of ms");
    out += `retry: ${message.retry}\n`;
  }
  if (message.id !== undefined) out += `id: ${singleLine(message.id, "id")}\n`;
  if (message.event !== undefined) out += `event: ${singleLine(message.event, "event")}\n`;
  if (message.data !== undefined) for (const line of message.data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** A named event whose data is JSON (JSON.stringify never emits a raw line break, so one data line). */
export function encodeJsonEvent(event: string, payload: unknown, id?: string): string {
  return encodeEvent({ event, id, data: JSON.stringify(payload) });
}

/** A comment block (`: text`); clients ignore it, proxies see traffic. Used for the heartbeat. */
export function encodeComment(text = ""): string {
  return `${text
    .split(LINE_BREAK)
    .map((line) => (line ? `: ${line}` : ":"))
    .join("\n")}\n\n`;
}

/** Incremental parser with the browser's rules (BOM, CR/LF/CRLF, one leading space, NUL in id). */
export function createSseParser() {
  let pending = "";
  let sawCarriageReturn = false;
  let first = true;
  let data: string[] = [];
  let event = "";
  let lastEventId = "";
  let retry: number | undefined;

  function line(text: string, out: SseParsed[]): void {
    if (text === "") {
      if (data.length > 0) out.push({ kind: "event", event: event || "message", data: data.join("\n"), id: lastEventId, ...(retry !== undefined ? { retry } : {}) });
      data = [];
      event = "";
      retry = undefined;
      return;
    }
    const colon = text.indexOf(":");
    if (colon === 0) {
      out.push({ kind: "comment", text: text.slice(1).replace(/^ /, "") });
      return;
    }
    const field = colon < 0 ? text : text.slice(0, colon);
    const value = colon < 0 ? "" : text.slice(colon + 1).replace(/^ /, "");
    if (field === "data") data.push(value);
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) lastEventId = value;
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
  }

  return {
    push(chunk: string): SseParsed[] {
      const out: SseParsed[] = [];
      let text = chunk;
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      // A CR at the end of the previous chunk already ended its line; a LF right after belongs to it.
      if (sawCarriageReturn && text.startsWith("\n")) text = text.slice(1);
      sawCarriageReturn = false;
      pending += text;
      let start = 0;
      for (let i = 0; i < pending.length; i++) {
        const ch = pending.charCodeAt(i);
        if (ch !== 10 && ch !== 13) continue;
        line(pending.slice(start, i), out);
        if (ch === 13) {
          if (i + 1 === pending.length) sawCarriageReturn = true;
          else if (pending.charCodeAt(i + 1) === 10) i++;
        }
        start = i + 1;
      }
      pending = pending.slice(start);
      return out;
    },
  };
}

export const tickerKey = (ticker: Pick<TickerEvent, "exchange" | "symbol">) => `${ticker.exchange}:${ticker.symbol}`;

/**
 * Folds a batch into the latest quote per symbol and returns the quotes that are news: a quote older
 * than the one already held (a late batch, e.g. around an ingester hand-over) is dropped.
 */
export function mergeLatestTickers(latest: Map<string, TickerEvent>, tickers: readonly TickerEvent[]): TickerEvent[] {
  const fresh: TickerEvent[] = [];
  for (const ticker of tickers) {
    const key = tickerKey(ticker);
    const held = latest.get(key);
    if (held && held.timestamp > ticker.timestamp) continue;
    latest.set(key, ticker);
    fresh.push(ticker);
  }
  return fresh;
}

export type BufferedEvent<F> = { id: string; frame: F };

export type DrainedBuffer<F> = {
  /** The pre-encoded frame of the one batch pending, when nothing was merged into it. */
  sharedTickerFrame: F | null;
  /** The latest pending quote per symbol (empty when there is none). */
  tickers: TickerEvent[];
  events: BufferedEvent<F>[];
};

/**
 * What a client has not been sent yet. Tickers coalesce (latest quote per symbol wins), so a client that
 * cannot keep up holds at most one quote per symbol; discrete events queue up to `maxEvents`, after
 * which `addEvent` refuses (the hub then ends the stream and the client resumes with Last-Event-ID).
 * `F` is the encoded frame type (the hub shares one encoded frame among all up-to-date clients).
 */
export class CoalescingBuffer<F> {
  private readonly tickers = new Map<string, TickerEvent>();
  private sharedFrame: F | null = null;
  private events: BufferedEvent<F>[] = [];

  constructor(readonly maxEvents: number) {}

  get isEmpty(): boolean {
    return this.tickers.size === 0 && this.events.length === 0;
  }

  get pendingTickers(): number {
    return this.tickers.size;
  }

  get pendingEvents(): number {
    return this.events.length;
  }

  /** Adds a batch; returns how many pending quotes it replaced (updates this client will never see). */
  addTickers(tickers: readonly TickerEvent[], frame: F | null = null): number {
    const wasEmpty = this.tickers.size === 0;
    let replaced = 0;
    for (const ticker of tickers) {
      const key = tickerKey(ticker);
      if (this.tickers.has(key)) replaced++;
      this.tickers.set(key, ticker);
    }
    this.sharedFrame = wasEmpty && tickers.length > 0 ? frame : null;
    return replaced;
  }

  addEvent(event: BufferedEvent<F>): boolean {
    if (this.events.length >= this.maxEvents) return false;
    this.events.push(event);
    return true;
  }

  drain(): DrainedBuffer<F> {
    const drained: DrainedBuffer<F> = { sharedTickerFrame: this.sharedFrame, tickers: [...this.tickers.values()], events: this.events };
    this.tickers.clear();
    this.sharedFrame = null;
    this.events = [];
    return drained;
  }
}
