import { describe, expect, test } from "vitest";
import type { TickerEvent } from "@/lib/market/events";
import { CoalescingBuffer, createSseParser, encodeComment, encodeEvent, encodeJsonEvent, mergeLatestTickers, tickerKey, type SseMessage } from "./sse";

const ticker = (symbol: string, last: number, timestamp = 1_000, exchange = "demo"): TickerEvent => ({
  exchange,
  symbol,
  last,
  bid: null,
  ask: null,
  open24h: null,
  high24h: null,
  low24h: null,
  change24hPct: null,
  volume24h: null,
  quoteVolume24h: null,
  timestamp,
});

describe("encodeEvent", () => {
  test.each<[string, SseMessage, string]>([
    ["data only", { data: "hello" }, "data: hello\n\n"],
    ["empty data", { data: "" }, "data: \n\n"],
    ["named event with id", { event: "signal", id: "1700000000000-3", data: "{}" }, "id: 1700000000000-3\nevent: signal\ndata: {}\n\n"],
    ["LF splits data", { data: "a\nb" }, "data: a\ndata: b\n\n"],
    ["CRLF and CR split data", { data: "a\r\nb\rc" }, "data: a\ndata: b\ndata: c\n\n"],
    ["trailing newline keeps an empty last line", { data: "a\n" }, "data: a\ndata: \n\n"],
    ["retry first", { retry: 3000, event: "ready", data: "x" }, "retry: 3000\nevent: ready\ndata: x\n\n"],
    ["retry alone", { retry: 0 }, "retry: 0\n\n"],
    ["leading space in data is kept", { data: " x" }, "data:  x\n\n"],
  ])("%s", (_name, message, wire) => {
    expect(encodeEvent(message)).toBe(wire);
  });

  test.each<[string, SseMessage]>([
    ["id with a line break", { id: "1\n2", data: "x" }],
    ["id with NUL", { id: "1\0", data: "x" }],
    ["event with CR", { event: "a\rb", data: "x" }],
    ["negative retry", { retry: -1 }],
    ["fractional retry", { retry: 1.5 }],
  ])("refuses %s", (_name, message) => {
    expect(() => encodeEvent(message)).toThrow();
  });

  test("JSON data is one line even when strings hold line breaks", () => {
    expect(encodeJsonEvent("notification", { body: "two\nlines" }, "5-0")).toBe('id: 5-0\nevent: notification\ndata: {"body":"two\\nlines"}\n\n');
  });
});

describe("encodeComment", () => {
  test.each([
    ["heartbeat", ": heartbeat\n\n"],
    ["", ":\n\n"],
    ["a\nb", ": a\n: b\n\n"],
  ])("%j", (text, wire) => {
    expect(encodeComment(text)).toBe(wire);
  });
});

describe("createSseParser", () => {
  test.each<[string, string[], unknown[]]>([
    ["one event", ["event: a\ndata: 1\n\n"], [{ kind: "event", event: "a", data: "1", id: "" }]],
    ["default name is message", ["data: x\n\n"], [{ kind: "event", event: "message", data: "x", id: "" }]],
    ["multi-line data", ["data: a\ndata: b\n\n"], [{ kind: "event", event: "message", data: "a\nb", id: "" }]],
    ["split anywhere", ["ev", "ent: a\nda", "ta: 1\n", "\n"], [{ kind: "event", event: "a", data: "1", id: "" }]],
    ["CRLF split across chunks", ["data: 1\r", "\n\r\n"], [{ kind: "event", event: "message", data: "1", id: "" }]],
    ["CR line endings", ["data: 1\r\r"], [{ kind: "event", event: "message", data: "1", id: "" }]],
    ["BOM is skipped", ["\uFEFFdata: 1\n\n"], [{ kind: "event", event: "message", data: "1", id: "" }]],
    ["id persists to later events", ["id: 7-0\ndata: a\n\ndata: b\n\n"], [
      { kind: "event", event: "message", data: "a", id: "7-0" },
      { kind: "event", event: "message", data: "b", id: "7-0" },
    ]],
    ["id with NUL is ignored", ["id: 1\0\ndata: a\n\n"], [{ kind: "event", event: "message", data: "a", id: "" }]],
    ["no data, no event", ["event: a\n\n"], []],
    ["comment", [": heartbeat\n\n"], [{ kind: "comment", text: "heartbeat" }]],
    ["retry", ["retry: 2500\ndata: x\n\n"], [{ kind: "event", event: "message", data: "x", id: "", retry: 2500 }]],
    ["field without colon", ["data\n\n"], [{ kind: "event", event: "message", data: "", id: "" }]],
  ])("%s", (_name, chunks, want) => {
    const parser = createSseParser();
    expect(chunks.flatMap((chunk) => parser.push(chunk))).toEqual(want);
  });

  test("round-trips what encodeEvent writes", () => {
    const messages: SseMessage[] = [
      { event: "a", id: "1-0", data: "line 1\nline 2" },
      { event: "b", data: '{"x":1}' },
    ];
    const parsed = createSseParser().push(messages.map(encodeEvent).join(""));
    expect(parsed).toEqual([
      { kind: "event", event: "a", data: "line 1\nline 2", id: "1-0" },
      { kind: "event", event: "b", data: '{"x":1}', id: "1-0" },
    ]);
  });
});

