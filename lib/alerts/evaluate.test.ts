import { describe, expect, test } from "vitest";
import { AlertBook, describeFire, normalizeSymbol, PriceWindow, toBookAlert, type BookAlert } from "./evaluate";

const MIN = 60_000;
const T0 = Date.UTC(2025, 5, 1, 12);

let nextId = 0;
function alert(patch: Partial<BookAlert> & Pick<BookAlert, "type">): BookAlert {
  nextId += 1;
  return {
    id: `a${nextId}`,
    userId: "u1",
    symbol: "BTC-USDT",
    threshold: null,
    windowMinutes: null,
    isRepeating: false,
    cooldownMinutes: 60,
    armedAtMs: T0,
    quietUntilMs: 0,
    ...patch,
  };
}

/** Feeds prices one second apart from T0; returns the ids fired at each step. */
function feed(book: AlertBook, prices: number[], { symbol = "BTC-USDT", stepMs = 1000, startMs = T0 } = {}): string[][] {
  return prices.map((price, i) => book.onTick(symbol, price, startMs + i * stepMs).map((fire) => fire.alert.id));
}

describe("price crossings", () => {
  test.each([
    // [type, threshold, prices, index of the tick that fires (or -1)]
    ["price_above", 100, [99, 99.5, 100, 101], 2],
    ["price_above", 100, [99, 101], 1],
    ["price_above", 100, [101, 102, 103], -1], // never below: no crossing
    ["price_above", 100, [101, 99, 100.01], 2], // down then up through it
    ["price_above", 100, [99, 99.99, 99.98], -1],
    ["price_below", 100, [101, 100.5, 100], 2],
    ["price_below", 100, [101, 99], 1],
    ["price_below", 100, [99, 98], -1],
    ["price_below", 100, [99, 101, 99.99], 2],
  ] as const)("%s %d over %j fires at tick %d", (type, threshold, prices, firesAt) => {
    const book = new AlertBook();
    const a = alert({ type, threshold });
    book.upsert(a);
    const fired = feed(book, [...prices]);
    fired.forEach((ids, i) => expect(ids).toEqual(i === firesAt ? [a.id] : []));
  });

  test("a jump fires exactly the thresholds it crosses, in either direction", () => {
    const book = new AlertBook();
    const aboves = [100, 105, 110, 120].map((threshold) => alert({ type: "price_above", threshold }));
    const belows = [90, 95, 99].map((threshold) => alert({ type: "price_below", threshold }));
    for (const a of [...aboves, ...belows]) book.upsert(a);
    const [first, jumpUp, jumpDown] = feed(book, [98, 110, 94]);
    expect(first).toEqual([]);
    expect(jumpUp!.sort()).toEqual([aboves[0]!.id, aboves[1]!.id, aboves[2]!.id].sort());
    expect(jumpDown!.sort()).toEqual([belows[1]!.id, belows[2]!.id].sort());
    expect(book.size).toBe(2); // one-shots left the book: 120 above and 90 below remain
  });

  test("one symbol's ticks do not touch another symbol's alerts", () => {
    const book = new AlertBook();
    const eth = alert({ type: "price_above", symbol: "ETH-USDT", threshold: 100 });
    book.upsert(eth);
    expect(feed(book, [99, 101])).toEqual([[], []]);
    expect(feed(book, [99, 101], { symbol: "ETH-USDT", startMs: T0 + 10_000 })).toEqual([[], [eth.id]]);
  });

  test("removed and replaced alerts", () => {
    const book = new AlertBook();
    const a = alert({ type: "price_above", threshold: 100 });
    book.upsert(a);
    book.apply({ id: a.id, alert: { ...a, threshold: 200 } });
    expect(feed(book, [99, 150])).toEqual([[], []]);
    book.apply({ id: a.id, alert: null });
    expect(book.size).toBe(0);
    expect(feed(book, [150, 250], { startMs: T0 + 5000 })).toEqual([[], []]);
  });
});

