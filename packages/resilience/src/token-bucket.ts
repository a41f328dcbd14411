/**
 * Token bucket (https://en.wikipedia.org/wiki/Token_bucket; Tanenbaum &
 * Wetherall, "Computer Networks", 5th ed., §5.4.2): a bucket holds up to
 * `capacity` tokens and gains `refillPerSecond` tokens per second; a call
 * takes one token or is refused. `capacity` is the largest burst,
 * `refillPerSecond` the long-run rate.
 *
 * The level is computed lazily from the clock — level(t) = min(capacity,
 * level(t0) + (t − t0) · rate) — so there is no refill timer to run. But
 * the bucket does not store that floating level: adding (t − t0) · rate
 * again and again drifts with rounding, and a call that conforms gets
 * refused. It stores what GCRA stores (gcra.ts): the theoretical arrival
 * time TAT, here the moment the bucket will be full again, so that
 * level(t) = capacity − max(0, TAT − t) / T with T = 1000 / rate. Taking
 * n tokens is GCRA with n cells and τ = (capacity − 1) · T (redis-cell's
 * rule). GCRA runs on a clock scaled by the rate (1 ms = `rate` units), so
 * T is exactly 1000 units even when 1000 / rate is not a whole number of
 * ms: TAT only ever moves by whole multiples of 1000, and on a millisecond
 * clock with a whole rate every decision is exact.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {RejectedError} from './errors';
import type {GcraOptions, GcraState} from './gcra';
import {gcra} from './gcra';
import type {Policy, PolicyContext} from './policy';

export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Default: full (`capacity`). */
  initialTokens?: number;
  clock?: Clock;
}

/** T on the scaled clock: 1000 ms / rate, times the rate. */
const PER_TOKEN = 1000;

export class TokenBucket implements Policy {
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** GCRA state on the scaled clock (`scaledNow`). */
  private state: GcraState;
  private readonly cells: GcraOptions;
  private readonly clock: Clock;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity > 0)) throw new RangeError('capacity must be > 0');
    if (!(options.refillPerSecond > 0)) throw new RangeError('refillPerSecond must be > 0');
    this.capacity = options.capacity;
    this.refillPerSecond = options.refillPerSecond;
    this.clock = options.clock ?? realClock;
    this.cells = {emissionIntervalMs: PER_TOKEN, toleranceMs: (this.capacity - 1) * PER_TOKEN};
    const missing = this.capacity - Math.min(this.capacity, options.initialTokens ?? this.capacity);
    this.state = {tat: this.scaledNow() + missing * PER_TOKEN};
  }

  /** Tokens available now. */
  tokens(): number {
    return this.capacity - Math.max(0, this.state.tat - this.scaledNow()) / PER_TOKEN;
  }

  /** Takes `n` tokens if available. */
  tryTake(n = 1): boolean {
    const result = gcra(this.state, this.scaledNow(), this.cells, n);
    this.state = result.state;
    return result.conforming;
  }

  /** Milliseconds until `n` tokens will be available (0 if now; Infinity if never). */
  msUntil(n = 1): number {
    return gcra(this.state, this.scaledNow(), this.cells, n).retryAfterMs / this.refillPerSecond;
  }

  /** Waits for `n` tokens, then takes them (FIFO is not guaranteed between concurrent waiters). */
  async take(n = 1, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (this.tryTake(n)) return;
      const wait = this.msUntil(n);
      if (wait === Infinity) throw new RangeError(`can never hold ${n} tokens`);
      await this.clock.sleep(wait, signal);
    }
  }

  /** Runs `fn` if a token is available, else fails fast with RESOURCE_EXHAUSTED. */
  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    if (!this.tryTake()) {
      throw new RejectedError(
        'rate-limited',
        'rate limited (token bucket empty)',
        Code.ResourceExhausted,
        this.msUntil(),
      );
    }
    return fn({signal: signal ?? neverAborted});
  }

  /** The clock in units of 1 / rate ms: one token's worth of time is exactly PER_TOKEN. */
  private scaledNow(): number {
    return this.clock.now() * this.refillPerSecond;
  }
}