describe("mergeLatestTickers", () => {
  test.each<[string, TickerEvent[], TickerEvent[], string[]]>([
    ["empty batch", [], [], []],
    ["new symbols are news", [], [ticker("BTC-USDT", 1), ticker("ETH-USDT", 2)], ["BTC-USDT", "ETH-USDT"]],
    ["newer quote is news", [ticker("BTC-USDT", 1, 1_000)], [ticker("BTC-USDT", 2, 2_000)], ["BTC-USDT"]],
    ["same timestamp is news (latest published wins)", [ticker("BTC-USDT", 1, 1_000)], [ticker("BTC-USDT", 2, 1_000)], ["BTC-USDT"]],
    ["older quote is dropped", [ticker("BTC-USDT", 1, 2_000)], [ticker("BTC-USDT", 2, 1_000)], []],
    ["other exchange is another key", [ticker("BTC-USDT", 1, 2_000, "binance")], [ticker("BTC-USDT", 2, 1_000)], ["BTC-USDT"]],
  ])("%s", (_name, held, batch, fresh) => {
    const latest = new Map(held.map((t) => [tickerKey(t), t]));
    expect(mergeLatestTickers(latest, batch).map((t) => t.symbol)).toEqual(fresh);
  });
});

describe("CoalescingBuffer", () => {
  type Step = ["tickers", TickerEvent[], string | null] | ["event", string];
  test.each<[string, Step[], { shared: string | null; tickers: [string, number][]; events: string[]; replaced: number }]>([
    ["nothing pending", [], { shared: null, tickers: [], events: [], replaced: 0 }],
    ["one batch keeps its shared frame", [["tickers", [ticker("A", 1), ticker("B", 1)], "frame-1"]], { shared: "frame-1", tickers: [["A", 1], ["B", 1]], events: [], replaced: 0 }],
    [
      "a second batch merges: latest per symbol, no shared frame",
      [
        ["tickers", [ticker("A", 1), ticker("B", 1)], "frame-1"],
        ["tickers", [ticker("A", 2)], "frame-2"],
        ["tickers", [ticker("A", 3), ticker("C", 3)], "frame-3"],
      ],
      { shared: null, tickers: [["A", 3], ["B", 1], ["C", 3]], events: [], replaced: 2 },
    ],
    ["events queue in order", [["event", "1-0"], ["event", "1-1"]], { shared: null, tickers: [], events: ["1-0", "1-1"], replaced: 0 }],
    [
      "events beyond the bound are refused",
      [["event", "1-0"], ["event", "1-1"], ["event", "1-2"], ["event", "1-3"]],
      { shared: null, tickers: [], events: ["1-0", "1-1", "1-2"], replaced: 0 },
    ],
    ["empty batch adds nothing", [["tickers", [], "frame-0"]], { shared: null, tickers: [], events: [], replaced: 0 }],
  ])("%s", (_name, steps, want) => {
    const buffer = new CoalescingBuffer<string>(3);
    let replaced = 0;
    for (const step of steps) {
      if (step[0] === "tickers") replaced += buffer.addTickers(step[1], step[2]);
      else buffer.addEvent({ id: step[1], frame: `frame ${step[1]}` });
    }
    const drained = buffer.drain();
    expect(drained.sharedTickerFrame).toBe(want.shared);
    expect(drained.tickers.map((t) => [t.symbol, t.last])).toEqual(want.tickers);
    expect(drained.events.map((e) => e.id)).toEqual(want.events);
    expect(replaced).toBe(want.replaced);
    expect(buffer.isEmpty).toBe(true);
  });

  test("a slow client holds one quote per symbol however many batches arrive", () => {
    const buffer = new CoalescingBuffer<string>(10);
    let replaced = 0;
    for (let tick = 1; tick <= 1_000; tick++) {
      replaced += buffer.addTickers(Array.from({ length: 50 }, (_, i) => ticker(`S${i}`, tick, tick)), `frame-${tick}`);
    }
    expect(buffer.pendingTickers).toBe(50);
    expect(replaced).toBe(50 * 999);
    expect(new Set(buffer.drain().tickers.map((t) => t.last))).toEqual(new Set([1_000]));
  });

  test("addEvent answers false when full", () => {
    const buffer = new CoalescingBuffer<string>(1);
    expect(buffer.addEvent({ id: "1-0", frame: "a" })).toBe(true);
    expect(buffer.addEvent({ id: "1-1", frame: "b" })).toBe(false);
    expect(buffer.pendingEvents).toBe(1);
  });
});
