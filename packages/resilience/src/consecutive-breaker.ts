/**
 * Consecutive-failures breaker: open after `threshold` failures in a row;
 * any success resets the count. The original Polly `CircuitBreaker`
 * ("exceptionsAllowedBeforeBreaking") and cockatiel's `ConsecutiveBreaker`.
 * Simple and easy to reason about; under high, variable load a failure
 * *rate* (FailureRateBreaker) is the steadier signal (Polly wiki, "Advanced
 * Circuit Breaker").
 */
import type {BreakerStrategy} from './circuit-breaker';

export class ConsecutiveBreaker implements BreakerStrategy {
  private count = 0;

  constructor(readonly threshold: number) {
    if (!(Number.isInteger(threshold) && threshold >= 1)) {
      throw new RangeError(`ConsecutiveBreaker threshold must be an integer >= 1, got ${threshold}`);
    }
  }

  /** Failures in a row so far. */
  get consecutiveFailures(): number {
    return this.count;
  }

  success(): boolean {
    this.count = 0;
    return false;
  }

  failure(): boolean {
    return ++this.count >= this.threshold;
  }

  reset(): void {
    this.count = 0;
  }
}
