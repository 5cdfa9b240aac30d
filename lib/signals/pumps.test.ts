import { describe, expect, test } from "vitest";
import {
  adoptPump,
  computeMovePct,
  computeVolumeZ,
  createPumpDetector,
  getTrackedPump,
  processPumpTick,
  replayMinuteBars,
  type PumpEvent,
  type PumpSettings,
} from "./pumps";

const SETTINGS: PumpSettings = { minChangePct: 3, windowMinutes: 15, minVolumeZ: 2 };
const T0 = Date.UTC(2026, 0, 5, 10, 0, 0);
const STEP_MS = 5_000;
const PER_MINUTE = 60_000 / STEP_MS;

type Segment = {
  minutes: number;
  /** Price at the end of the segment (linear from the previous price). */
  to: number;
  /** Base volume traded per minute. */
  volumePerMinute: number;
};

// Ticks every 5 s; the rolling 24 h volume grows by the segment's per-minute volume, with a small
// deterministic wobble so the baseline has a spread, like a real one.
function run(segments: Segment[], settings: PumpSettings = SETTINGS, start = 100) {
  const detector = createPumpDetector(settings);
  const events: PumpEvent[] = [];
  let price = start;
  let volume24h = 1_000_000;
  let t = T0;
  let i = 0;
  for (const segment of segments) {
    const from = price;
    const ticks = segment.minutes * PER_MINUTE;
    for (let k = 1; k <= ticks; k++) {
      price = from + ((segment.to - from) * k) / ticks;
      const wobble = 1 + 0.2 * Math.sin(i * 0.7);
      volume24h += (segment.volumePerMinute / PER_MINUTE) * wobble;
      t += STEP_MS;
      i += 1;
      events.push(...processPumpTick(detector, { symbol: "SOL-USDT", price, volume24h, timestamp: t }));
    }
  }
  return { detector, events, end: t };
}

const calm = (minutes: number, at = 100): Segment => ({ minutes, to: at, volumePerMinute: 100 });

