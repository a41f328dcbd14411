/**
 * Leaky bucket, in its two classic readings
 * (https://en.wikipedia.org/wiki/Leaky_bucket):
 *
 * - As a meter (Turner, 1986; ITU-T I.371 / ATM Forum TM 4.0 describe the
 *   same test as GCRA): a bucket of size `capacity` leaks at `leakPerSecond`;
 *   each arriving call adds 1; a call that would overflow the bucket is
 *   non-conforming and refused. Bursts up to `capacity` pass. (It is the
 *   token bucket seen from the other side: level = capacity − tokens.)
 *   Like TokenBucket it keeps GCRA's theoretical arrival time instead of a
 *   floating level — here the moment the bucket will be empty, level(t) =
 *   max(0, TAT − t) / T with T = 1000 / leakPerSecond, on a clock scaled by
 *   the rate so that T is exactly 1000 units — so rounding never refuses a
 *   conforming call.
 *
 * - As a queue (Tanenbaum, "Computer Networks", §5.4.2): arriving calls wait
 *   in a FIFO of at most `capacity`; they leave at a fixed rate, one every
 *   1000 / `leakPerSecond` ms, so the output has no bursts at all. A call
 *   arriving to a full queue is refused.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {RejectedError} from './errors';
import type {GcraOptions, GcraResult, GcraState} from './gcra';
import {gcra} from './gcra';
import type {Policy, PolicyContext} from './policy';

export interface LeakyBucketOptions {
  capacity: number;
  leakPerSecond: number;
  clock?: Clock;
}

/** T on the scaled clock: 1000 ms / rate, times the rate. */
const PER_UNIT = 1000;

export class LeakyBucketMeter implements Policy {
  readonly capacity: number;
  readonly leakPerSecond: number;
  private state: GcraState;
  private readonly cells: GcraOptions;
  private readonly clock: Clock;

  constructor(options: LeakyBucketOptions) {
    if (!(options.capacity > 0)) throw new RangeError('capacity must be > 0');
    if (!(options.leakPerSecond > 0)) throw new RangeError('leakPerSecond must be > 0');
    this.capacity = options.capacity;
    this.leakPerSecond = options.leakPerSecond;
    this.clock = options.clock ?? realClock;
    this.cells = {emissionIntervalMs: PER_UNIT, toleranceMs: (this.capacity - 1) * PER_UNIT};
    this.state = {tat: this.scaledNow()};
  }

  /** Water in the bucket now. */
  level(): number {
    return Math.max(0, this.state.tat - this.scaledNow()) / PER_UNIT;
  }

  /** Adds `amount` if it fits (a conforming call). */
  tryAdd(amount = 1): boolean {
    return this.pour(amount).conforming;
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    const result = this.pour(1);
    if (!result.conforming) {
      throw new RejectedError(
        'rate-limited',
        'rate limited (leaky bucket full)',
        Code.ResourceExhausted,
        result.retryAfterMs / this.leakPerSecond,
      );
    }
    return fn({signal: signal ?? neverAborted});
  }

  private pour(amount: number): GcraResult {
    const result = gcra(this.state, this.scaledNow(), this.cells, amount);
    this.state = result.state;
    return result;
  }

  /** The clock in units of 1 / rate ms: one unit of water leaks in exactly PER_UNIT. */
  private scaledNow(): number {
    return this.clock.now() * this.leakPerSecond;
  }
}

export class LeakyBucketQueue implements Policy {
  readonly capacity: number;
  readonly intervalMs: number;
  /** Departure times of admitted calls that have not left yet. */
  private departures: number[] = [];
  private lastDeparture = -Infinity;
  private readonly clock: Clock;

  constructor(options: LeakyBucketOptions) {
    if (!(options.capacity >= 0)) throw new RangeError('capacity must be >= 0');
    if (!(options.leakPerSecond > 0)) throw new RangeError('leakPerSecond must be > 0');
    this.capacity = options.capacity;
    this.intervalMs = 1000 / options.leakPerSecond;
    this.clock = options.clock ?? realClock;
  }

  /** Calls waiting in the queue now. */
  depth(): number {
    const now = this.clock.now();
    while (this.departures.length > 0 && (this.departures[0] as number) <= now) this.departures.shift();
    return this.departures.length;
  }

  /**
   * Admits a call: returns how long it must wait for its turn (0 = go now),
   * or undefined if the queue is full.
   */
  tryEnqueue(): number | undefined {
    const now = this.clock.now();
    const departure = Math.max(now, this.lastDeparture + this.intervalMs);
    if (departure > now && this.depth() >= this.capacity) return undefined;
    this.lastDeparture = departure;
    if (departure > now) this.departures.push(departure);
    return departure - now;
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    const wait = this.tryEnqueue();
    if (wait === undefined) {
      throw new RejectedError('queue-full', 'leaky bucket queue full', Code.ResourceExhausted);
    }
    if (wait > 0) await this.clock.sleep(wait, signal);
    return fn({signal: signal ?? neverAborted});
  }
}
