import {describe, expect, it} from 'vitest';
import {pollyV8Defaults, resilience4jDefaults, resilience4jLikeOptions, seed001Profile} from './breaker-defaults';
import {ConsecutiveBreaker} from './consecutive-breaker';
import {FailureRateBreaker} from './failure-rate-breaker';

describe('breaker presets', () => {
  it('seed 001: 5 consecutive failures, 30 s open, 2 successes to close', () => {
    const o = seed001Profile();
    expect(o.breaker).toBeInstanceOf(ConsecutiveBreaker);
    expect((o.breaker as ConsecutiveBreaker).threshold).toBe(5);
    expect(o.openMs).toBe(30_000);
    expect(o.halfOpen).toEqual({permittedCalls: 1, successesToClose: 2});
  });

  it('documented library defaults', () => {
    expect(resilience4jDefaults).toMatchObject({
      failureRateThreshold: 50,
      slidingWindowSize: 100,
      minimumNumberOfCalls: 100,
      waitDurationInOpenStateMs: 60_000,
      permittedNumberOfCallsInHalfOpenState: 10,
    });
    expect(pollyV8Defaults).toEqual({
      failureRatio: 0.1,
      minimumThroughput: 100,
      samplingDurationMs: 30_000,
      breakDurationMs: 5_000,
    });
    const r4j = resilience4jLikeOptions();
    expect(r4j.openMs).toBe(60_000);
    expect(r4j.breaker).toBeInstanceOf(FailureRateBreaker);
    expect((r4j.breaker as FailureRateBreaker).minimumCalls).toBe(100);
  });
});
