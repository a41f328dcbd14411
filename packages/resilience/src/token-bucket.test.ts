import {Code} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {TokenBucket} from './token-bucket';
import {differencesFromGcraAt10PerSecond} from './gcra-reference.testkit';
import {VirtualClock} from './virtual-clock';

describe('TokenBucket', () => {
  it('starts full, spends a burst of `capacity`, then refills at the rate, never above capacity', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({capacity: 5, refillPerSecond: 10, clock});
    expect(bucket.tokens()).toBe(5);
    for (let i = 0; i < 5; i++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    expect(bucket.tokens()).toBe(0);
    await clock.advance(100);
    expect(bucket.tokens()).toBe(1);
    await clock.advance(250);
    expect(bucket.tokens()).toBe(3.5);
    await clock.advance(10_000);
    expect(bucket.tokens()).toBe(5);
  });

  it('levels over time under steady load (20 req/s against 10 tokens/s)', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({capacity: 4, refillPerSecond: 10, clock});
    const admitted: boolean[] = [];
    for (let t = 0; t < 20; t++) {
      admitted.push(bucket.tryTake());
      await clock.advance(50);
    }
    // the 4-token burst plus 0.5 token per 50 ms lasts until t = 300 (7 calls);
    // then one call per 100 ms: 4 + floor(950 ms × 10/s) = 13 admitted
    expect(admitted.filter(Boolean).length).toBe(13);
    expect(admitted.slice(0, 10)).toEqual([true, true, true, true, true, true, true, false, true, false]);
    expect(bucket.tokens()).toBe(1); // t = 1000: the refused call at 950 left 0.5, +0.5 since
  });

  it('msUntil / take wait exactly for the missing tokens', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({capacity: 2, refillPerSecond: 4, initialTokens: 0, clock});
    expect(bucket.msUntil(1)).toBe(250);
    expect(bucket.msUntil(3)).toBe(Infinity);
    await clock.runUntil(bucket.take(2));
    expect(clock.now()).toBe(500);
    expect(bucket.tokens()).toBe(0);
  });

  it('as a policy: rejects with RESOURCE_EXHAUSTED and a retry hint when empty', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({capacity: 1, refillPerSecond: 2, clock});
    await expect(bucket.execute(() => 'a')).resolves.toBe('a');
    await expect(bucket.execute(() => 'b')).rejects.toMatchObject({
      code: Code.ResourceExhausted,
      kind: 'rate-limited',
      retryAfterMs: 500,
    });
  });
});

describe('TokenBucket against a reference GCRA (no floating-point drift)', () => {
  it('2 000 Poisson arrivals at 15/s on a millisecond clock, rate 10/s, burst 5: every decision equal', async () => {
    const clock = new VirtualClock();
    const limiter = new TokenBucket({capacity: 5, refillPerSecond: 10, clock});
    expect(await differencesFromGcraAt10PerSecond(clock, () => limiter.tryTake())).toEqual([]);
  });
});

describe('TokenBucket at a rate whose interval is not a whole number of ms', () => {
  it('3 per second, capacity 3: the full burst passes, then one call every 333.3 ms', async () => {
    const clock = new VirtualClock();
    const bucket = new TokenBucket({capacity: 3, refillPerSecond: 3, clock});
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    await clock.advance(1_000);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    expect(bucket.msUntil()).toBeCloseTo(1000 / 3, 9);
  });
});
