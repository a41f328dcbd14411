/**
 * Token bucket (https://en.wikipedia.org/wiki/Token_bucket; Tanenbaum &
 * Wetherall, "Computer Networks", 5th ed., §5.4.2): a bucket holds up to
 * `capacity` tokens and gains `refillPerSecond` tokens per second; a call
 * takes one token or is refused. `capacity` is the largest burst,
 * `refillPerSecond` the long-run rate.
 *
 * The level is computed lazily from the clock — level(t) = min(capacity,
 * level(t0) + (t − t0) · rate) — so there is no refill timer to run.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';

export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
  /** Default: full (`capacity`). */
  initialTokens?: number;
  clock?: Clock;
}

export class TokenBucket implements Policy {
  readonly capacity: number;
  readonly refillPerSecond: number;
  private level: number;
  private updatedAt: number;
  private readonly clock: Clock;

  constructor(options: TokenBucketOptions) {
    if (!(options.capacity > 0)) throw new RangeError('capacity must be > 0');
    if (!(options.refillPerSecond >= 0)) throw new RangeError('refillPerSecond must be >= 0');
    this.capacity = options.capacity;
    this.refillPerSecond = options.refillPerSecond;
    this.clock = options.clock ?? realClock;
    this.level = Math.min(this.capacity, options.initialTokens ?? this.capacity);
    this.updatedAt = this.clock.now();
  }

  /** Tokens available now. */
  tokens(): number {
    this.refill();
    return this.level;
  }

  /** Takes `n` tokens if available. */
  tryTake(n = 1): boolean {
    this.refill();
    if (this.level < n) return false;
    this.level -= n;
    return true;
  }

  /** Milliseconds until `n` tokens will be available (0 if now; Infinity if never). */
  msUntil(n = 1): number {
    this.refill();
    if (this.level >= n) return 0;
    if (n > this.capacity || this.refillPerSecond === 0) return Infinity;
    return ((n - this.level) / this.refillPerSecond) * 1000;
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

  private refill(): void {
    const now = this.clock.now();
    if (now > this.updatedAt) {
      this.level = Math.min(this.capacity, this.level + ((now - this.updatedAt) * this.refillPerSecond) / 1000);
    }
    this.updatedAt = now;
  }
}