describe("processPumpTick", () => {
  test("a fast rise on heavy volume is a pump, reported as it grows and faded when half is given back", () => {
    const { events } = run([calm(60), { minutes: 5, to: 106, volumePerMinute: 800 }, { minutes: 10, to: 102, volumePerMinute: 300 }]);
    const detected = events.filter((e) => e.type === "detected");
    expect(detected).toHaveLength(1);
    const pump = detected[0]!.pump;
    expect(pump).toMatchObject({ symbol: "SOL-USDT", direction: "pump", startPrice: 100 });
    expect(pump.changePct).toBeGreaterThanOrEqual(3);
    expect(pump.changePct).toBeLessThan(3.1);
    expect(pump.volumeZ).toBeGreaterThanOrEqual(2);
    expect(pump.windowMinutes).toBeLessThanOrEqual(5);
    expect(events.some((e) => e.type === "extended")).toBe(true);
    const faded = events.filter((e) => e.type === "faded");
    expect(faded).toHaveLength(1);
    expect(faded[0]).toMatchObject({ reason: "retraced", pump: { peakPrice: 106, changePct: 6 } });
    // Half of the 6 % move given back: faded at or just below 103.
    expect(faded[0]!.pump.lastPrice).toBeLessThanOrEqual(103);
    expect(faded[0]!.pump.lastPrice).toBeGreaterThan(102.9);
  });

  test("a fast fall on heavy volume is a dump", () => {
    const { events } = run([calm(60), { minutes: 4, to: 95, volumePerMinute: 900 }]);
    const detected = events.find((e) => e.type === "detected");
    expect(detected?.pump).toMatchObject({ direction: "dump", startPrice: 100 });
    expect(computeMovePct("dump", 100, detected!.pump.peakPrice)).toBeGreaterThanOrEqual(3);
  });

  test.each([
    ["a fast rise on normal volume", [calm(60), { minutes: 5, to: 106, volumePerMinute: 100 }]],
    ["heavy volume without a move", [calm(60), { minutes: 10, to: 101, volumePerMinute: 2_000 }]],
    ["a rise too slow for the window", [calm(60), { minutes: 60, to: 106, volumePerMinute: 600 }]],
    ["a rise below the threshold", [calm(60), { minutes: 5, to: 102.5, volumePerMinute: 2_000 }]],
    ["a pump before the baseline has warmed up", [calm(5), { minutes: 5, to: 110, volumePerMinute: 2_000 }]],
  ] as const)("nothing for %s", (_name, segments) => {
    expect(run([...segments]).events).toEqual([]);
  });

  test("a move that stops making highs fades after the stall time", () => {
    const { events } = run([calm(60), { minutes: 3, to: 105, volumePerMinute: 900 }, { minutes: 20, to: 104.9, volumePerMinute: 200 }]);
    const faded = events.find((e) => e.type === "faded");
    expect(faded).toMatchObject({ reason: "stalled" });
    if (faded?.type !== "faded") throw new Error("no fade");
    expect(faded.fadedAt - faded.pump.peakAt).toBeGreaterThanOrEqual(15 * 60_000);
  });

  test("a faded move is not detected again while its low is still in the window", () => {
    const { events } = run([
      calm(60),
      { minutes: 3, to: 105, volumePerMinute: 900 },
      { minutes: 16, to: 104.95, volumePerMinute: 900 },
      { minutes: 5, to: 105, volumePerMinute: 900 },
    ]);
    expect(events.filter((e) => e.type === "detected")).toHaveLength(1);
  });

  test("a second, separate pump after a fade is a new one", () => {
    const { events } = run([
      calm(60),
      { minutes: 3, to: 105, volumePerMinute: 900 },
      { minutes: 5, to: 101, volumePerMinute: 300 },
      calm(60, 101),
      { minutes: 3, to: 106, volumePerMinute: 1_200 },
    ]);
    expect(events.filter((e) => e.type === "detected")).toHaveLength(2);
  });

  test("without volume data a move counts only when no volume z-score is required", () => {
    const ticks = (minVolumeZ: number) => {
      const detector = createPumpDetector({ ...SETTINGS, minVolumeZ });
      const out: PumpEvent[] = [];
      for (let k = 0; k < 60 * PER_MINUTE; k++) {
        const price = k < 55 * PER_MINUTE ? 100 : 100 + (k - 55 * PER_MINUTE) * 0.1;
        out.push(...processPumpTick(detector, { symbol: "X-USDT", price, volume24h: null, timestamp: T0 + k * STEP_MS }));
      }
      return out;
    };
    expect(ticks(2)).toEqual([]);
    expect(ticks(0).find((e) => e.type === "detected")?.pump.volumeZ).toBeNull();
  });

  test("late and invalid ticks are ignored", () => {
    const detector = createPumpDetector(SETTINGS);
    expect(processPumpTick(detector, { symbol: "A", price: 1, volume24h: 1, timestamp: T0 + 1000 })).toEqual([]);
    expect(processPumpTick(detector, { symbol: "A", price: 2, volume24h: 2, timestamp: T0 })).toEqual([]);
    expect(processPumpTick(detector, { symbol: "A", price: Number.NaN, volume24h: 2, timestamp: T0 + 2000 })).toEqual([]);
    expect(processPumpTick(detector, { symbol: "A", price: 0, volume24h: 2, timestamp: T0 + 2000 })).toEqual([]);
  });

  test("an adopted move is tracked and faded like one detected here", () => {
    const detector = createPumpDetector(SETTINGS);
    adoptPump(detector, {
      symbol: "B",
      direction: "dump",
      startPrice: 50,
      startAt: T0 - 120_000,
      peakPrice: 45,
      peakAt: T0 - 60_000,
      detectedAt: T0 - 90_000,
      changePct: 10,
      volumeZ: 4,
      windowMinutes: 1,
    });
    expect(getTrackedPump(detector, "B")?.direction).toBe("dump");
    expect(processPumpTick(detector, { symbol: "B", price: 44, volume24h: 1, timestamp: T0 })).toEqual([
      expect.objectContaining({ type: "extended", pump: expect.objectContaining({ peakPrice: 44, changePct: 12 }) }),
    ]);
    const events = processPumpTick(detector, { symbol: "B", price: 47.1, volume24h: 1, timestamp: T0 + 1000 });
    expect(events).toEqual([expect.objectContaining({ type: "faded", reason: "retraced" })]);
    expect(getTrackedPump(detector, "B")).toBeNull();
  });

  test("settings are checked", () => {
    expect(() => createPumpDetector({ ...SETTINGS, minChangePct: 0 })).toThrow(RangeError);
    expect(() => createPumpDetector({ ...SETTINGS, fadeRetrace: 1.5 })).toThrow(RangeError);
  });
});

