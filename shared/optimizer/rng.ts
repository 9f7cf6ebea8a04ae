/** A seeded pseudo-random number generator (mulberry32): same seed, same sequence. */
export interface Rng {
  /** Returns a float in [0, 1). */
  next(): number;
  /** Returns an integer in [0, n). */
  int(n: number): number;
}

/** Returns a seeded generator; the seed is taken modulo 2^32. */
export function createRng(seed: number): Rng {
  let a = (Math.floor(seed) >>> 0) ^ 0x9e3779b9;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}
