import { describe, expect, test } from "vitest";
import type { Ticker } from "@/lib/exchanges/types";
import type { TickerEvent } from "./events";
import { hasTickerChanged, nextSequence, selectChangedTickers, toTickerEvent } from "./ticker-events";

const ticker: Ticker = {
  symbol: "BTC/USDT",
  timestamp: 1_700_000_000_000,
  datetime: "2023-11-14T22:13:20.000Z",
  last: 95_000.5,
  open: 94_000,
  high: 96_000,
  low: 93_500,
  close: 95_000.5,
  change: 1_000.5,
  percentage: 1.0644,
  vwap: 94_800,
  baseVolume: 12_345.6,
  quoteVolume: 1_170_000_000,
  bid: 95_000.4,
  bidVolume: 1,
  ask: 95_000.6,
  askVolume: 2,
};

describe("toTickerEvent", () => {
  test("maps a unified ticker to the bus contract with a path symbol", () => {
    expect(toTickerEvent("demo", ticker)).toEqual({
      exchange: "demo",
      symbol: "BTC-USDT",
      last: 95_000.5,
      bid: 95_000.4,
      ask: 95_000.6,
      open24h: 94_000,
      high24h: 96_000,
      low24h: 93_500,
      change24hPct: 1.0644,
      volume24h: 12_345.6,
      quoteVolume24h: 1_170_000_000,
      timestamp: 1_700_000_000_000,
    });
  });

  test("non-finite figures become null", () => {
    const event = toTickerEvent("binance", { ...ticker, bid: Number.NaN, percentage: Number.POSITIVE_INFINITY });
    expect(event.bid).toBeNull();
    expect(event.change24hPct).toBeNull();
  });
});

describe("change detection", () => {
  const base = toTickerEvent("demo", ticker);
  test.each<[string, Partial<TickerEvent>, boolean]>([
    ["same quote, later timestamp", { timestamp: base.timestamp + 1000 }, false],
    ["last moved", { last: base.last + 0.01 }, true],
    ["bid moved", { bid: 1 }, true],
    ["ask moved", { ask: 1 }, true],
    ["volume moved", { volume24h: 1 }, true],
    ["24 h high moved", { high24h: 1 }, true],
  ])("%s → %s", (_name, patch, want) => {
    expect(hasTickerChanged(base, { ...base, ...patch })).toBe(want);
  });

  test("a symbol never sent counts as changed; order is kept", () => {
    const eth = { ...base, symbol: "ETH-USDT" };
    const previous = new Map([["BTC-USDT", base]]);
    expect(selectChangedTickers(previous, [eth, base, { ...base, last: 1 }]).map((t) => [t.symbol, t.last])).toEqual([
      ["ETH-USDT", base.last],
      ["BTC-USDT", 1],
    ]);
  });
});

describe("nextSequence", () => {
  test.each([
    [0, 1_000, 1_000],
    [1_000, 1_000, 1_001],
    [5_000, 1_000, 5_001],
    [1_000, 2_000, 2_000],
  ])("after %i at %i → %i (monotonic, never below the publish time)", (previous, at, want) => {
    expect(nextSequence(previous, at)).toBe(want);
  });
});
