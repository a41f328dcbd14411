/**
 * Retry throttling (a retry budget), as specified by gRFC A6, section
 * "Throttling Retry Attempts and Hedged RPCs"
 * (https://github.com/grpc/proposal/blob/master/A6-client-retries.md):
 *
 *   "the gRPC client maintains a token_count variable which is initially set
 *    to maxTokens and can take values between 0 and maxTokens.
 *    - Every failed RPC will decrement the token_count by 1.
 *    - Every successful RPC will increment the token_count by tokenRatio.
 *    If token_count is less than or equal to the threshold, defined to be
 *    (maxTokens / 2), then RPCs will not be retried until token_count rises
 *    over the threshold."
 *
 * Only failures with a retryable status code (or a "don't retry" pushback)
 * count. Validation (A6 "Validation of retryThrottling"): maxTokens in
 * (0, 1000]; tokenRatio > 0, decimal places beyond 3 ignored. Tokens are kept
 * as integer thousandths, as grpc-java and gRPC C-core do (grpc-go keeps a
 * float64), so 10 successes at 0.1 are exactly 1 token.
 *
 * The arithmetic is pure functions over a plain state; `RetryThrottle` is a
 * small holder for code that shares one budget between many calls (A6: one
 * per server name).
 */
export interface RetryThrottleOptions {
  maxTokens: number;
  tokenRatio: number;
}

/** Token count in thousandths of a token. */
export interface RetryThrottleState {
  milliTokens: number;
}

function milli(options: RetryThrottleOptions): {max: number; ratio: number} {
  const {maxTokens, tokenRatio} = options;
  if (!(maxTokens > 0 && maxTokens <= 1000)) {
    throw new RangeError(`retryThrottling.maxTokens must be in (0, 1000], got ${maxTokens}`);
  }
  if (!(tokenRatio > 0)) throw new RangeError(`retryThrottling.tokenRatio must be > 0, got ${tokenRatio}`);
  return {max: Math.round(maxTokens * 1000), ratio: Math.trunc(tokenRatio * 1000 + 1e-6)};
}

export function initialThrottleState(options: RetryThrottleOptions): RetryThrottleState {
  return {milliTokens: milli(options).max};
}

export function throttleOnFailure(state: RetryThrottleState): RetryThrottleState {
  return {milliTokens: Math.max(0, state.milliTokens - 1000)};
}

export function throttleOnSuccess(state: RetryThrottleState, options: RetryThrottleOptions): RetryThrottleState {
  const {max, ratio} = milli(options);
  return {milliTokens: Math.min(max, state.milliTokens + ratio)};
}

/** Retries are allowed only while token_count > maxTokens / 2. */
export function throttleAllowsRetry(state: RetryThrottleState, options: RetryThrottleOptions): boolean {
  return state.milliTokens * 2 > milli(options).max;
}

export class RetryThrottle {
  private state: RetryThrottleState;

  constructor(readonly options: RetryThrottleOptions) {
    this.state = initialThrottleState(options);
  }

  /** Current token_count. */
  get tokens(): number {
    return this.state.milliTokens / 1000;
  }

  recordFailure(): void {
    this.state = throttleOnFailure(this.state);
  }

  recordSuccess(): void {
    this.state = throttleOnSuccess(this.state, this.options);
  }

  allowsRetry(): boolean {
    return throttleAllowsRetry(this.state, this.options);
  }
}
