import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {AdaptiveThrottle, rejectionProbability} from './adaptive-throttle';
import {seededRandom} from './random';
import {VirtualClock} from './virtual-clock';

describe('adaptive throttling (SRE book, "Handling Overload")', () => {
  it('the formula: max(0, (requests − K·accepts) / (requests + 1))', () => {
    expect(rejectionProbability(100, 100)).toBe(0);
    expect(rejectionProbability(100, 50)).toBe(0); // K = 2: 100 − 100
    expect(rejectionProbability(100, 25)).toBeCloseTo(50 / 101, 12);
    expect(rejectionProbability(10, 0)).toBeCloseTo(10 / 11, 12);
    expect(rejectionProbability(100, 25, 1.1)).toBeCloseTo(72.5 / 101, 12);
    expect(rejectionProbability(0, 0)).toBe(0);
  });

  it('stays at 0 while the backend accepts, rises as it rejects, over a 2-minute window', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random: seededRandom(1)});
    expect([throttle.k, throttle.windowMs]).toEqual([2, 120_000]);
    for (let i = 0; i < 10; i++) {
      await throttle.execute(() => 'ok');
      await clock.advance(1_000);
    }
    expect(throttle.counts()).toEqual({requests: 10, accepts: 10});
    expect(throttle.probability()).toBe(0);
    // 30 overload rejections → requests 40, accepts 10: p = (40 − 20)/41
    for (let i = 0; i < 30; i++) {
      await throttle
        .execute(() => Promise.reject(new ConnectError('overloaded', Code.ResourceExhausted)))
        .catch(() => {});
      await clock.advance(1_000);
    }
    expect(throttle.counts()).toEqual({requests: 40, accepts: 10});
    expect(throttle.probability()).toBeCloseTo(20 / 41, 12);
    // the first 10 requests (t = 0…9 s) leave the window at t = 120…129 s
    await clock.advance(120_000 - 40_000 + 5_000); // now = 125 000
    expect(throttle.counts()).toEqual({requests: 34, accepts: 4});
    expect(throttle.probability()).toBeCloseTo((34 - 8) / 35, 12);
  });

  it('drops about p of the requests locally, counting them as requests', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock, random: seededRandom(5)});
    let backendCalls = 0;
    const overloaded = async () => {
      backendCalls++;
      throw new ConnectError('overloaded', Code.ResourceExhausted);
    };
    let local = 0;
    for (let i = 0; i < 1_000; i++) {
      await throttle.execute(overloaded).catch((e: {kind?: string}) => {
        if (e.kind === 'throttled') local++;
      });
      await clock.advance(10); // all within the window
    }
    expect(local + backendCalls).toBe(1_000);
    // with no accepts, p → requests/(requests+1): almost everything is dropped locally
    expect(local).toBeGreaterThan(950);
    expect(throttle.probability()).toBeCloseTo(1_000 / 1_001, 9);
  });

  it('application errors still count as accepts (the backend answered)', async () => {
    const clock = new VirtualClock();
    const throttle = new AdaptiveThrottle({clock});
    await throttle.execute(() => Promise.reject(new ConnectError('nope', Code.NotFound))).catch(() => {});
    await throttle.execute(() => Promise.reject(new ConnectError('busy', Code.Unavailable))).catch(() => {});
    expect(throttle.counts()).toEqual({requests: 2, accepts: 1});
  });
});
