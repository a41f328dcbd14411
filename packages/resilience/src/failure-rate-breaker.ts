/**
 * Sliding-window failure-rate breaker, as resilience4j's CircuitBreaker
 * (https://resilience4j.readme.io/docs/circuitbreaker): the outcomes of the
 * last `size` calls (count-based window) or of the calls in the last
 * `durationMs` (time-based window) are kept; once at least `minimumCalls`
 * are recorded, the circuit opens when failureRate ≥ `failureRateThreshold`
 * (percent; "equal or greater than the threshold", resilience4j).
 *
 * As resilience4j (CircuitBreakerMetrics.java): the rate is checked after
 * every recorded call, a success included (`onSuccess` and `onError` both
 * end in `checkIfThresholdsExceeded`) — a success can complete the minimum
 * number of calls with the rate already at the threshold; and for a count
 * window the minimum is capped at the window's size
 * (`Math.min(minimumNumberOfCalls, slidingWindowSize)`), so window 10 with
 * minimum 20 evaluates from the 10th call. A time window's minimum is not
 * capped (resilience4j neither).
 *
 * Deliberate differences from resilience4j:
 * - a time window keeps each call's exact timestamp; resilience4j
 *   aggregates it in 1-second buckets (its window size is whole seconds);
 * - no slow-call rate (`slowCallRateThreshold`, `slowCallDurationThreshold`):
 *   slowness reaches this breaker only as DEADLINE_EXCEEDED failures;
 * - which errors count is CircuitBreaker's `isFailure` (by default caller
 *   errors such as INVALID_ARGUMENT are ignored); resilience4j records every
 *   exception as a failure unless configured;
 * - half-open probing is CircuitBreaker's (1 probe, 1 success by default),
 *   not a second window of `permittedNumberOfCallsInHalfOpenState` calls —
 *   see breaker-defaults.ts for resilience4j's settings.
 * Polly v8 opens when the ratio *reaches* FailureRatio within
 * SamplingDuration given MinimumThroughput; cockatiel's SamplingBreaker and
 * CountBreaker open when it *exceeds* the threshold.
 */
import type {BreakerStrategy} from './circuit-breaker';

export type SlidingWindow = {type: 'count'; size: number} | {type: 'time'; durationMs: number};

export interface FailureRateBreakerOptions {
  /** Percent in (0, 100]. resilience4j default 50. */
  failureRateThreshold?: number;
  /** resilience4j default: count-based, 100 calls. */
  window?: SlidingWindow;
  /** Calls needed before the rate is evaluated, capped at a count window's size. resilience4j default 100. */
  minimumCalls?: number;
}

export class FailureRateBreaker implements BreakerStrategy {
  readonly failureRateThreshold: number;
  readonly window: SlidingWindow;
  readonly minimumCalls: number;
  /** Outcomes in the window, oldest first: [time, failed]. */
  private outcomes: {at: number; failed: boolean}[] = [];
  private head = 0;
  private failures = 0;

  constructor(options: FailureRateBreakerOptions = {}) {
    this.failureRateThreshold = options.failureRateThreshold ?? 50;
    this.window = options.window ?? {type: 'count', size: 100};
    this.minimumCalls = options.minimumCalls ?? 100;
    if (!(this.failureRateThreshold > 0 && this.failureRateThreshold <= 100)) {
      throw new RangeError('failureRateThreshold must be in (0, 100]');
    }
    if (this.window.type === 'count' && !(Number.isInteger(this.window.size) && this.window.size >= 1)) {
      throw new RangeError('count window size must be an integer >= 1');
    }
    if (this.window.type === 'time' && !(this.window.durationMs > 0)) {
      throw new RangeError('time window durationMs must be > 0');
    }
    if (!(this.minimumCalls >= 1)) throw new RangeError('minimumCalls must be >= 1');
    if (this.window.type === 'count') this.minimumCalls = Math.min(this.minimumCalls, this.window.size);
  }

  /** Calls in the window (as of `now` for a time window). */
  calls(now = Infinity): number {
    this.evict(now);
    return this.outcomes.length - this.head;
  }

  /** Failure rate in percent, or undefined below `minimumCalls`. */
  failureRate(now = Infinity): number | undefined {
    const calls = this.calls(now);
    return calls < this.minimumCalls ? undefined : (this.failures / calls) * 100;
  }

  success(now: number): boolean {
    return this.record(now, false);
  }

  failure(now: number): boolean {
    return this.record(now, true);
  }

  reset(): void {
    this.outcomes = [];
    this.head = 0;
    this.failures = 0;
  }

  /** Records a call; true if the window is now at or over the threshold. */
  private record(now: number, failed: boolean): boolean {
    this.outcomes.push({at: now, failed});
    if (failed) this.failures++;
    const rate = this.failureRate(now);
    return rate !== undefined && rate >= this.failureRateThreshold;
  }

  private evict(now: number): void {
    const w = this.window;
    while (this.head < this.outcomes.length) {
      const oldest = this.outcomes[this.head] as {at: number; failed: boolean};
      const keep =
        w.type === 'count'
          ? this.outcomes.length - this.head <= w.size
          : now === Infinity || oldest.at > now - w.durationMs;
      if (keep) break;
      if (oldest.failed) this.failures--;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.outcomes.length) {
      this.outcomes = this.outcomes.slice(this.head);
      this.head = 0;
    }
  }
}