describe("repeating alerts and cooldown", () => {
  test("a repeating alert fires again on a later crossing only after its cooldown", () => {
    const book = new AlertBook();
    const a = alert({ type: "price_above", threshold: 100, isRepeating: true, cooldownMinutes: 5 });
    book.upsert(a);
    // Crosses at t=1 s, again at t=3 s (within the cooldown: silent).
    expect(feed(book, [99, 101, 99, 101])).toEqual([[], [a.id], [], []]);
    // After 5 minutes it fires on the next crossing.
    const later = T0 + 6 * MIN;
    expect(book.onTick("BTC-USDT", 99, later)).toEqual([]);
    expect(book.onTick("BTC-USDT", 100, later + 1000).map((fire) => fire.alert.id)).toEqual([a.id]);
    expect(book.get(a.id)?.quietUntilMs).toBe(later + 1000 + 5 * MIN);
  });

  test("a one-shot alert fires once", () => {
    const book = new AlertBook();
    const a = alert({ type: "price_below", threshold: 50 });
    book.upsert(a);
    expect(feed(book, [51, 49, 51, 49]).flat()).toEqual([a.id]);
    expect(book.get(a.id)).toBeUndefined();
  });

  test("toBookAlert: cooldown runs from the last firing; arming from the latest change", () => {
    const fired = new Date(T0);
    const row = {
      id: "x",
      userId: "u",
      type: "pct_move" as const,
      symbol: "btc/usdt",
      threshold: "2.5",
      windowMinutes: 15,
      isRepeating: true,
      cooldownMinutes: 10,
      lastTriggeredAt: fired,
      updatedAt: new Date(T0 - MIN),
    };
    expect(toBookAlert(row)).toMatchObject({ symbol: "BTC-USDT", threshold: 2.5, armedAtMs: T0, quietUntilMs: T0 + 10 * MIN });
    expect(toBookAlert({ ...row, isRepeating: false, lastTriggeredAt: null })).toMatchObject({ armedAtMs: T0 - MIN, quietUntilMs: 0 });
  });
});

describe("pct_move windows", () => {
  test("fires on a rise of the threshold % from the window's low", () => {
    const book = new AlertBook();
    const a = alert({ type: "pct_move", threshold: 2, windowMinutes: 5 });
    book.upsert(a);
    const fired = feed(book, [100, 99, 100, 100.9, 100.98, 101], { stepMs: 10_000 });
    // Low 99 at step 1; 99 × 1.02 = 100.98.
    expect(fired.findIndex((ids) => ids.length > 0)).toBe(4);
  });

  test("fires on a drop from the window's high, with a negative move in the trigger", () => {
    const book = new AlertBook();
    const a = alert({ type: "pct_move", threshold: 3, windowMinutes: 10 });
    book.upsert(a);
    book.onTick("BTC-USDT", 200, T0);
    book.onTick("BTC-USDT", 205, T0 + MIN);
    const fires = book.onTick("BTC-USDT", 198.85, T0 + 2 * MIN); // 205 × 0.97 = 198.85
    expect(fires).toHaveLength(1);
    expect(fires[0]!.trigger).toMatchObject({ kind: "pct_move", referencePrice: 205 });
    expect((fires[0]!.trigger as { movePct: number }).movePct).toBeCloseTo(-3, 6);
  });

  test("a move spread over more than the window does not fire", () => {
    const book = new AlertBook();
    const a = alert({ type: "pct_move", threshold: 2, windowMinutes: 5 });
    book.upsert(a);
    // +0.5 % every 2 minutes: +2 % takes 8 minutes, and any 5-minute span holds at most ~1.5 %.
    const prices = Array.from({ length: 9 }, (_, i) => 100 * 1.005 ** i);
    expect(feed(book, prices, { stepMs: 2 * MIN }).flat()).toEqual([]);
    // The same path within 5 minutes does.
    const fast = alert({ type: "pct_move", threshold: 2, windowMinutes: 5, symbol: "ETH-USDT" });
    book.upsert(fast);
    expect(feed(book, prices, { symbol: "ETH-USDT", stepMs: 30_000 }).flat()).toEqual([fast.id]);
  });

  test("moves before the alert was armed do not count", () => {
    const book = new AlertBook();
    const warm = alert({ type: "pct_move", threshold: 50, windowMinutes: 60 });
    book.upsert(warm); // keeps a window for the symbol
    feed(book, [100, 90], { stepMs: MIN });
    const late = alert({ type: "pct_move", threshold: 5, windowMinutes: 60, armedAtMs: T0 + 2 * MIN });
    book.upsert(late);
    // 100 → 90 (−10 %) happened in the hour but before arming; the first tick after arming is the base.
    expect(book.onTick("BTC-USDT", 94, T0 + 3 * MIN)).toEqual([]);
    expect(book.onTick("BTC-USDT", 98.6, T0 + 4 * MIN)).toEqual([]); // +4.9 % since arming
    expect(book.onTick("BTC-USDT", 98.8, T0 + 5 * MIN).map((fire) => fire.alert.id)).toEqual([late.id]);
  });

  test("a repeating pct_move re-arms at its firing: the same move does not fire it again", () => {
    const book = new AlertBook();
    const a = alert({ type: "pct_move", threshold: 1, windowMinutes: 60, isRepeating: true, cooldownMinutes: 1 });
    book.upsert(a);
    expect(feed(book, [100, 101.5], { stepMs: 1000 }).flat()).toEqual([a.id]);
    // After the cooldown the price sits still: no new move since the firing.
    expect(book.onTick("BTC-USDT", 101.5, T0 + 2 * MIN)).toEqual([]);
    expect(book.onTick("BTC-USDT", 102.6, T0 + 3 * MIN).map((fire) => fire.alert.id)).toEqual([a.id]);
  });

  test("PriceWindow: min and max since a time, after trimming", () => {
    const window = new PriceWindow();
    const prices = [5, 3, 8, 6, 7, 2, 9, 4];
    prices.forEach((price, i) => window.push(i * 1000, price));
    for (let from = 0; from < prices.length; from++) {
      const rest = prices.slice(from);
      expect(window.minSince(from * 1000)).toBe(Math.min(...rest));
      expect(window.maxSince(from * 1000)).toBe(Math.max(...rest));
    }
    window.trim(4000);
    expect(window.minSince(4000)).toBe(2);
    expect(window.maxSince(6500)).toBe(4);
    expect(window.minSince(99_000)).toBeNull();
  });
});

