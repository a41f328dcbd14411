import {describe, expect, it} from 'vitest';
import {TokenBuckets} from './token-buckets.js';

const fivePerSecond = {limit: 5, periodMs: 1000};

/** Buckets on a clock the test sets. */
function buckets(maxKeys?: number) {
  const clock = {now: 0};
  const store = new TokenBuckets({now: () => clock.now, ...(maxKeys === undefined ? {} : {maxKeys})});
  const take = (key: string, rate: {limit: number; periodMs: number}, at: number) => {
    clock.now = at;
    return store.take(key, rate);
  };
  return {take};
}

describe('TokenBuckets', () => {
  it('allows a burst of `limit`, then refuses with the time until the next token', () => {
    const {take} = buckets();
    const results = Array.from({length: 6}, () => take('s', fivePerSecond, 0));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results[4]?.remaining).toBe(0);
    expect(results[5]?.retryAfterMs).toBe(200);
  });

  it('refills evenly over the period', () => {
    const {take} = buckets();
    for (let i = 0; i < 5; i++) take('s', fivePerSecond, 0);
    expect(take('s', fivePerSecond, 150)).toMatchObject({allowed: false, retryAfterMs: 50});
    expect(take('s', fivePerSecond, 200).allowed).toBe(true);
    expect(take('s', fivePerSecond, 10_000)).toMatchObject({allowed: true, remaining: 4});
  });

  it('keeps keys apart', () => {
    const {take} = buckets();
    const one = {limit: 1, periodMs: 1000};
    expect(take('a', one, 0).allowed).toBe(true);
    expect(take('a', one, 0).allowed).toBe(false);
    expect(take('b', one, 0).allowed).toBe(true);
  });

  it('forgets the least recently used key when full', () => {
    const {take} = buckets(2);
    const one = {limit: 1, periodMs: 60_000};
    take('a', one, 0);
    take('b', one, 0);
    take('a', one, 1); // refused, but touches a
    take('c', one, 2); // evicts b
    expect(take('a', one, 3).allowed).toBe(false);
    expect(take('b', one, 4).allowed).toBe(true);
  });

  it('never drifts: a third of a second apart, 3/s conforms for a minute', () => {
    const {take} = buckets();
    const threePerSecond = {limit: 3, periodMs: 1000};
    for (let i = 0; i < 3; i++) take('s', threePerSecond, 0);
    let refused = 0;
    for (let i = 1; i <= 180; i++) if (!take('s', threePerSecond, (i * 1000) / 3).allowed) refused++;
    expect(refused).toBe(0);
  });
});
