/**
 * A small seeded pseudo-random source (mulberry32): the same seed gives the
 * same sequence, so seeded demo data reads the same on every machine and a
 * property test that fails repeats. Never for anything secret (ids and
 * tokens use `crypto`).
 *
 * @example
 * const random = seededRandom(42);
 * const roll = Math.floor(random() * 6) + 1; // the same roll every run
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
