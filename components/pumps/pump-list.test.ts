import { describe, expect, test } from "vitest";
import type { PumpView } from "@/lib/signals/pumps-schemas";
import { formatDuration, mergePump, retracementOf } from "./pump-list";

const pump = (id: string, detectedAt: string, patch: Partial<PumpView> = {}): PumpView => ({
  id,
  exchange: "demo",
  symbol: "SOL-USDT",
  direction: "pump",
  status: "active",
  changePct: 4,
  windowMinutes: 5,
  volumeZ: 3,
  startPrice: "100",
  peakPrice: "104",
  detectedAt,
  fadedAt: null,
  createdAt: detectedAt,
  updatedAt: detectedAt,
  ...patch,
});

describe("mergePump", () => {
  const a = pump("a", "2026-01-01T10:00:00Z");
  const b = pump("b", "2026-01-01T11:00:00Z");

  test("adds a new pump newest first", () => {
    expect(mergePump([a], b, {}).map((p) => p.id)).toEqual(["b", "a"]);
  });

  test("replaces an update in place and ignores an older one", () => {
    const faded = { ...a, status: "faded" as const, updatedAt: "2026-01-01T10:30:00Z" };
    expect(mergePump([b, a], faded, {})[1]).toEqual(faded);
    expect(mergePump([b, faded], a, {})[1]).toEqual(faded);
  });

  test("respects the filter", () => {
    expect(mergePump([a], b, { symbol: "BTC-USDT" })).toEqual([a]);
    const faded = { ...a, status: "faded" as const, updatedAt: "2026-01-01T10:30:00Z" };
    expect(mergePump([a], faded, { status: "active" })).toEqual([]);
  });

  test("keeps at most maxRows", () => {
    expect(mergePump([a], b, {}, 1).map((p) => p.id)).toEqual(["b"]);
  });
});

test.each([
  [{ startPrice: "100", peakPrice: "110" }, 110, 0],
  [{ startPrice: "100", peakPrice: "110" }, 105, 0.5],
  [{ startPrice: "100", peakPrice: "90" }, 95, 0.5],
  [{ startPrice: "100", peakPrice: "110" }, 112, -0.2],
  [{ startPrice: "100", peakPrice: "110" }, null, null],
])("retracementOf(%j, %s) = %s", (p, price, want) => {
  const got = retracementOf(p, price);
  if (want === null) expect(got).toBeNull();
  else expect(got).toBeCloseTo(want, 10);
});

test.each([
  [0, "0 min"],
  [59 * 60_000, "59 min"],
  [65 * 60_000, "1 h 05 min"],
  [50 * 3_600_000, "2 d 2 h"],
])("formatDuration(%d) = %s", (ms, want) => {
  expect(formatDuration(0, ms)).toBe(want);
});
