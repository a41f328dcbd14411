/**
 * Circuit-breaker defaults of the libraries readers meet in production,
 * for comparison with our knobs, and the seed-001 preset.
 *
 * resilience4j CircuitBreakerConfig (https://resilience4j.readme.io/docs/circuitbreaker):
 *   failureRateThreshold 50 (%, opens at ≥), slidingWindowType COUNT_BASED,
 *   slidingWindowSize 100, minimumNumberOfCalls 100,
 *   waitDurationInOpenState 60 s, permittedNumberOfCallsInHalfOpenState 10
 *   (then closes if their failure rate is below the threshold),
 *   automaticTransitionFromOpenToHalfOpenEnabled false.
 *
 * Polly v8 CircuitBreakerStrategyOptions
 * (https://www.pollydocs.org/strategies/circuit-breaker#defaults):
 *   FailureRatio 0.1, MinimumThroughput 100, SamplingDuration 30 s,
 *   BreakDuration 5 s; one probe when half-open.
 *
 * cockatiel `circuitBreaker(policy, { halfOpenAfter, breaker })`
 * (https://github.com/connor4312/cockatiel#circuitbreakerpolicy):
 *   no defaults — `halfOpenAfter` and the breaker
 *   (`ConsecutiveBreaker(n)`, `CountBreaker`, `SamplingBreaker`) are
 *   required. Half-open: `halfOpenSampling: {calls, threshold}` (cockatiel
 *   4), default one call with no failure allowed — reopens when more than
 *   threshold × calls of the sampled calls fail.
 */
import type {CircuitBreakerOptions} from './circuit-breaker';
import {ConsecutiveBreaker} from './consecutive-breaker';
import {FailureRateBreaker} from './failure-rate-breaker';

export const resilience4jDefaults = {
  failureRateThreshold: 50,
  slidingWindowType: 'COUNT_BASED',
  slidingWindowSize: 100,
  minimumNumberOfCalls: 100,
  waitDurationInOpenStateMs: 60_000,
  permittedNumberOfCallsInHalfOpenState: 10,
} as const;

export const pollyV8Defaults = {
  failureRatio: 0.1,
  minimumThroughput: 100,
  samplingDurationMs: 30_000,
  breakDurationMs: 5_000,
} as const;

/**
 * Our breaker configured like resilience4j's defaults (closest match: the
 * half-open phase admits 10 probes at once and closes after 10 successes,
 * where resilience4j would tolerate failures below the 50 % rate).
 */
export function resilience4jLikeOptions(
  extra: Omit<CircuitBreakerOptions, 'breaker' | 'openMs' | 'halfOpen'> = {},
): CircuitBreakerOptions {
  return {
    ...extra,
    breaker: new FailureRateBreaker({
      failureRateThreshold: resilience4jDefaults.failureRateThreshold,
      window: {type: 'count', size: resilience4jDefaults.slidingWindowSize},
      minimumCalls: resilience4jDefaults.minimumNumberOfCalls,
    }),
    openMs: resilience4jDefaults.waitDurationInOpenStateMs,
    halfOpen: {permittedCalls: 10, successesToClose: 10},
  };
}

/**
 * Seed 001's breaker profile: open after 5 consecutive failures, half-open
 * after 30 s, close after 2 consecutive successful probes (probes run one
 * at a time; a failed probe re-opens for another 30 s).
 */
export function seed001Profile(
  extra: Omit<CircuitBreakerOptions, 'breaker' | 'openMs' | 'halfOpen'> = {},
): CircuitBreakerOptions {
  return {
    ...extra,
    breaker: new ConsecutiveBreaker(5),
    openMs: 30_000,
    halfOpen: {permittedCalls: 1, successesToClose: 2},
  };
}
