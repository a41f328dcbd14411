/**
 * Circuit breaker — Michael Nygard, "Release It!" (2007, 2nd ed. 2018),
 * ch. "Stability Patterns"; Martin Fowler, "CircuitBreaker" (bliki, 2014).
 *
 *   closed ──(the strategy says "open")──▶ open ──(openMs elapsed)──▶ half-open
 *   half-open ──(successesToClose successes)──▶ closed
 *   half-open ──(any failure)──▶ open (the open timer starts again)
 *
 * *When* to open is a pluggable strategy (cockatiel's `IBreaker`):
 * `ConsecutiveBreaker` (N failures in a row) or `FailureRateBreaker`
 * (failure rate over a count- or time-based sliding window, with a minimum
 * number of calls). This class runs the state machine around it.
 *
 * Half-open: at most `permittedCalls` probe calls in flight at once; every
 * other call is rejected. The circuit closes after `successesToClose`
 * successful probes; any failed probe re-opens it. Defaults (1 probe, 1
 * success) are cockatiel's (its `halfOpenSampling` default, {calls: 1,
 * threshold: 0}) and Polly's ("If the first action after the
 * break duration … results in a handled exception, the circuit will break
 * again … if no exception is thrown, the circuit will reset"). resilience4j
 * differs: it admits `permittedNumberOfCallsInHalfOpenState` (default 10)
 * calls in total and then compares their failure rate with the threshold —
 * see `breaker-defaults.ts`.
 *
 * Open → half-open happens lazily, on the first look after `openMs` (like
 * cockatiel, and resilience4j with its default
 * automaticTransitionFromOpenToHalfOpenEnabled=false); the state-change
 * event still carries the exact moment, `openedAt + openMs`.
 *
 * Results of calls that started in an earlier state are ignored (a slow call
 * admitted while closed must not close a circuit that has since opened).
 * A rejected call fails fast with `RejectedError('circuit-open')`, code
 * UNAVAILABLE, `retryAfterMs` = time left until half-open.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {codeOf, RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface StateChange {
  from: CircuitState;
  to: CircuitState;
  /** When it happened, on the breaker's clock. */
  at: number;
}

/** Decides when a closed circuit opens (cockatiel's IBreaker). */
export interface BreakerStrategy {
  /** Records a success seen while closed; returns true if the circuit should open (a rate can reach its threshold on a success). */
  success(now: number): boolean;
  /** Records a failure seen while closed; returns true if the circuit should open. */
  failure(now: number): boolean;
  /** Forgets everything (called when the circuit closes). */
  reset(): void;
}

export interface HalfOpenOptions {
  /** Probe calls allowed in flight at once while half-open. Default 1. */
  permittedCalls?: number;
  /** Successful probes needed to close. Default 1. */
  successesToClose?: number;
}

export interface CircuitBreakerOptions {
  breaker: BreakerStrategy;
  /** How long the circuit stays open before probing (ms). */
  openMs: number;
  halfOpen?: HalfOpenOptions;
  /**
   * Which errors count as failures. Default: everything except errors that
   * say the *caller* was wrong or gave up (CANCELED, INVALID_ARGUMENT,
   * NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, FAILED_PRECONDITION,
   * OUT_OF_RANGE, UNAUTHENTICATED). Ignored errors count as neither.
   */
  isFailure?: (error: unknown) => boolean;
  clock?: Clock;
  onStateChange?: (change: StateChange) => void;
}

const CALLER_ERRORS: readonly Code[] = [
  Code.Canceled,
  Code.InvalidArgument,
  Code.NotFound,
  Code.AlreadyExists,
  Code.PermissionDenied,
  Code.FailedPrecondition,
  Code.OutOfRange,
  Code.Unauthenticated,
];

export const defaultIsFailure = (error: unknown): boolean => !CALLER_ERRORS.includes(codeOf(error));

export class CircuitBreaker implements Policy {
  private current: CircuitState = 'closed';
  private epoch = 0;
  private openedAt = 0;
  private probesInFlight = 0;
  private probeSuccesses = 0;
  private readonly clock: Clock;
  private readonly permittedCalls: number;
  private readonly successesToClose: number;
  private readonly isFailure: (error: unknown) => boolean;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.clock = options.clock ?? realClock;
    this.permittedCalls = options.halfOpen?.permittedCalls ?? 1;
    this.successesToClose = options.halfOpen?.successesToClose ?? 1;
    this.isFailure = options.isFailure ?? defaultIsFailure;
    if (!(this.permittedCalls >= 1)) throw new RangeError('halfOpen.permittedCalls must be >= 1');
    if (!(this.successesToClose >= 1)) throw new RangeError('halfOpen.successesToClose must be >= 1');
  }

  /** The current state (moving open → half-open if `openMs` has elapsed). */
  get state(): CircuitState {
    this.refresh();
    return this.current;
  }

  /** Milliseconds until an open circuit turns half-open (0 otherwise). */
  get retryAfterMs(): number {
    this.refresh();
    return this.current === 'open' ? this.openedAt + this.options.openMs - this.clock.now() : 0;
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    const permit = this.acquire();
    let value: T;
    try {
      value = await fn({signal: signal ?? neverAborted});
    } catch (error) {
      if (this.isFailure(error)) this.onFailure(permit);
      else this.onIgnored(permit);
      throw error;
    }
    this.onSuccess(permit);
    return value;
  }

  /** Forces the circuit closed and forgets the history. */
  reset(): void {
    this.transition('closed', this.clock.now());
  }

  private acquire(): {epoch: number; probe: boolean} {
    this.refresh();
    if (this.current === 'open') {
      throw new RejectedError('circuit-open', 'circuit open', Code.Unavailable, this.retryAfterMs);
    }
    if (this.current === 'half-open') {
      if (this.probesInFlight >= this.permittedCalls) {
        throw new RejectedError('circuit-open', 'circuit half-open: probe limit reached', Code.Unavailable, 0);
      }
      this.probesInFlight++;
      return {epoch: this.epoch, probe: true};
    }
    return {epoch: this.epoch, probe: false};
  }

  private onSuccess(permit: {epoch: number; probe: boolean}): void {
    if (permit.epoch !== this.epoch) return;
    const now = this.clock.now();
    if (permit.probe) {
      this.probesInFlight--;
      if (++this.probeSuccesses >= this.successesToClose) this.transition('closed', now);
    } else if (this.options.breaker.success(now)) {
      this.transition('open', now);
    }
  }

  private onFailure(permit: {epoch: number; probe: boolean}): void {
    if (permit.epoch !== this.epoch) return;
    const now = this.clock.now();
    if (permit.probe || this.options.breaker.failure(now)) this.transition('open', now);
  }

  private onIgnored(permit: {epoch: number; probe: boolean}): void {
    if (permit.epoch === this.epoch && permit.probe) this.probesInFlight--;
  }

  private refresh(): void {
    if (this.current === 'open' && this.clock.now() >= this.openedAt + this.options.openMs) {
      this.transition('half-open', this.openedAt + this.options.openMs);
    }
  }

  private transition(to: CircuitState, at: number): void {
    const from = this.current;
    this.current = to;
    this.epoch++;
    this.probesInFlight = 0;
    this.probeSuccesses = 0;
    if (to === 'open') this.openedAt = at;
    if (to === 'closed') this.options.breaker.reset();
    if (from !== to) this.options.onStateChange?.({from, to, at});
  }
}
