import {describe, expect, it} from 'vitest';
import {ConsecutiveBreaker} from './consecutive-breaker';

describe('ConsecutiveBreaker', () => {
  it('says "open" on the threshold-th failure in a row', () => {
    const b = new ConsecutiveBreaker(3);
    expect([b.failure(), b.failure()]).toEqual([false, false]);
    expect(b.failure()).toBe(true);
    expect(b.consecutiveFailures).toBe(3);
  });

  it('a success (or reset) starts the count again', () => {
    const b = new ConsecutiveBreaker(2);
    b.failure();
    b.success();
    expect(b.failure()).toBe(false);
    b.reset();
    expect(b.consecutiveFailures).toBe(0);
  });

  it('rejects a threshold below 1', () => {
    expect(() => new ConsecutiveBreaker(0)).toThrow(RangeError);
  });
});
