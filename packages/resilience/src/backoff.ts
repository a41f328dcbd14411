/**
 * Backoff strategies, exactly as in Marc Brooker, "Exponential Backoff And
 * Jitter", AWS Architecture Blog, 4 March 2015
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/,
 * simulator: https://github.com/aws-samples/aws-arch-backoff-simulator):
 *
 *   Exponential:        sleep = min(cap, base * 2 ** attempt)
 *   Full Jitter:        sleep = random_between(0, min(cap, base * 2 ** attempt))
 *   Equal Jitter:       temp = min(cap, base * 2 ** attempt)
 *                       sleep = temp / 2 + random_between(0, temp / 2)
 *   Decorrelated:       sleep = min(cap, random_between(base, sleep * 3))
 *                       (the previous sleep; it starts at base)
 *
 * Shape taken from cockatiel's ExponentialBackoffGenerators: a backoff is a
 * pure function `(state, random) => [delayMs, nextState]` — no class, no
 * hidden mutable state. The caller keeps the state between retries (start
 * with `undefined`) and passes the random source, so a seed replays a run
 * and virtual time needs nothing special.
 *
 * Numbering: by default the exponent counts retries from 0, so the first
 * retry of `exponential` waits `base` (as the article's formulas read, and
 * as cockatiel and the AWS SDKs' "base · 2^(retries)" do). The article's
 * simulator increments its counter before the first backoff
 * (`self.attempt += 1; … self.backoff.backoff(self.attempt)` in
 * src/backoff_simulator.py), so its first wait is `expo(1)` = 2·base; pass
 * `firstExponent: 1` to reproduce it.
 */
import type {Random} from './random';

/** A pure backoff: given the previous state (undefined at first) → [delay in ms, next state]. */
export type Backoff<S = any> = (state: S | undefined, random: Random) => readonly [delayMs: number, next: S];

export interface ExponentialOptions {
  /** `base` of the article: the first retry's ceiling, ms. */
  baseMs: number;
  /** `cap` of the article: no sleep exceeds it, ms. */
  capMs: number;
  /**
   * n of the first retry's min(cap, base · 2^n): 0 (default) or 1, the AWS
   * article simulator's numbering. Decorrelated jitter has no exponent and
   * ignores it.
   */
  firstExponent?: number;
}

/** min(cap, base · 2^n), safe against overflow for large n. */
export function expo(n: number, {baseMs, capMs}: ExponentialOptions): number {
  const growth = 2 ** n;
  return growth === Infinity ? capMs : Math.min(capMs, baseMs * growth);
}

/** Retry immediately. */
export const noBackoff = (): Backoff<undefined> => () => [0, undefined];

/** Always the same delay. */
export const constantBackoff =
  (delayMs: number): Backoff<undefined> =>
  () => [delayMs, undefined];

/** Exponential: min(cap, base · 2^attempt). Deterministic — and therefore synchronised across clients. */
export const exponentialBackoff =
  (options: ExponentialOptions): Backoff<number> =>
  (attempt = options.firstExponent ?? 0) => [expo(attempt, options), attempt + 1];

/** Full Jitter: random_between(0, min(cap, base · 2^attempt)). */
export const fullJitterBackoff =
  (options: ExponentialOptions): Backoff<number> =>
  (attempt = options.firstExponent ?? 0, random) => [random() * expo(attempt, options), attempt + 1];

/** Equal Jitter: temp/2 + random_between(0, temp/2), temp = min(cap, base · 2^attempt). */
export const equalJitterBackoff =
  (options: ExponentialOptions): Backoff<number> =>
  (attempt = options.firstExponent ?? 0, random) => {
    const temp = expo(attempt, options);
    return [temp / 2 + random() * (temp / 2), attempt + 1];
  };

/** Decorrelated Jitter: min(cap, random_between(base, previous · 3)); the state is the previous sleep. */
export const decorrelatedJitterBackoff =
  ({baseMs, capMs}: ExponentialOptions): Backoff<number> =>
  (previous = baseMs, random) => {
    const sleep = Math.min(capMs, baseMs + random() * (previous * 3 - baseMs));
    return [sleep, sleep];
  };

/** The five strategies the article compares, by the names the simulator and CLI use. */
export const strategyNames = ['none', 'exponential', 'full', 'equal', 'decorrelated'] as const;
export type StrategyName = (typeof strategyNames)[number];

export function isStrategyName(name: string): name is StrategyName {
  return (strategyNames as readonly string[]).includes(name);
}

export function backoffByName(name: StrategyName, options: ExponentialOptions): Backoff {
  switch (name) {
    case 'none':
      return noBackoff();
    case 'exponential':
      return exponentialBackoff(options);
    case 'full':
      return fullJitterBackoff(options);
    case 'equal':
      return equalJitterBackoff(options);
    case 'decorrelated':
      return decorrelatedJitterBackoff(options);
  }
}

/**
 * Runs a backoff forward `count` times from its initial state — handy to
 * show a schedule ("100, 200, 400 …") or to test one.
 */
export function delays(backoff: Backoff, count: number, random: Random): number[] {
  const out: number[] = [];
  let state: unknown;
  for (let i = 0; i < count; i++) {
    const [delay, next] = backoff(state, random);
    out.push(delay);
    state = next;
  }
  return out;
}
