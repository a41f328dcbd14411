/**
 * Retry with backoff, deadline, server pushback and a retry budget.
 *
 * Semantics follow gRFC A6 "gRPC Retry Design"
 * (https://github.com/grpc/proposal/blob/master/A6-client-retries.md):
 * - `maxAttempts` counts the original call ("the maximum number of RPC
 *   attempts, including the original request");
 * - only `retryableCodes` are retried (A6: required, non-empty; we default
 *   to UNAVAILABLE, the one code that always means "not processed, try
 *   again");
 * - the call's deadline "applies across all attempts": we never start a
 *   sleep that would end at or after it — the retry ends with the last error;
 * - pushback: `grpc-retry-pushback-ms` ≥ 0 → retry after exactly that delay
 *   (and restart the backoff from its initial state); negative or
 *   unparseable → do not retry. HTTP `Retry-After` is honoured the same way;
 * - retry throttling: a failed attempt with a retryable code (or a "don't
 *   retry" pushback) costs a token, a success earns `tokenRatio`; no retry at
 *   or below half the bucket (see retry-throttle.ts).
 *
 * The decision is a pure function, `decideRetry`; `retry()` is the async
 * loop around it. The simulator calls the same `decideRetry`, so simulated
 * clients and real ones follow one rulebook.
 */
import {Code} from '@connectrpc/connect';
import {abortReason, neverAborted} from './abort';
import type {Backoff} from './backoff';
import {fullJitterBackoff} from './backoff';
import type {Clock} from './clock';
import {realClock} from './clock';
import {withTimeout} from './deadline';
import {codeOf} from './errors';
import type {Policy, PolicyContext} from './policy';
import type {Pushback} from './pushback';
import {pushbackFromError} from './pushback';
import type {Random} from './random';
import {mathRandom} from './random';
import type {RetryThrottle} from './retry-throttle';

export type GiveUpReason = 'not-retryable' | 'pushback-stop' | 'max-attempts' | 'throttled' | 'deadline' | 'aborted';

export interface RetryDecisionInput {
  /** Attempts made so far, including the one that just failed (1 after the first call). */
  attempt: number;
  maxAttempts: number;
  /** Whether the failure's code is retryable. */
  retryable: boolean;
  pushback?: Pushback;
  /** The retry budget's verdict (true without a budget). */
  throttleAllows: boolean;
  now: number;
  deadline?: number;
  backoff: Backoff;
  backoffState: unknown;
  random: Random;
}

export type RetryDecision =
  | {retry: true; delayMs: number; source: 'backoff' | 'pushback'; backoffState: unknown}
  | {retry: false; reason: GiveUpReason};

/** Should a failed attempt be retried, and after how long? Pure. */
export function decideRetry(input: RetryDecisionInput): RetryDecision {
  if (!input.retryable) return {retry: false, reason: 'not-retryable'};
  if (input.pushback?.kind === 'stop') return {retry: false, reason: 'pushback-stop'};
  if (input.attempt >= input.maxAttempts) return {retry: false, reason: 'max-attempts'};
  if (!input.throttleAllows) return {retry: false, reason: 'throttled'};

  let delayMs: number;
  let backoffState: unknown;
  let source: 'backoff' | 'pushback';
  if (input.pushback?.kind === 'delay') {
    // A6: "retry after exactly that delay"; later retries restart at initialBackoff.
    delayMs = input.pushback.delayMs;
    backoffState = undefined;
    source = 'pushback';
  } else {
    [delayMs, backoffState] = input.backoff(input.backoffState, input.random);
    source = 'backoff';
  }
  if (input.deadline !== undefined && input.now + delayMs >= input.deadline) {
    return {retry: false, reason: 'deadline'};
  }
  return {retry: true, delayMs, source, backoffState};
}

/** Emitted when an attempt starts (lets a live chart draw it while in flight). */
export interface AttemptStartEvent {
  type: 'attempt-start';
  attempt: number;
  startedAt: number;
  /** The delay slept before this attempt (0 for the first). */
  delayMs: number;
}

/** Emitted when an attempt ends. */
export interface AttemptEvent {
  type: 'attempt';
  attempt: number;
  startedAt: number;
  endedAt: number;
  delayMs: number;
  outcome: 'success' | 'failure';
  /** The failure's code (absent on success). */
  code?: Code;
  error?: unknown;
}

/** Emitted when a retry is scheduled. */
export interface RetryScheduledEvent {
  type: 'retry';
  /** The attempt that will run after the delay. */
  attempt: number;
  at: number;
  delayMs: number;
  source: 'backoff' | 'pushback';
}

/** Emitted when the loop stops retrying and rethrows the last error. */
export interface GiveUpEvent {
  type: 'give-up';
  attempt: number;
  at: number;
  reason: GiveUpReason;
  code: Code;
}

export type RetryEvent = AttemptStartEvent | AttemptEvent | RetryScheduledEvent | GiveUpEvent;

