import {describe, expect, it} from 'vitest';
import type {GcraState} from './gcra';
import {gcra, GcraLimiter, gcraOptions} from './gcra';
import {VirtualClock} from './virtual-clock';

describe('GCRA (virtual scheduling)', () => {
  it('T = 1000/rate, τ = (burst − 1)·T', () => {
    expect(gcraOptions({perSecond: 10, burst: 3})).toEqual({emissionIntervalMs: 100, toleranceMs: 200});
  });

  it('conformance of a back-to-back burst, then one per T', () => {
    const options = {emissionIntervalMs: 100, toleranceMs: 200}; // 10/s, burst 3
    let state: GcraState | undefined;
    const decide = (t: number) => {
      const r = gcra(state, t, options);
      state = r.state;
      return [r.conforming, r.state.tat, r.retryAfterMs];
    };
    expect(decide(0)).toEqual([true, 100, 0]);
    expect(decide(0)).toEqual([true, 200, 0]);
    expect(decide(0)).toEqual([true, 300, 0]);
    expect(decide(0)).toEqual([false, 300, 100]); // TAT 300 > 0 + 200; conforms at 100
    expect(decide(99)).toEqual([false, 300, 1]);
    expect(decide(100)).toEqual([true, 400, 0]);
    expect(decide(150)).toEqual([false, 400, 50]);
    expect(decide(1_000)).toEqual([true, 1_100, 0]); // idle: TAT restarts from the arrival
  });

  it("several cells at once conform if the last does (redis-cell's quantity); more than the burst never", () => {
    const options = gcraOptions({perSecond: 1, burst: 5}); // T = 1000, τ = 4000
    expect(gcra(undefined, 0, options, 6)).toEqual({conforming: false, state: {tat: 0}, retryAfterMs: Infinity});
    const five = gcra(undefined, 0, options, 5);
    expect(five).toEqual({conforming: true, state: {tat: 5_000}, retryAfterMs: 0});
    expect(gcra(five.state, 0, options, 1).retryAfterMs).toBe(1_000);
    expect(gcra(five.state, 3_000, options, 3)).toEqual({conforming: true, state: {tat: 8_000}, retryAfterMs: 0});
    expect(gcra(five.state, 3_000, options, 4)).toEqual({conforming: false, state: {tat: 5_000}, retryAfterMs: 1_000});
  });

  it('τ = 0 enforces exact spacing', () => {
    const options = {emissionIntervalMs: 50, toleranceMs: 0};
    let state: GcraState | undefined;
    const out: boolean[] = [];
    for (const t of [0, 10, 50, 60, 100, 149, 150]) {
      const r = gcra(state, t, options);
      state = r.state;
      out.push(r.conforming);
    }
    expect(out).toEqual([true, false, true, false, true, false, true]);
  });

  it('GcraLimiter admits the same sequence on a clock', async () => {
    const clock = new VirtualClock();
    const limiter = new GcraLimiter(gcraOptions({perSecond: 2, burst: 2}), clock);
    const admitted: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      admitted.push(limiter.tryAcquire().conforming);
      await clock.advance(250);
    }
    // T = 500, τ = 500. t=0 ✓ (TAT 500), 250 ✓ (1000), 500 ✓ (1000 ≤ 1000; TAT 1500),
    // 750 ✗ (1500 > 1250), 1000 ✓ (TAT 2000), 1250 ✗
    expect(admitted).toEqual([true, true, true, false, true, false]);
    await expect(limiter.execute(() => 'x')).resolves.toBe('x');
    await expect(limiter.execute(() => 'y')).rejects.toMatchObject({kind: 'rate-limited'});
  });
});
