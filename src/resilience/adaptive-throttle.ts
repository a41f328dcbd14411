/**
 * Client-side adaptive throttling — Google, "Site Reliability Engineering"
 * (O'Reilly 2016), ch. 21 "Handling Overload", section "Client-side
 * throttling" (https://sre.google/sre-book/handling-overload/):
 *
 *   requests: "the number of requests attempted by the application layer
 *             (at the client, on top of the adaptive throttling system)"
 *   accepts:  "the number of requests accepted by the backend"
 *   client request rejection probability = max(0, (requests − K × accepts) / (requests + 1))
 *
 * "Each client task keeps the following information for the last two
 * minutes of its history"; K = 2 is the book's typical value ("Reducing the
 * multiplier will make adaptive throttling behave more aggressively").
 * While the backend accepts everything the probability stays 0; once it
 * rejects, the client starts dropping requests locally — only about
 * (requests − K·accepts) of them ever reach the backend.
 *
 * Locally rejected requests count as requests (they were attempted by the
 * application). A backend answer counts as an accept unless it is an
 * overload rejection (default: RESOURCE_EXHAUSTED or UNAVAILABLE).
 * The probability is computed from the window *before* the new request is
 * recorded.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {codeOf, RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';
import type {Random} from './random';
import {mathRandom} from './random';

export interface AdaptiveThrottleOptions {
  /** The multiplier K. Default 2. */
  k?: number;
  /** History window, ms. Default 120 000 (two minutes). */
  windowMs?: number;
  /** Is this error the backend refusing for overload? Default: RESOURCE_EXHAUSTED, UNAVAILABLE. */
  isOverloadRejection?: (error: unknown) => boolean;
  clock?: Clock;
  random?: Random;
}

/** The SRE-book formula on its own. */
export function rejectionProbability(requests: number, accepts: number, k = 2): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}

const defaultIsOverload = (error: unknown): boolean => {
  const code = codeOf(error);
  return code === Code.ResourceExhausted || code === Code.Unavailable;
};

export class AdaptiveThrottle implements Policy {
  readonly k: number;
  readonly windowMs: number;
  private requestTimes: number[] = [];
  private acceptTimes: number[] = [];
  private requestHead = 0;
  private acceptHead = 0;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly isOverload: (error: unknown) => boolean;

  constructor(options: AdaptiveThrottleOptions = {}) {
    this.k = options.k ?? 2;
    this.windowMs = options.windowMs ?? 120_000;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? mathRandom;
    this.isOverload = options.isOverloadRejection ?? defaultIsOverload;
    if (!(this.k > 0)) throw new RangeError('k must be > 0');
    if (!(this.windowMs > 0)) throw new RangeError('windowMs must be > 0');
  }

  /** requests and accepts in the window now. */
  counts(): {requests: number; accepts: number} {
    this.evict();
    return {
      requests: this.requestTimes.length - this.requestHead,
      accepts: this.acceptTimes.length - this.acceptHead,
    };
  }

  /** The current local rejection probability. */
  probability(): number {
    const {requests, accepts} = this.counts();
    return rejectionProbability(requests, accepts, this.k);
  }

  /**
   * Records a request and decides whether to drop it locally (true = drop).
   * If it is sent, report the outcome with `recordAccept()` (or nothing for
   * an overload rejection).
   */
  shouldReject(): boolean {
    const p = this.probability();
    this.requestTimes.push(this.clock.now());
    return this.random() < p;
  }

  /** Records that the backend accepted a request. */
  recordAccept(): void {
    this.acceptTimes.push(this.clock.now());
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    if (this.shouldReject()) {
      throw new RejectedError('throttled', 'rejected locally by adaptive throttling', Code.Unavailable);
    }
    try {
      const value = await fn({signal: signal ?? neverAborted});
      this.recordAccept();
      return value;
    } catch (error) {
      // The backend answered (not an overload refusal, not our own cancel): an accept.
      if (!this.isOverload(error) && codeOf(error) !== Code.Canceled) this.recordAccept();
      throw error;
    }
  }

  private evict(): void {
    const oldest = this.clock.now() - this.windowMs;
    while (this.requestHead < this.requestTimes.length && (this.requestTimes[this.requestHead] as number) <= oldest) {
      this.requestHead++;
    }
    while (this.acceptHead < this.acceptTimes.length && (this.acceptTimes[this.acceptHead] as number) <= oldest) {
      this.acceptHead++;
    }
    if (this.requestHead > 4096) {
      this.requestTimes = this.requestTimes.slice(this.requestHead);
      this.requestHead = 0;
    }
    if (this.acceptHead > 4096) {
      this.acceptTimes = this.acceptTimes.slice(this.acceptHead);
      this.acceptHead = 0;
    }
  }
}
