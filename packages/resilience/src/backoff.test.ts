import {describe, expect, it} from 'vitest';
import {
  backoffByName,
  constantBackoff,
  decorrelatedJitterBackoff,
  delays,
  equalJitterBackoff,
  exponentialBackoff,
  fullJitterBackoff,
  noBackoff,
  strategyNames,
} from './backoff';
import type {Random} from './random';
import {seededRandom} from './random';

const opts = {baseMs: 100, capMs: 1_000};
const fixed =
  (x: number): Random =>
  () =>
    x;

function stats(xs: number[]) {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return {mean, min: Math.min(...xs), max: Math.max(...xs)};
}

/** n-th delay of a backoff, sampled `count` times from independent runs of one stream. */
function sampleNth(make: () => ReturnType<typeof fullJitterBackoff>, n: number, count: number, seed = 1): number[] {
  const random = seededRandom(seed);
  return Array.from({length: count}, () => delays(make(), n + 1, random)[n] as number);
}

describe('deterministic strategies (exact)', () => {
  it('none and constant', () => {
    expect(delays(noBackoff(), 4, Math.random)).toEqual([0, 0, 0, 0]);
    expect(delays(constantBackoff(250), 3, Math.random)).toEqual([250, 250, 250]);
  });

  it('exponential: min(cap, base·2^n) from n = 0', () => {
    expect(delays(exponentialBackoff(opts), 7, Math.random)).toEqual([100, 200, 400, 800, 1000, 1000, 1000]);
  });

  it("firstExponent 1: the AWS article simulator's numbering, first wait expo(1) = 2·base", () => {
    const article = {...opts, firstExponent: 1};
    expect(delays(exponentialBackoff(article), 5, Math.random)).toEqual([200, 400, 800, 1000, 1000]);
    expect(delays(fullJitterBackoff(article), 3, fixed(0.5))).toEqual([100, 200, 400]);
    expect(delays(equalJitterBackoff(article), 3, fixed(0))).toEqual([100, 200, 400]);
    expect(delays(decorrelatedJitterBackoff(article), 2, fixed(0))).toEqual([100, 100]);
  });

  it('is pure: the same state gives the same delay, and the state is the attempt number', () => {
    const b = exponentialBackoff(opts);
    expect(b(3, Math.random)).toEqual([800, 4]);
    expect(b(3, Math.random)).toEqual([800, 4]);
    expect(b(undefined, Math.random)).toEqual([100, 1]);
    expect(b(2000, Math.random)).toEqual([1000, 2001]); // 2^2000 overflows: still the cap
  });
});

describe('jittered strategies: formula with a fixed random value', () => {
  it('full jitter = random · min(cap, base·2^n)', () => {
    expect(delays(fullJitterBackoff(opts), 5, fixed(0.5))).toEqual([50, 100, 200, 400, 500]);
    expect(delays(fullJitterBackoff(opts), 2, fixed(0))).toEqual([0, 0]);
  });

  it('equal jitter = t/2 + random · t/2', () => {
    expect(delays(equalJitterBackoff(opts), 5, fixed(0.5))).toEqual([75, 150, 300, 600, 750]);
    expect(delays(equalJitterBackoff(opts), 3, fixed(0))).toEqual([50, 100, 200]);
  });

  it('decorrelated jitter = min(cap, random_between(base, prev·3)), prev starting at base', () => {
    // random 0 → always base; random 0.5 → base + (3·prev − base)/2
    expect(delays(decorrelatedJitterBackoff(opts), 3, fixed(0))).toEqual([100, 100, 100]);
    expect(delays(decorrelatedJitterBackoff(opts), 4, fixed(0.5))).toEqual([200, 350, 575, 912.5]);
    expect(delays(decorrelatedJitterBackoff(opts), 6, fixed(0.999))[5]).toBe(1000);
  });
});

describe('jittered strategies: bounds and distribution (seeded)', () => {
  const N = 20_000;

  it('full jitter: in [0, t), mean ≈ t/2', () => {
    for (const n of [0, 2, 5]) {
      const t = Math.min(1000, 100 * 2 ** n);
      const s = stats(sampleNth(() => fullJitterBackoff(opts), n, N));
      expect(s.min).toBeGreaterThanOrEqual(0);
      expect(s.max).toBeLessThan(t);
      expect(Math.abs(s.mean - t / 2)).toBeLessThan(t * 0.02);
    }
  });

  it('equal jitter: in [t/2, t), mean ≈ 3t/4', () => {
    for (const n of [0, 3]) {
      const t = Math.min(1000, 100 * 2 ** n);
      const s = stats(sampleNth(() => equalJitterBackoff(opts), n, N));
      expect(s.min).toBeGreaterThanOrEqual(t / 2);
      expect(s.max).toBeLessThan(t);
      expect(Math.abs(s.mean - (3 * t) / 4)).toBeLessThan(t * 0.02);
    }
  });

  it('decorrelated jitter: first delay uniform in [base, 3·base), every delay in [base, cap]', () => {
    const first = stats(sampleNth(() => decorrelatedJitterBackoff(opts), 0, N));
    expect(first.min).toBeGreaterThanOrEqual(100);
    expect(first.max).toBeLessThan(300);
    expect(Math.abs(first.mean - 200)).toBeLessThan(4);
    const random = seededRandom(9);
    const many = delays(decorrelatedJitterBackoff(opts), 5_000, random);
    expect(Math.min(...many)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...many)).toBeLessThanOrEqual(1000);
    // each delay lies in [base, min(cap, 3·previous)]
    for (let i = 1; i < many.length; i++) {
      expect(many[i]).toBeLessThanOrEqual(Math.min(1000, 3 * (many[i - 1] as number)));
    }
  });

  it('a seed replays a schedule exactly', () => {
    const a = delays(fullJitterBackoff(opts), 10, seededRandom(5));
    const b = delays(fullJitterBackoff(opts), 10, seededRandom(5));
    expect(a).toEqual(b);
  });
});

describe('backoffByName', () => {
  it('knows the five strategies of the article', () => {
    expect(strategyNames).toEqual(['none', 'exponential', 'full', 'equal', 'decorrelated']);
    expect(delays(backoffByName('exponential', opts), 3, fixed(0.5))).toEqual([100, 200, 400]);
    expect(delays(backoffByName('full', opts), 2, fixed(0.5))).toEqual([50, 100]);
    expect(delays(backoffByName('none', opts), 2, fixed(0.5))).toEqual([0, 0]);
  });
});
