import {describe, expect, it} from 'vitest';
import {TokenBuckets} from './token-buckets.js';

const fivePerSecond = {limit: 5, periodMs: 1000};

describe('TokenBuckets', () => {
  it('allows a burst of `limit`, then refuses with the time until the next token', () => {
    const buckets = new TokenBuckets();
    const results = Array.from({length: 6}, () => buckets.take('s', fivePerSecond, 0));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results[4]?.remaining).toBe(0);
    expect(results[5]?.retryAfterMs).toBe(200);
  });

  it('refills evenly over the period', () => {
    const buckets = new TokenBuckets();
    for (let i = 0; i < 5; i++) buckets.take('s', fivePerSecond, 0);
    expect(buckets.take('s', fivePerSecond, 150)).toMatchObject({allowed: false, retryAfterMs: 50});
    expect(buckets.take('s', fivePerSecond, 200).allowed).toBe(true);
    expect(buckets.take('s', fivePerSecond, 10_000)).toMatchObject({allowed: true, remaining: 4});
  });

  it('keeps keys apart', () => {
    const buckets = new TokenBuckets();
    const one = {limit: 1, periodMs: 1000};
    expect(buckets.take('a', one, 0).allowed).toBe(true);
    expect(buckets.take('a', one, 0).allowed).toBe(false);
    expect(buckets.take('b', one, 0).allowed).toBe(true);
  });

  it('forgets the least recently used key when full', () => {
    const buckets = new TokenBuckets(2);
    const one = {limit: 1, periodMs: 60_000};
    buckets.take('a', one, 0);
    buckets.take('b', one, 0);
    buckets.take('a', one, 1); // refused, but touches a
    buckets.take('c', one, 2); // evicts b
    expect(buckets.take('a', one, 3).allowed).toBe(false);
    expect(buckets.take('b', one, 4).allowed).toBe(true);
  });
});
