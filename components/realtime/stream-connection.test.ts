import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { StreamConnection, streamUrl, type StreamStatus } from "./stream-connection";

// A stand-in EventSource: records its URL and lets the test play the server's events.
class FakeSource {
  static opened: FakeSource[] = [];
  readonly handlers = new Map<string, ((event: MessageEvent) => void)[]>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSource.opened.push(this);
  }
  addEventListener(name: string, handler: (event: MessageEvent) => void) {
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), handler]);
  }
  close() {
    this.closed = true;
  }
  emit(name: string, data: unknown, lastEventId = "") {
    for (const handler of this.handlers.get(name) ?? []) handler({ data: JSON.stringify(data), lastEventId } as MessageEvent);
  }
}

const create = () => new StreamConnection((url) => new FakeSource(url) as unknown as EventSource);
const last = () => FakeSource.opened.at(-1)!;

beforeEach(() => {
  FakeSource.opened = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe("StreamConnection", () => {
  test("one stream for every listener; a listener needing another channel widens it, resuming after the last event id", () => {
    const connection = create();
    const tickers: unknown[] = [];
    const notes: unknown[] = [];
    connection.subscribe({ channels: ["tickers"], onEvent: (event, data) => event === "tickers" && tickers.push(data) });
    expect(FakeSource.opened).toHaveLength(1);
    expect(last().url).toBe("/api/v1/stream?channels=tickers");
    last().emit("signal", { id: "s1" }, "1700000000000-0");
    connection.subscribe({ channels: ["notifications", "tickers"], onEvent: (event, data) => event === "notification" && notes.push(data) });
    expect(FakeSource.opened).toHaveLength(2);
    expect(FakeSource.opened[0]!.closed).toBe(true);
    expect(last().url).toBe("/api/v1/stream?channels=tickers%2Cnotifications&lastEventId=1700000000000-0");
    // A third listener within the open set shares the stream.
    connection.subscribe({ channels: ["notifications"] });
    expect(FakeSource.opened).toHaveLength(2);
    last().emit("tickers", [{ symbol: "BTC-USDT" }]);
    last().emit("notification", { id: "n1" });
    expect(tickers).toEqual([[{ symbol: "BTC-USDT" }]]);
    expect(notes).toEqual([{ id: "n1" }]);
  });

  test("errors and `end` reconnect with growing backoff; data resets it; status reaches every listener", () => {
    const connection = create();
    const statuses: StreamStatus[] = [];
    connection.subscribe({ channels: ["tickers"], onStatus: (status) => statuses.push(status) });
    last().emit("ready", {});
    last().onerror!();
    expect(statuses).toEqual(["connecting", "live", "reconnecting"]);
    expect(FakeSource.opened).toHaveLength(1);
    vi.advanceTimersByTime(1_300);
    expect(FakeSource.opened).toHaveLength(2);
    last().emit("end", { reason: "stream_limit" });
    vi.advanceTimersByTime(1_999);
    expect(FakeSource.opened).toHaveLength(2); // second attempt waits ≥ 2 s
    vi.advanceTimersByTime(700);
    expect(FakeSource.opened).toHaveLength(3);
    last().emit("tickers", []);
    expect(statuses.at(-1)).toBe("live");
  });

  test("a ticker stream silent for a minute is replaced; a notifications-only stream may stay quiet", () => {
    const quiet = create();
    quiet.subscribe({ channels: ["notifications"] });
    vi.advanceTimersByTime(120_000);
    expect(FakeSource.opened).toHaveLength(1);

    const ticking = create();
    const statuses: StreamStatus[] = [];
    ticking.subscribe({ channels: ["tickers"], onStatus: (status) => statuses.push(status) });
    last().emit("tickers", []);
    vi.advanceTimersByTime(35_000);
    expect(statuses.at(-1)).toBe("stale");
    vi.advanceTimersByTime(30_000);
    expect(statuses.at(-1)).toBe("reconnecting");
  });

  test("the last listener leaving closes the stream after a short linger, unless another arrives", () => {
    const connection = create();
    const stop = connection.subscribe({ channels: ["tickers"] });
    stop();
    vi.advanceTimersByTime(1_000);
    connection.subscribe({ channels: ["tickers"] });
    vi.advanceTimersByTime(10_000);
    expect(FakeSource.opened).toHaveLength(1);
    expect(last().closed).toBe(false);
    const connection2 = create();
    connection2.subscribe({ channels: ["pumps"] })();
    vi.advanceTimersByTime(3_000);
    expect(last().closed).toBe(true);
  });

  test("streamUrl orders channels as the server lists them", () => {
    expect(streamUrl(new Set(["notifications", "signals", "tickers"]), null)).toBe("/api/v1/stream?channels=tickers%2Csignals%2Cnotifications");
  });
});
