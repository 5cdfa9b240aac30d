import { describe, expect, test } from "vitest";
import {
  type ActiveSignal,
  type ClosedSignalRecord,
  computeSignalExpiry,
  computeSignalProgress,
  computeSignalStats,
} from "./lifecycle";

const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

// Buy: entry 100, stop 95, so 1R = 5 and the targets are 105 / 110 / 115.
const buy: ActiveSignal = {
  direction: "buy",
  entry: 100,
  stopLoss: 95,
  tp1: 105,
  tp2: 110,
  tp3: 115,
  createdAt: T0,
  expiresAt: computeSignalExpiry(T0),
};
// Sell: entry 100, stop 104, so 1R = 4 and the targets are 96 / 92 / 88.
const sell: ActiveSignal = { ...buy, direction: "sell", stopLoss: 104, tp1: 96, tp2: 92, tp3: 88 };

// [hour offset, open, high, low, close]
type Row = [number, number, number, number, number];
const bars = (rows: Row[]) =>
  rows.map(([hour, open, high, low, close]) => ({ openTime: T0 + hour * HOUR, open, high, low, close }));
const at = (hour: number) => T0 + hour * HOUR;
const AFTER_EXPIRY = at(49);

type Case = {
  name: string;
  signal: ActiveSignal;
  rows: Row[];
  now: number;
  want: Partial<ReturnType<typeof computeSignalProgress>>;
};

const cases: Case[] = [
  {
    name: "buy runs to TP3: TP1 at h1, TP2 and TP3 in the same bar at h2; (115-100)/5 = +3R, +15%",
    signal: buy,
    rows: [[0, 100, 103, 98, 102], [1, 102, 106, 101, 105], [2, 105, 116, 104, 114]],
    now: at(3),
    want: { status: "closed", outcome: "tp3", tp1HitAt: at(1), tp2HitAt: at(2), tp3HitAt: at(2), closedAt: at(2), exitPrice: 115, resultR: 3, resultPct: 15 },
  },
  {
    name: "buy touches TP1 then the stop: no partial exit, so (95-100)/5 = -1R, -5%",
    signal: buy,
    rows: [[0, 100, 106, 100, 104], [1, 104, 104, 94, 96]],
    now: at(2),
    want: { status: "closed", outcome: "stop", tp1HitAt: at(0), tp2HitAt: null, stopHitAt: at(1), exitPrice: 95, resultR: -1, resultPct: -5 },
  },
  {
    name: "one bar reaches TP1 and the stop: stop first, TP1 not recorded",
    signal: buy,
    rows: [[0, 100, 106, 94, 101]],
    now: at(1),
    want: { status: "closed", outcome: "stop", tp1HitAt: null, stopHitAt: at(0), resultR: -1 },
  },
  {
    name: "gap through the stop exits at the open: (93-100)/5 = -1.4R, -7%",
    signal: buy,
    rows: [[0, 100, 101, 99, 100], [1, 93, 94, 92, 93]],
    now: at(2),
    want: { status: "closed", outcome: "stop", exitPrice: 93, resultR: -1.4, resultPct: -7 },
  },
  {
    name: "still open before expiry keeps its milestones",
    signal: buy,
    rows: [[0, 100, 103, 98, 102], [1, 102, 111, 101, 108]],
    now: at(2),
    want: { status: "active", outcome: null, tp1HitAt: at(1), tp2HitAt: at(1), resultR: null },
  },
  {
    name: "expiry marks to the last close before expiresAt: (102-100)/5 = +0.4R, +2%",
    signal: buy,
    rows: [[0, 100, 103, 98, 101], [47, 101, 103, 99, 102], [48, 102, 120, 101, 119]],
    now: AFTER_EXPIRY,
    want: { status: "closed", outcome: "expired", closedAt: buy.expiresAt, exitPrice: 102, resultR: 0.4, resultPct: 2 },
  },
  {
    name: "bars before createdAt are ignored",
    signal: buy,
    rows: [[-1, 90, 120, 80, 100], [0, 100, 101, 99, 100]],
    now: at(1),
    want: { status: "active", stopHitAt: null, tp1HitAt: null },
  },
  {
    name: "expiry with no bar at all marks at entry: 0R",
    signal: buy,
    rows: [],
    now: AFTER_EXPIRY,
    want: { status: "closed", outcome: "expired", exitPrice: 100, resultR: 0, resultPct: 0 },
  },
  {
    name: "a stop before expiry wins over expiry even when checked late",
    signal: buy,
    rows: [[10, 100, 100, 94, 95]],
    now: AFTER_EXPIRY,
    want: { status: "closed", outcome: "stop", closedAt: at(10), resultR: -1 },
  },
  {
    name: "a TP1 time from an earlier check is kept",
    signal: { ...buy, tp1HitAt: at(3) },
    rows: [[5, 104, 107, 103, 106]],
    now: at(6),
    want: { status: "active", tp1HitAt: at(3) },
  },
  {
    name: "sell runs to TP3: (100-88)/4 = +3R, +12%",
    signal: sell,
    rows: [[0, 100, 101, 87, 89]],
    now: at(1),
    want: { status: "closed", outcome: "tp3", tp1HitAt: at(0), tp2HitAt: at(0), exitPrice: 88, resultR: 3, resultPct: 12 },
  },
  {
    name: "sell stopped: (100-104)/4 = -1R, -4%",
    signal: sell,
    rows: [[0, 100, 102, 95, 101], [1, 101, 105, 99, 104]],
    now: at(2),
    want: { status: "closed", outcome: "stop", tp1HitAt: at(0), exitPrice: 104, resultR: -1, resultPct: -4 },
  },
  {
    name: "sell expires below entry: (100-97)/4 = +0.75R, +3%",
    signal: sell,
    rows: [[20, 99, 100, 97, 97]],
    now: AFTER_EXPIRY,
    want: { status: "closed", outcome: "expired", exitPrice: 97, resultR: 0.75, resultPct: 3 },
  },
];

