import {describe, expect, it} from 'vitest';
import {FixedWindowLimiter} from './fixed-window.js';

describe('FixedWindowLimiter', () => {
  it('allows `limit` per window from the first request, then refuses until the window ends', () => {
    let now = 1_000_000;
    const limiter = new FixedWindowLimiter(60_000, () => now);
    expect(limiter.take('t', 3)).toEqual({
      allowed: true,
      limit: 3,
      remaining: 2,
      resetAtSeconds: 1060,
      retryAfterSeconds: 60,
    });
    now += 10_000;
    expect(limiter.take('t', 3).remaining).toBe(1);
    expect(limiter.take('t', 3).remaining).toBe(0);
    now += 20_500;
    expect(limiter.take('t', 3)).toEqual({
      allowed: false,
      limit: 3,
      remaining: 0,
      resetAtSeconds: 1060,
      retryAfterSeconds: 30,
    });
    now = 1_060_000; // the window's end starts a new one
    expect(limiter.take('t', 3)).toMatchObject({allowed: true, remaining: 2, resetAtSeconds: 1120});
  });

  it('counts each key on its own', () => {
    const limiter = new FixedWindowLimiter(1_000, () => 0);
    expect(limiter.take('a', 1).allowed).toBe(true);
    expect(limiter.take('a', 1).allowed).toBe(false);
    expect(limiter.take('b', 1).allowed).toBe(true);
  });

  it('never says retry in less than a second', () => {
    let now = 0;
    const limiter = new FixedWindowLimiter(1_000, () => now);
    limiter.take('t', 1);
    now = 999;
    expect(limiter.take('t', 1)).toMatchObject({allowed: false, retryAfterSeconds: 1});
  });

  it('forgets the least recently used key past maxKeys', () => {
    const limiter = new FixedWindowLimiter(60_000, () => 0, 2);
    limiter.take('a', 1);
    limiter.take('b', 1);
    limiter.take('a', 1); // a is now the most recent
    limiter.take('c', 1); // b goes
    expect(limiter.take('b', 1).allowed).toBe(true);
    expect(limiter.take('c', 1).allowed).toBe(false);
  });
});