describe("computeVolumeZ", () => {
  const baseline = [90, 110, 100, 95, 105, 100, 98, 102, 100, 100];
  test.each([
    ["normal volume", 100, 1, 0],
    ["double volume in one minute", 200, 1, 100 / Math.max(Math.sqrt(baseline.reduce((s, v) => s + (v - 100) ** 2, 0) / 9), 10)],
    ["quiet minutes", 240, 3, -60 / (Math.sqrt(3) * 10)],
  ])("%s", (_name, volume, minutes, want) => {
    expect(computeVolumeZ(volume, minutes, baseline, 10)).toBeCloseTo(want, 6);
  });

  test.each([
    ["a short baseline", [100, 100], 10],
    ["a baseline without volume", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 10],
  ])("null for %s", (_name, values, min) => {
    expect(computeVolumeZ(500, 1, values, min)).toBeNull();
  });
});

test.each([
  ["pump", 100, 103, 3],
  ["dump", 100, 97, 3],
  ["pump", 100, 95, -5],
] as const)("computeMovePct(%s, %d → %d) = %d", (direction, from, to, want) => {
  expect(computeMovePct(direction, from, to)).toBeCloseTo(want, 10);
});

describe("replayMinuteBars", () => {
  const bar = (minute: number, open: number, close: number, volume: number) => ({
    time: T0 + minute * 60_000,
    open,
    high: Math.max(open, close) + 0.05,
    low: Math.min(open, close) - 0.05,
    close,
    volume,
  });

  test("finds a pump in past bars and leaves the detector warm and tracking it", () => {
    const bars = [
      ...Array.from({ length: 60 }, (_, m) => bar(m, 100, 100, 100 + (m % 5) * 10)),
      bar(60, 100, 102, 900),
      bar(61, 102, 104.5, 1_100),
      bar(62, 104.5, 105, 700),
    ];
    const detector = createPumpDetector(SETTINGS);
    const events = replayMinuteBars(detector, "ARB-USDT", bars);
    const detected = events.find((e) => e.type === "detected");
    expect(detected?.pump).toMatchObject({ symbol: "ARB-USDT", direction: "pump" });
    expect(detected!.pump.detectedAt).toBeGreaterThan(T0 + 60 * 60_000);
    expect(getTrackedPump(detector, "ARB-USDT")?.peakPrice).toBeCloseTo(105.05, 8);
    // Live ticks continue from the replay: a drop to 102 gives back more than half.
    const live = processPumpTick(detector, { symbol: "ARB-USDT", price: 102, volume24h: 1e9, timestamp: T0 + 64 * 60_000 });
    expect(live).toEqual([expect.objectContaining({ type: "faded", reason: "retraced" })]);
  });

  test("quiet bars find nothing", () => {
    const bars = Array.from({ length: 120 }, (_, m) => bar(m, 100 + (m % 3) * 0.1, 100 + ((m + 1) % 3) * 0.1, 100));
    expect(replayMinuteBars(createPumpDetector(SETTINGS), "ARB-USDT", bars)).toEqual([]);
  });
});
