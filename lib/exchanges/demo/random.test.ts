import { expect, test } from "vitest";
import { exponentialOf, hashAt, hashString, inverseNormal, mix32, normalAt, streamKey, uniformAt, uniformOf } from "./random";

const N = 200_000;

test("hashes are deterministic and spread", () => {
  expect(hashAt(7, 123)).toBe(hashAt(7, 123));
  expect(hashAt(7, 123)).not.toBe(hashAt(7, 124));
  expect(hashAt(7, -5)).not.toBe(hashAt(8, -5));
  expect(streamKey(42, 0, 1)).not.toBe(streamKey(43, 0, 1));
  expect(streamKey(42, 0, 1)).not.toBe(streamKey(42, 1, 1));
  expect(hashString("demo-alice")).not.toBe(hashString("demo-alicf"));
  expect(mix32(0)).toBeGreaterThanOrEqual(0);
});

test("uniforms stay in the open unit interval with mean 1/2", () => {
  let sum = 0;
  for (let i = -N / 2; i < N / 2; i++) {
    const u = uniformAt(99, i);
    expect(u > 0 && u < 1).toBe(true);
    sum += u;
  }
  expect(sum / N).toBeCloseTo(0.5, 2);
  expect(uniformOf(0)).toBeGreaterThan(0);
  expect(uniformOf(0xffffffff)).toBeLessThan(1);
});

test("normals have mean 0, variance 1 and normal tails", () => {
  let sum = 0;
  let squares = 0;
  let beyond2 = 0;
  for (let i = 0; i < N; i++) {
    const z = normalAt(1234, i);
    sum += z;
    squares += z * z;
    if (Math.abs(z) > 2) beyond2++;
  }
  expect(sum / N).toBeCloseTo(0, 2);
  expect(squares / N).toBeCloseTo(1, 1);
  expect(beyond2 / N).toBeCloseTo(0.0455, 2);
});

test.each([
  [0.5, 0],
  [0.975, 1.959964],
  [0.025, -1.959964],
  [0.001, -3.090232],
])("inverseNormal(%d) = %d", (p, z) => {
  expect(inverseNormal(p)).toBeCloseTo(z, 5);
});

test("exponential draws have mean 1 and are never negative", () => {
  let sum = 0;
  for (let i = 0; i < N; i++) {
    const e = exponentialOf(hashAt(5, i));
    expect(e).toBeGreaterThanOrEqual(0);
    sum += e;
  }
  expect(sum / N).toBeCloseTo(1, 1);
});
