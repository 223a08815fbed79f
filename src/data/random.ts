/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same split on every
 * machine, which is what a reproducible train/validation split needs. Not for secrets.
 *
 * @example
 * const random = seededRandom(42);
 * random(); // the same number in [0, 1) on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks `count` distinct indexes out of `0..total-1`, uniformly, reproducibly for a seed
 * (a partial Fisher–Yates shuffle). Returned as a set for membership tests.
 *
 * @example
 * pickIndexes(10, 3, 42); // Set of 3 indexes in 0..9, the same every run
 */
export function pickIndexes(total: number, count: number, seed: number): Set<number> {
  const random = seededRandom(seed);
  const indexes = new Uint32Array(total);
  for (let i = 0; i < total; i++) indexes[i] = i;
  const picked = new Set<number>();
  for (let i = 0; i < Math.min(count, total); i++) {
    const j = i + Math.floor(random() * (total - i));
    const chosen = indexes[j] as number;
    indexes[j] = indexes[i] as number;
    indexes[i] = chosen;
    picked.add(chosen);
  }
  return picked;
}
