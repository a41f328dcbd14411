/**
 * Beamline resilience patterns — one concept per file; see each file's
 * header for the published definition it implements.
 */
export type {Clock} from './clock';
export {realClock} from './clock';
export type {VirtualClockOptions} from './virtual-clock';
export {VirtualClock} from './virtual-clock';
export type {Random} from './random';
export {mathRandom, seededRandom, uniform, normal, mixSeed} from './random';
export {abortReason, linkedController, raceAbort, neverAborted} from './abort';
export type {RejectionKind} from './errors';
export {RejectedError, codeOf, rejectionKind, Code, ConnectError} from './errors';

export type {Backoff, ExponentialOptions, StrategyName} from './backoff';
export {
  noBackoff,
  constantBackoff,
  exponentialBackoff,
  fullJitterBackoff,
  equalJitterBackoff,
  decorrelatedJitterBackoff,
  expo,
  strategyNames,
  isStrategyName,
  backoffByName,
  delays,
} from './backoff';
export type {GrpcConnectionBackoffOptions, GrpcRetryBackoffOptions} from './grpc-backoff';
export {grpcConnectionBackoff, grpcConnectionBackoffDefaults, grpcRetryBackoff} from './grpc-backoff';

export type {Pushback} from './pushback';
export {parseGrpcRetryPushback, parseRetryAfter, pushbackFromError} from './pushback';
export type {RetryThrottleOptions, RetryThrottleState} from './retry-throttle';
export {
  RetryThrottle,
  initialThrottleState,
  throttleOnFailure,
  throttleOnSuccess,
  throttleAllowsRetry,
} from './retry-throttle';
export type {
  RetryOptions,
  RetryEvent,
  AttemptStartEvent,
  AttemptEvent,
  RetryScheduledEvent,
  GiveUpEvent,
  GiveUpReason,
  AttemptContext,
  RetryDecision,
  RetryDecisionInput,
} from './retry';
export {retry, retryPolicy, decideRetry} from './retry';
export type {GrpcRetryPolicyConfig} from './grpc-retry-policy';
export {
  grpcRetryPolicy,
  grpcRetryThrottling,
  parseDuration,
  parseStatusCode,
  GRPC_MAX_ATTEMPTS_CAP,
} from './grpc-retry-policy';
export {retryInterceptor} from './retry-interceptor';

export type {
  CircuitState,
  StateChange,
  BreakerStrategy,
  HalfOpenOptions,
  CircuitBreakerOptions,
} from './circuit-breaker';
export {CircuitBreaker, defaultIsFailure} from './circuit-breaker';
export {ConsecutiveBreaker} from './consecutive-breaker';
export type {FailureRateBreakerOptions, SlidingWindow} from './failure-rate-breaker';
export {FailureRateBreaker} from './failure-rate-breaker';
export {resilience4jDefaults, pollyV8Defaults, resilience4jLikeOptions, seed001Profile} from './breaker-defaults';

export type {TokenBucketOptions} from './token-bucket';
export {TokenBucket} from './token-bucket';
export type {LeakyBucketOptions} from './leaky-bucket';
export {LeakyBucketMeter, LeakyBucketQueue} from './leaky-bucket';
export type {GcraOptions, GcraState, GcraResult} from './gcra';
export {gcra, gcraOptions, GcraLimiter} from './gcra';
export type {BoundedQueueOptions, QueueEvent} from './bounded-queue';
export {BoundedQueue} from './bounded-queue';
export type {AdaptiveThrottleOptions, BackendVerdict} from './adaptive-throttle';
export {AdaptiveThrottle, rejectionProbability, verdictOf} from './adaptive-throttle';

export {
  deadlineAfter,
  remainingMs,
  attemptBudgetMs,
  callOptionsForDeadline,
  withTimeout,
  timeoutPolicy,
  parseTimeoutHeader,
  setTimeoutHeader,
} from './deadline';
export {deadlineInterceptor, deadlineKey} from './deadline-interceptor';

export type {Policy, PolicyContext} from './policy';
export {wrap, noopPolicy} from './policy';
export {policyInterceptor, circuitBreakerInterceptor} from './policy-interceptor';

export type {HedgeOptions, HedgeAttemptContext, HedgeEvent, HedgeOutcome} from './hedge';
export {hedge, effectiveHedgeAttempts, HEDGING_MAX_ATTEMPTS_CAP} from './hedge';
export type {Answer, AnswerSource, FallbackCacheOptions, FallbackOptions} from './fallback';
export {FallbackCache, withFallback, defaultFallbackCodes} from './fallback';
