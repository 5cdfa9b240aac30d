// A seeded source of uniform numbers in [0, 1), so simulations replay exactly for a given seed.
export type RandomSource = () => number;

// mulberry32: a 32-bit state advanced by a Weyl increment, then mixed. Fast and good enough for
// bootstrap sampling; not for anything security-related.
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Math.min guards against a source that returns exactly 1.
export function drawIndex(random: RandomSource, length: number): number {
  return Math.min(length - 1, Math.floor(random() * length));
}