describe("signal and pump alerts", () => {
  test("a signal fires the symbol's signal alerts, not its pump alerts nor other symbols'", () => {
    const book = new AlertBook();
    const onBtc = alert({ type: "signal" });
    const pumpBtc = alert({ type: "pump" });
    const onEth = alert({ type: "signal", symbol: "ETH-USDT" });
    for (const a of [onBtc, pumpBtc, onEth]) book.upsert(a);
    const fires = book.onSignal("BTC-USDT", { direction: "buy", timeframe: "1h", entry: "65000" }, T0);
    expect(fires.map((fire) => fire.alert.id)).toEqual([onBtc.id]);
    expect(describeFire(fires[0]!)).toEqual({ title: "BUY signal on BTC-USDT", body: "A new buy signal (1h) on BTC-USDT at 65000." });
    expect(book.onSignal("BTC-USDT", {}, T0 + 1000)).toEqual([]); // one-shot: gone
    expect(book.onPump("BTC-USDT", { direction: "dump", changePct: -4.2, windowMinutes: 15 }, T0).map((fire) => describeFire(fire).title)).toEqual(["Dump on BTC-USDT"]);
  });

  test("a repeating pump alert respects its cooldown", () => {
    const book = new AlertBook();
    const a = alert({ type: "pump", isRepeating: true, cooldownMinutes: 30 });
    book.upsert(a);
    expect(book.onPump("BTC-USDT", { direction: "pump" }, T0)).toHaveLength(1);
    expect(book.onPump("BTC-USDT", { direction: "pump" }, T0 + 10 * MIN)).toHaveLength(0);
    expect(book.onPump("BTC-USDT", { direction: "pump" }, T0 + 31 * MIN)).toHaveLength(1);
  });
});

test.each([
  ["btc/usdt", "BTC-USDT"],
  ["ETH-USDT", "ETH-USDT"],
  [" sol_usdt ", "SOL-USDT"],
])("normalizeSymbol(%j) = %s", (input, want) => {
  expect(normalizeSymbol(input)).toBe(want);
});

test("describeFire for price and pct alerts", () => {
  const a = alert({ type: "price_above", threshold: 65000 });
  expect(describeFire({ alert: a, trigger: { kind: "price_above", price: 65012.5, previousPrice: 64990 } })).toEqual({
    title: "BTC-USDT above 65,000",
    body: "BTC-USDT crossed above 65,000: now 65,012.5.",
  });
  const p = alert({ type: "pct_move", threshold: 2, windowMinutes: 15 });
  expect(describeFire({ alert: p, trigger: { kind: "pct_move", price: 98, referencePrice: 100, movePct: -2, windowMinutes: 15 } }).title).toBe("BTC-USDT moved −2.00 % in 15 min");
});
