import {describe, expect, it} from 'vitest';
import {delays} from './backoff';
import {grpcConnectionBackoff, grpcRetryBackoff} from './grpc-backoff';
import type {Random} from './random';
import {seededRandom} from './random';

const fixed =
  (x: number): Random =>
  () =>
    x;

describe('gRPC connection backoff (connection-backoff.md)', () => {
  it('waits INITIAL_BACKOFF first, then ×1.6 up to 120 s (jitter centred: random 0.5)', () => {
    const d = delays(grpcConnectionBackoff(), 14, fixed(0.5));
    expect(d.slice(0, 4)).toEqual([1000, 1600, 2560, 4096]);
    expect(d[10]).toBeCloseTo(1000 * 1.6 ** 10, 6); // 109 951.16…
    expect(d[11]).toBe(120_000);
    expect(d[13]).toBe(120_000);
  });

  it('jitter stays within ±20 % of the un-jittered backoff', () => {
    const random = seededRandom(11);
    for (let run = 0; run < 200; run++) {
      const d = delays(grpcConnectionBackoff(), 15, random);
      expect(d[0]).toBe(1000);
      for (let i = 1; i < d.length; i++) {
        const nominal = Math.min(1000 * 1.6 ** i, 120_000);
        expect(d[i]).toBeGreaterThanOrEqual(nominal * 0.8 - 1e-9);
        expect(d[i]).toBeLessThan(nominal * 1.2 + 1e-9);
      }
    }
  });
});

describe('gRFC A6 retry backoff', () => {
  const policy = {initialBackoffMs: 100, maxBackoffMs: 1_000, backoffMultiplier: 2};

  it('current text: min(initial·mult^(n−1), max) · random(0.8, 1.2)', () => {
    expect(delays(grpcRetryBackoff(policy), 6, fixed(0.5))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(delays(grpcRetryBackoff(policy), 2, fixed(0))).toEqual([80, 160]);
    // jitter applies around maxBackoff too: may exceed it by up to 20 %
    const d = delays(grpcRetryBackoff(policy), 6, fixed(0.9999999));
    expect(d[5]).toBeGreaterThan(1000);
    expect(d[5]).toBeLessThan(1200);
  });

  it('2017 text: random(0, min(initial·mult^(n−1), max))', () => {
    expect(delays(grpcRetryBackoff({...policy, jitter: 'a6-2017'}), 5, fixed(0.5))).toEqual([50, 100, 200, 400, 500]);
  });

  it('distribution: uniform in [0.8c, 1.2c), mean ≈ c', () => {
    const random = seededRandom(2);
    const firsts = Array.from({length: 20_000}, () => grpcRetryBackoff(policy)(undefined, random)[0]);
    expect(Math.min(...firsts)).toBeGreaterThanOrEqual(80);
    expect(Math.max(...firsts)).toBeLessThan(120);
    expect(firsts.reduce((s, x) => s + x, 0) / firsts.length).toBeCloseTo(100, 0);
  });
});
