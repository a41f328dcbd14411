/**
 * For the limiter tests: a reference GCRA and Poisson arrivals on a
 * millisecond clock.
 *
 * The reference is redis-cell's rule (brandur/redis-cell, src/cell/mod.rs):
 * with emission interval T and delay variation tolerance (burst) · T,
 * `new_tat = max(tat, now) + T`, `allow_at = new_tat − tolerance`, and the
 * request is limited while `now < allow_at` (then TAT is left unchanged).
 * Written in BigInt nanoseconds, as redis-cell keeps integer time, so it is
 * exact whatever T is. (redis-cell itself tests `diff.num_seconds() < 0`,
 * whole seconds truncated toward zero, which lets a request through up to
 * a second early; the reference compares exactly.)
 */
import {seededRandom} from './random';
import type {VirtualClock} from './virtual-clock';

export function referenceGcra(perSecond: number, burst: number): (nowMs: number) => boolean {
  const emission = BigInt(1e9 / perSecond);
  const tolerance = emission * BigInt(burst);
  let tat: bigint | undefined;
  return (nowMs) => {
    const now = BigInt(nowMs) * 1_000_000n;
    const current = tat === undefined || tat < now ? now : tat;
    const newTat = current + emission;
    if (now < newTat - tolerance) return false;
    tat = newTat;
    return true;
  };
}

/** `count` arrival times (whole ms, non-decreasing) of a Poisson process at `perSecond`. */
export function poissonArrivalsMs(count: number, perSecond: number, seed: number): number[] {
  const random = seededRandom(seed);
  let t = 0;
  return Array.from({length: count}, () => {
    t += (-Math.log(1 - random()) / perSecond) * 1000;
    return Math.floor(t);
  });
}

/**
 * Offers `decide` 2 000 Poisson arrivals at 15/s on `clock` and asks the
 * reference at 10/s, burst 5, the same; the indexes where they differ.
 * A limiter under test is built with those knobs.
 */
export async function differencesFromGcraAt10PerSecond(clock: VirtualClock, decide: () => boolean): Promise<number[]> {
  const reference = referenceGcra(10, 5);
  const differences: number[] = [];
  for (const [i, at] of poissonArrivalsMs(2_000, 15, 7).entries()) {
    await clock.advance(at - clock.now());
    if (decide() !== reference(at)) differences.push(i);
  }
  return differences;
}