export interface RetryOptions {
  /** Attempts including the first call. Default 3. */
  maxAttempts?: number;
  /** Codes worth retrying. Default [UNAVAILABLE]. */
  retryableCodes?: readonly Code[];
  /** Overrides `retryableCodes` when given. */
  isRetryable?: (error: unknown) => boolean;
  /** Default: full jitter, base 100 ms, cap 10 s. */
  backoff?: Backoff;
  /** Absolute deadline on `clock` for the whole call, all attempts and sleeps included. */
  deadline?: number;
  /** Overall budget from the start of the first attempt (combined with `deadline`: the earlier wins). */
  timeoutMs?: number;
  /** Each attempt's own limit (DEADLINE_EXCEEDED when hit). */
  attemptTimeoutMs?: number;
  /** Reads server pushback from an error; default: `grpc-retry-pushback-ms`, then `Retry-After`. `false` ignores pushback. */
  pushback?: false | ((error: unknown, now: number) => Pushback | undefined);
  /** A shared retry budget (gRFC A6 throttling). */
  throttle?: RetryThrottle;
  clock?: Clock;
  random?: Random;
  signal?: AbortSignal;
  onEvent?: (event: RetryEvent) => void;
}

export interface AttemptContext extends PolicyContext {
  /** 1 for the original call, 2 for the first retry, … */
  attempt: number;
  /** The absolute deadline, if any — to pass on (see deadline.ts). */
  deadline?: number;
}

/** Runs `fn`, retrying per `options`; resolves with the first success or rejects with the last error. */
export async function retry<T>(
  fn: (context: AttemptContext) => Promise<T> | T,
  options: RetryOptions = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const random = options.random ?? mathRandom;
  const maxAttempts = options.maxAttempts ?? 3;
  const retryableCodes = options.retryableCodes ?? [Code.Unavailable];
  const isRetryable = options.isRetryable ?? ((error: unknown) => retryableCodes.includes(codeOf(error)));
  const backoff = options.backoff ?? fullJitterBackoff({baseMs: 100, capMs: 10_000});
  const readPushback = options.pushback === false ? undefined : (options.pushback ?? pushbackFromError);
  const {throttle, signal, onEvent} = options;

  const start = clock.now();
  const limit = Math.min(options.deadline ?? Infinity, start + (options.timeoutMs ?? Infinity));
  const deadline = limit === Infinity ? undefined : limit;

  let backoffState: unknown;
  let delayMs = 0;
  for (let attempt = 1; ; attempt++) {
    if (signal?.aborted) throw abortReason(signal);
    const startedAt = clock.now();
    onEvent?.({type: 'attempt-start', attempt, startedAt, delayMs});
    try {
      const budget = Math.min(options.attemptTimeoutMs ?? Infinity, (deadline ?? Infinity) - startedAt);
      const context = {attempt, deadline};
      const value =
        budget === Infinity && !signal
          ? await fn({...context, signal: neverAborted})
          : await withTimeout((inner) => fn({...context, signal: inner}), budget, {
              clock,
              signal,
              message:
                budget === options.attemptTimeoutMs
                  ? `attempt ${attempt} timed out after ${budget} ms`
                  : 'deadline exceeded',
            });
      throttle?.recordSuccess();
      onEvent?.({type: 'attempt', attempt, startedAt, endedAt: clock.now(), delayMs, outcome: 'success'});
      return value;
    } catch (error) {
      const now = clock.now();
      const code = codeOf(error);
      onEvent?.({type: 'attempt', attempt, startedAt, endedAt: now, delayMs, outcome: 'failure', code, error});
      if (signal?.aborted) {
        onEvent?.({type: 'give-up', attempt, at: now, reason: 'aborted', code});
        throw error;
      }
      const retryable = isRetryable(error);
      const pushback = readPushback?.(error, now);
      if (retryable || pushback?.kind === 'stop') throttle?.recordFailure();
      const decision: RetryDecision =
        deadline !== undefined && now >= deadline
          ? {retry: false, reason: 'deadline'}
          : decideRetry({
              attempt,
              maxAttempts,
              retryable,
              pushback,
              throttleAllows: throttle?.allowsRetry() ?? true,
              now,
              deadline,
              backoff,
              backoffState,
              random,
            });
      if (!decision.retry) {
        onEvent?.({type: 'give-up', attempt, at: now, reason: decision.reason, code});
        throw error;
      }
      onEvent?.({type: 'retry', attempt: attempt + 1, at: now, delayMs: decision.delayMs, source: decision.source});
      backoffState = decision.backoffState;
      delayMs = decision.delayMs;
      if (delayMs > 0) {
        try {
          await clock.sleep(delayMs, signal);
        } catch (abort) {
          onEvent?.({type: 'give-up', attempt, at: clock.now(), reason: 'aborted', code});
          throw abort;
        }
      }
    }
  }
}

/** `retry` as a Policy, for `wrap(...)`. */
export function retryPolicy(options: RetryOptions = {}): Policy {
  return {
    execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
      return retry(fn, {...options, signal: signal ?? options.signal});
    },
  };
}
