import {Code} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {LeakyBucketMeter, LeakyBucketQueue} from './leaky-bucket';
import {differencesFromGcraAt10PerSecond} from './gcra-reference.testkit';
import {VirtualClock} from './virtual-clock';

describe('LeakyBucketMeter', () => {
  it('fills by one per call, leaks at the rate, refuses what would overflow', async () => {
    const clock = new VirtualClock();
    const meter = new LeakyBucketMeter({capacity: 3, leakPerSecond: 2, clock});
    expect([meter.tryAdd(), meter.tryAdd(), meter.tryAdd(), meter.tryAdd()]).toEqual([true, true, true, false]);
    expect(meter.level()).toBe(3);
    await clock.advance(500);
    expect(meter.level()).toBe(2);
    expect(meter.tryAdd()).toBe(true);
    expect(meter.tryAdd()).toBe(false);
    await clock.advance(5_000);
    expect(meter.level()).toBe(0);
  });

  it('as a policy: rejects with the time until one call fits', async () => {
    const clock = new VirtualClock();
    const meter = new LeakyBucketMeter({capacity: 1, leakPerSecond: 4, clock});
    await meter.execute(() => 1);
    await expect(meter.execute(() => 2)).rejects.toMatchObject({code: Code.ResourceExhausted, retryAfterMs: 250});
  });
});

describe('LeakyBucketQueue', () => {
  it('releases calls at a fixed interval and rejects when the queue is full', async () => {
    const clock = new VirtualClock();
    const queue = new LeakyBucketQueue({capacity: 2, leakPerSecond: 10, clock}); // one per 100 ms
    const started: number[] = [];
    const results = [0, 1, 2, 3].map((i) =>
      queue.execute(() => {
        started.push(clock.now());
        return i;
      }),
    );
    expect(queue.depth()).toBe(2); // #0 runs now, #1 and #2 wait
    const all = Promise.allSettled(results);
    await clock.runUntil(all);
    const settled = await all;
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({kind: 'queue-full'});
    expect(started).toEqual([0, 100, 200]);
    expect(queue.depth()).toBe(0);
  });

  it('depth drains over time', async () => {
    const clock = new VirtualClock();
    const queue = new LeakyBucketQueue({capacity: 10, leakPerSecond: 4, clock}); // 250 ms
    for (let i = 0; i < 5; i++) queue.tryEnqueue();
    expect(queue.depth()).toBe(4);
    await clock.advance(250);
    expect(queue.depth()).toBe(3);
    await clock.advance(750);
    expect(queue.depth()).toBe(0); // the last one left at t = 1000
    expect(queue.tryEnqueue()).toBe(250); // so the next slot is at 1250
    await clock.advance(500);
    expect(queue.tryEnqueue()).toBe(0); // idle long enough: goes at once
  });
});

describe('LeakyBucketMeter against a reference GCRA (no floating-point drift)', () => {
  it('2 000 Poisson arrivals at 15/s on a millisecond clock, rate 10/s, burst 5: every decision equal', async () => {
    const clock = new VirtualClock();
    const limiter = new LeakyBucketMeter({capacity: 5, leakPerSecond: 10, clock});
    expect(await differencesFromGcraAt10PerSecond(clock, () => limiter.tryAdd())).toEqual([]);
  });
});
