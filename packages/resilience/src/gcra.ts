/**
 * GCRA, the Generic Cell Rate Algorithm — ATM Forum "Traffic Management
 * Specification 4.0" (af-tm-0056.000, 1996) and ITU-T I.371; explained in
 * https://en.wikipedia.org/wiki/Generic_cell_rate_algorithm and, for HTTP
 * rate limiting, Brandur Leach, "Rate limiting, cells, and GCRA" (2015,
 * https://brandur.org/rate-limiting).
 *
 * Virtual scheduling form, with emission interval T (time per request at the
 * sustained rate) and tolerance τ (how far ahead of schedule a request may
 * arrive):
 *
 *   on arrival at t_a:
 *     if TAT > t_a + τ:  non-conforming (TAT unchanged; retry after TAT − τ − t_a)
 *     else:              conforming; TAT = max(t_a, TAT) + T
 *
 * TAT, the theoretical arrival time, is the whole state: one number per key,
 * which is why Redis-based limiters use it. With τ = (burst − 1)·T, `burst`
 * back-to-back requests conform, then one per T.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';

export interface GcraOptions {
  /** T, ms between requests at the sustained rate. */
  emissionIntervalMs: number;
  /** τ, ms a request may arrive ahead of its theoretical time. */
  toleranceMs: number;
}

export interface GcraState {
  /** Theoretical arrival time of the next request. */
  tat: number;
}

export interface GcraResult {
  conforming: boolean;
  state: GcraState;
  /** For a non-conforming request: ms until it would conform. 0 otherwise. */
  retryAfterMs: number;
}

/**
 * One GCRA decision for `quantity` cells at once (default 1). Pure: the
 * state is passed in and returned. Several cells conform if the last of
 * them does — redis-cell's rule (`new_tat = max(tat, now) + quantity·T`,
 * `allow_at = new_tat − (τ + T)`, limited while `now < allow_at`); for one
 * cell it is the virtual-scheduling test above.
 */
export function gcra(state: GcraState | undefined, arrivalMs: number, options: GcraOptions, quantity = 1): GcraResult {
  const {emissionIntervalMs, toleranceMs} = options;
  const tat = Math.max(state?.tat ?? arrivalMs, arrivalMs);
  const kept = {tat: state?.tat ?? arrivalMs};
  if ((quantity - 1) * emissionIntervalMs > toleranceMs)
    return {conforming: false, state: kept, retryAfterMs: Infinity};
  const allowAt = tat + (quantity - 1) * emissionIntervalMs - toleranceMs;
  if (allowAt > arrivalMs) return {conforming: false, state: kept, retryAfterMs: allowAt - arrivalMs};
  return {conforming: true, state: {tat: tat + quantity * emissionIntervalMs}, retryAfterMs: 0};
}

/** T and τ from a rate and a burst size: T = 1000 / rate, τ = (burst − 1) · T. */
export function gcraOptions({perSecond, burst}: {perSecond: number; burst: number}): GcraOptions {
  if (!(perSecond > 0)) throw new RangeError('perSecond must be > 0');
  if (!(burst >= 1)) throw new RangeError('burst must be >= 1');
  const emissionIntervalMs = 1000 / perSecond;
  return {emissionIntervalMs, toleranceMs: (burst - 1) * emissionIntervalMs};
}

export class GcraLimiter implements Policy {
  private state: GcraState | undefined;
  private readonly clock: Clock;

  constructor(
    readonly options: GcraOptions,
    clock?: Clock,
  ) {
    this.clock = clock ?? realClock;
  }

  /** Decides for a request arriving now (and records it if conforming). */
  tryAcquire(): GcraResult {
    const result = gcra(this.state, this.clock.now(), this.options);
    this.state = result.state;
    return result;
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    const result = this.tryAcquire();
    if (!result.conforming) {
      throw new RejectedError('rate-limited', 'rate limited (GCRA)', Code.ResourceExhausted, result.retryAfterMs);
    }
    return fn({signal: signal ?? neverAborted});
  }
}
