import { describe, expect, test } from "vitest";
import { createSeededRandom, drawIndex } from "./random";

describe("createSeededRandom", () => {
  // Reference values from an independent Python port of mulberry32 (unsigned 32-bit arithmetic).
  test.each([
    [42, [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]],
    [1, [0.6270739405881613, 0.002735721180215478, 0.5274470399599522]],
  ])("seed %i gives the reference sequence", (seed, want) => {
    const random = createSeededRandom(seed);
    expect([random(), random(), random()]).toEqual(want);
  });

  test("stays in [0, 1) and draws every index of a small range", () => {
    const random = createSeededRandom(7);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) {
      const value = random();
      expect(value >= 0 && value < 1).toBe(true);
      seen.add(drawIndex(random, 5));
    }
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  test.each([
    [0, 10, 0],
    [0.999999, 10, 9],
    [1, 10, 9],
  ])("drawIndex maps %d onto %i slots as %i", (value, length, want) => {
    expect(drawIndex(() => value, length)).toBe(want);
  });
});
