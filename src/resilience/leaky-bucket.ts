/**
 * Leaky bucket, in its two classic readings
 * (https://en.wikipedia.org/wiki/Leaky_bucket):
 *
 * - As a meter (Turner, 1986; ITU-T I.371 / ATM Forum TM 4.0 describe the
 *   same test as GCRA): a bucket of size `capacity` leaks at `leakPerSecond`;
 *   each arriving call adds 1; a call that would overflow the bucket is
 *   non-conforming and refused. Bursts up to `capacity` pass. (It is the
 *   token bucket seen from the other side: level = capacity − tokens.)
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
import type {Policy, PolicyContext} from './policy';

export interface LeakyBucketOptions {
  capacity: number;
  leakPerSecond: number;
  clock?: Clock;
}

export class LeakyBucketMeter implements Policy {
  readonly capacity: number;
  readonly leakPerSecond: number;
  private current = 0;
  private updatedAt: number;
  private readonly clock: Clock;

  constructor(options: LeakyBucketOptions) {
    if (!(options.capacity > 0)) throw new RangeError('capacity must be > 0');
    if (!(options.leakPerSecond > 0)) throw new RangeError('leakPerSecond must be > 0');
    this.capacity = options.capacity;
    this.leakPerSecond = options.leakPerSecond;
    this.clock = options.clock ?? realClock;
    this.updatedAt = this.clock.now();
  }

  /** Water in the bucket now. */
  level(): number {
    this.leak();
    return this.current;
  }

  /** Adds `amount` if it fits (a conforming call). */
  tryAdd(amount = 1): boolean {
    this.leak();
    if (this.current + amount > this.capacity) return false;
    this.current += amount;
    return true;
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    if (!this.tryAdd()) {
      const retryAfterMs = ((this.current + 1 - this.capacity) / this.leakPerSecond) * 1000;
      throw new RejectedError('rate-limited', 'rate limited (leaky bucket full)', Code.ResourceExhausted, retryAfterMs);
    }
    return fn({signal: signal ?? neverAborted});
  }

  private leak(): void {
    const now = this.clock.now();
    if (now > this.updatedAt) {
      this.current = Math.max(0, this.current - ((now - this.updatedAt) * this.leakPerSecond) / 1000);
    }
    this.updatedAt = now;
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
