import {describe, expect, it} from 'vitest';
import {CircuitBreaker} from './circuit-breaker';
import {fail, ok, outcome} from './breaker.testkit';
import {FailureRateBreaker} from './failure-rate-breaker';
import {VirtualClock} from './virtual-clock';

describe('FailureRateBreaker (resilience4j semantics)', () => {
  it('defaults are resilience4j’s: 50 %, count window 100, minimum 100 calls', () => {
    const b = new FailureRateBreaker();
    expect([b.failureRateThreshold, b.window, b.minimumCalls]).toEqual([50, {type: 'count', size: 100}, 100]);
  });

  it('count window: waits for minimumCalls, opens at ≥ threshold, forgets calls that slide out', () => {
    const b = new FailureRateBreaker({failureRateThreshold: 50, window: {type: 'count', size: 4}, minimumCalls: 4});
    b.success(0);
    b.success(0);
    expect(b.failure(0)).toBe(false); // 3 calls < minimum
    expect(b.failure(0)).toBe(true); // 2/4 = 50 % ≥ 50 %
    b.reset();
    for (const s of [false, false, false, true]) s ? b.failure(0) : b.success(0);
    expect(b.failureRate()).toBe(25);
    b.success(0); // window now: S S F S
    b.success(0); // S F S S
    b.success(0); // F S S S
    expect(b.failureRate()).toBe(25);
    b.success(0); // S S S S — the failure slid out
    expect(b.failureRate()).toBe(0);
  });

  it('evaluates after every call, a success included (resilience4j onSuccess → checkIfThresholdsExceeded)', () => {
    const b = new FailureRateBreaker({failureRateThreshold: 50, window: {type: 'count', size: 4}, minimumCalls: 4});
    expect(b.failure(0)).toBe(false);
    expect(b.failure(0)).toBe(false);
    expect(b.success(0)).toBe(false); // 3 calls < minimum
    expect(b.success(0)).toBe(true); // the 4th call, a success, completes the minimum at 2/4 = 50 %
  });

  it("caps minimumCalls at a count window's size, as resilience4j does; a time window's is not capped", () => {
    const count = new FailureRateBreaker({
      failureRateThreshold: 50,
      window: {type: 'count', size: 10},
      minimumCalls: 20,
    });
    expect(count.minimumCalls).toBe(10);
    const verdicts = [...Array(5)].map(() => count.failure(0));
    verdicts.push(...[...Array(5)].map(() => count.success(0)));
    expect(verdicts.indexOf(true)).toBe(9); // evaluated from the 10th call: 5/10 failed
    const time = new FailureRateBreaker({window: {type: 'time', durationMs: 1_000}, minimumCalls: 20});
    expect(time.minimumCalls).toBe(20);
  });

  it('time window: only calls within the last durationMs count', () => {
    const b = new FailureRateBreaker({
      failureRateThreshold: 60,
      window: {type: 'time', durationMs: 10_000},
      minimumCalls: 3,
    });
    expect(b.failure(0)).toBe(false);
    expect(b.failure(1_000)).toBe(false);
    b.success(9_000);
    expect(b.failureRate(9_000)).toBeCloseTo(66.67, 1);
    // at 10 500 the call at 0 has left the window: F(1000) S(9000) + new F = 2/3
    expect(b.failure(10_500)).toBe(true);
    expect(b.calls(10_500)).toBe(3);
    expect(b.calls(20_000)).toBe(1); // (10 000, 20 000]: only the call at 10 500
    expect(b.calls(20_500)).toBe(0);
  });

  it('drives a CircuitBreaker open on failure rate', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({
      breaker: new FailureRateBreaker({failureRateThreshold: 50, window: {type: 'count', size: 10}, minimumCalls: 10}),
      openMs: 5_000,
      clock,
    });
    for (let i = 0; i < 5; i++) await outcome(breaker, ok);
    for (let i = 0; i < 4; i++) await outcome(breaker, fail);
    expect(breaker.state).toBe('closed'); // 9 calls: below minimum
    await outcome(breaker, fail); // 5/10
    expect(breaker.state).toBe('open');
  });

  it('a CircuitBreaker opens on the success that brings the window to its threshold', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker({
      breaker: new FailureRateBreaker({failureRateThreshold: 50, window: {type: 'count', size: 10}, minimumCalls: 20}),
      openMs: 5_000,
      clock,
    });
    for (let i = 0; i < 5; i++) await outcome(breaker, fail);
    for (let i = 0; i < 4; i++) await outcome(breaker, ok);
    expect(breaker.state).toBe('closed'); // 9 calls
    expect(await outcome(breaker, ok)).toBe('ok'); // the 10th: 5/10 failed, minimum capped at 10
    expect(breaker.state).toBe('open');
  });
});
