/**
 * Random — the only source of randomness in this library.
 *
 * A `Random` is a function returning a float in [0, 1), the contract of
 * `Math.random` (ECMAScript §21.3.2.27). Jittered backoffs, adaptive
 * throttling and the simulator all take one as an argument, so a seed
 * replays a run exactly (cockatiel calls `Math.random()` directly; we don't).
 *
 * `seededRandom` is mulberry32 by Tommy Ettinger (public domain, 2017,
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c):
 * 32-bit state, period 2^32, fast, good enough for simulations — not for
 * cryptography.
 */
export type Random = () => number;

/** The platform generator (not seedable). */
export const mathRandom: Random = () => Math.random();

/** mulberry32: a seedable Random. The same seed always yields the same sequence. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `random_between(min, max)` of the AWS article: uniform in [min, max). */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}

/**
 * A normal (Gaussian) sample by the Box–Muller transform (Box & Muller,
 * 1958). Uses exactly two draws per call and keeps no cached spare, so it
 * stays a pure function of the random stream.
 */
export function normal(random: Random, mean: number, sd: number): number {
  const u1 = 1 - random(); // (0, 1]: log(0) never happens
  const u2 = random();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * Mixes numbers into a 32-bit seed (MurmurHash3's fmix32 finaliser, Austin
 * Appleby, public domain), e.g. `mixSeed(seed, run)` gives each simulation
 * run its own independent stream.
 */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}
