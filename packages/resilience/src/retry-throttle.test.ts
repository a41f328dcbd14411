import {describe, expect, it} from 'vitest';
import {initialThrottleState, RetryThrottle, throttleAllowsRetry, throttleOnFailure} from './retry-throttle';

describe('gRFC A6 retry throttling', () => {
  it('starts full at maxTokens', () => {
    expect(new RetryThrottle({maxTokens: 10, tokenRatio: 0.1}).tokens).toBe(10);
  });

  it('each failure costs 1; retries stop at or below maxTokens/2', () => {
    const t = new RetryThrottle({maxTokens: 10, tokenRatio: 0.1});
    for (let i = 0; i < 4; i++) t.recordFailure();
    expect(t.tokens).toBe(6);
    expect(t.allowsRetry()).toBe(true);
    t.recordFailure();
    expect(t.tokens).toBe(5);
    expect(t.allowsRetry()).toBe(false); // 5 is not > 5
  });

  it('each success earns tokenRatio, exactly (10 × 0.1 = 1)', () => {
    const t = new RetryThrottle({maxTokens: 10, tokenRatio: 0.1});
    for (let i = 0; i < 5; i++) t.recordFailure();
    t.recordSuccess();
    expect(t.tokens).toBe(5.1);
    expect(t.allowsRetry()).toBe(true);
    for (let i = 0; i < 9; i++) t.recordSuccess();
    expect(t.tokens).toBe(6);
  });

  it('clamps to [0, maxTokens]', () => {
    const t = new RetryThrottle({maxTokens: 3, tokenRatio: 0.5});
    for (let i = 0; i < 10; i++) t.recordFailure();
    expect(t.tokens).toBe(0);
    for (let i = 0; i < 20; i++) t.recordSuccess();
    expect(t.tokens).toBe(3);
  });

  it('ignores tokenRatio decimals beyond 3 (0.5466 → 0.546)', () => {
    const t = new RetryThrottle({maxTokens: 10, tokenRatio: 0.5466});
    t.recordFailure();
    t.recordSuccess();
    expect(t.tokens).toBe(9.546);
  });

  it('validates the config like A6', () => {
    expect(() => new RetryThrottle({maxTokens: 0, tokenRatio: 0.1})).toThrow(RangeError);
    expect(() => new RetryThrottle({maxTokens: 1001, tokenRatio: 0.1})).toThrow(RangeError);
    expect(() => new RetryThrottle({maxTokens: 10, tokenRatio: 0})).toThrow(RangeError);
  });

  it('pure reducers agree with the holder', () => {
    const o = {maxTokens: 4, tokenRatio: 1};
    let s = initialThrottleState(o);
    s = throttleOnFailure(s);
    expect(throttleAllowsRetry(s, o)).toBe(true); // 3 > 2
    s = throttleOnFailure(s);
    expect(throttleAllowsRetry(s, o)).toBe(false); // 2 <= 2
  });
});
