import {describe, expect, it} from 'vitest';
import {mixSeed, normal, seededRandom, uniform} from './random';

describe('seededRandom (mulberry32)', () => {
  it('replays the same sequence for the same seed, another for another seed', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({length: 5}, a);
    expect(Array.from({length: 5}, b)).toEqual(seqA);
    expect(Array.from({length: 5}, c)).not.toEqual(seqA);
  });

  it('stays in [0, 1) with mean ≈ 1/2', () => {
    const r = seededRandom(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r();
      sum += x;
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });
});

describe('uniform / normal / mixSeed', () => {
  it('uniform maps [0,1) onto [min, max)', () => {
    expect(uniform(() => 0, 5, 15)).toBe(5);
    expect(uniform(() => 0.5, 5, 15)).toBe(10);
  });

  it('normal has the requested mean and standard deviation', () => {
    const r = seededRandom(3);
    const xs = Array.from({length: 50_000}, () => normal(r, 10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('mixSeed gives distinct seeds for distinct inputs, deterministically', () => {
    expect(mixSeed(1, 0)).toBe(mixSeed(1, 0));
    expect(new Set([mixSeed(1, 0), mixSeed(1, 1), mixSeed(2, 0), mixSeed(0, 1)]).size).toBe(4);
  });
});