describe("computeSignalProgress", () => {
  test.each(cases)("$name", ({ signal, rows, now, want }) => {
    const got = computeSignalProgress(signal, bars(rows), { now });
    for (const [key, value] of Object.entries(want)) {
      if (typeof value === "number") expect(got[key as keyof typeof got], key).toBeCloseTo(value, 10);
      else expect(got[key as keyof typeof got], key).toBe(value);
    }
  });

  test("expiry uses markPrice when no bar arrived", () => {
    const got = computeSignalProgress(buy, [], { now: AFTER_EXPIRY, markPrice: 97.5 });
    expect(got).toMatchObject({ outcome: "expired", exitPrice: 97.5, resultR: -0.5 });
  });

  test("expiry is 48 hours after creation", () => {
    expect(computeSignalExpiry(T0)).toBe(T0 + 48 * HOUR);
  });

  test("levels on the wrong side are refused", () => {
    expect(() => computeSignalProgress({ ...buy, stopLoss: 101 }, [], { now: T0 })).toThrow(RangeError);
  });
});

describe("computeSignalStats", () => {
  const record = (symbol: string, timeframe: string, resultR: number | null, status: "active" | "closed" = "closed") =>
    ({ symbol, timeframe, resultR, status }) satisfies ClosedSignalRecord;
  const signals = [
    record("BTCUSDT", "1h", 3),
    record("BTCUSDT", "1h", -1),
    record("ETHUSDT", "4h", 0.4),
    record("ETHUSDT", "1h", -1),
    record("BTCUSDT", "4h", 0),
    record("BTCUSDT", "1h", null, "active"),
  ];

  test("overall: 5 closed, wins 3 and 0.4, losses 1 and 1", () => {
    expect(computeSignalStats(signals)).toMatchObject({
      count: 5,
      wins: 2,
      losses: 2,
      breakeven: 1,
      winRatePct: 40,
      totalR: expect.closeTo(1.4, 10), // 3 - 1 + 0.4 - 1 + 0
      averageR: expect.closeTo(0.28, 10),
      grossWinR: expect.closeTo(3.4, 10),
      grossLossR: 2,
      profitFactor: expect.closeTo(1.7, 10), // 3.4 / 2
    });
  });

  test.each([
    ["bySymbol", "BTCUSDT", { count: 3, winRatePct: 100 / 3, averageR: 2 / 3, profitFactor: 3 }],
    ["bySymbol", "ETHUSDT", { count: 2, winRatePct: 50, averageR: -0.3, profitFactor: 0.4 }],
    ["byTimeframe", "1h", { count: 3, winRatePct: 100 / 3, averageR: 1 / 3, profitFactor: 1.5 }],
    ["byTimeframe", "4h", { count: 2, winRatePct: 50, averageR: 0.2, profitFactor: null }],
  ] as const)("%s %s", (group, key, want) => {
    const stats = computeSignalStats(signals)[group][key];
    expect(stats?.count).toBe(want.count);
    expect(stats?.winRatePct).toBeCloseTo(want.winRatePct, 10);
    expect(stats?.averageR).toBeCloseTo(want.averageR, 10);
    if (want.profitFactor === null) expect(stats?.profitFactor).toBeNull();
    else expect(stats?.profitFactor).toBeCloseTo(want.profitFactor, 10);
  });

  test("no closed signals", () => {
    expect(computeSignalStats([record("BTCUSDT", "1h", null, "active")])).toEqual({
      count: 0,
      wins: 0,
      losses: 0,
      breakeven: 0,
      winRatePct: null,
      averageR: null,
      totalR: 0,
      grossWinR: 0,
      grossLossR: 0,
      profitFactor: null,
      bySymbol: {},
      byTimeframe: {},
    });
  });
});
