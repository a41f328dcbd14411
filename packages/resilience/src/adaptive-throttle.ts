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
 * What counts, and when:
 * - A request enters the window when its fate is known: dropped locally, or
 *   answered. A request still in flight is in neither count — otherwise the
 *   first calls to a slow but healthy backend look like rejections from an
 *   empty window. This is grpc-go's adaptive throttler
 *   (balancer/rls/internal/adaptive/adaptive.go: requests = accepts +
 *   throttles, both registered by `ShouldThrottle` or
 *   `RegisterBackendResponse`).
 * - Which answers are accepts: Envoy's admission control filter, whose
 *   default gRPC success codes are OK, CANCELED, UNKNOWN, INVALID_ARGUMENT,
 *   NOT_FOUND, ALREADY_EXISTS, UNAUTHENTICATED, FAILED_PRECONDITION,
 *   OUT_OF_RANGE, UNIMPLEMENTED (source/extensions/filters/http/
 *   admission_control/evaluators/success_criteria_evaluator.cc). Everything
 *   else — DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL,
 *   ABORTED, PERMISSION_DENIED, DATA_LOSS — is not accepted: a backend so
 *   slow that calls outlive their deadlines is overloaded and must be
 *   throttled too.
 * - One deliberate difference from Envoy: CANCELED counts as *neither*. The
 *   caller gave up, which tells nothing about the backend; as an accept it
 *   would hide an overload from callers who cancel slow calls, as a bare
 *   request it would throttle a healthy backend.
 *
 * The probability is computed from the window before the new request.
 */
import {Code} from '@connectrpc/connect';
import {neverAborted} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {codeOf, RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';
import type {Random} from './random';
import {mathRandom} from './random';

/** What an answer (or an error) says about the backend. */
export type BackendVerdict = 'accepted' | 'not-accepted' | 'ignored';

export interface AdaptiveThrottleOptions {
  /** The multiplier K. Default 2. */
  k?: number;
  /** History window, ms. Default 120 000 (two minutes). */
  windowMs?: number;
  /** How a failed call counts. Default `verdictOf`: Envoy's success codes, CANCELED ignored. */
  classify?: (error: unknown) => BackendVerdict;
  clock?: Clock;
  random?: Random;
}

/** The SRE-book formula on its own. */
export function rejectionProbability(requests: number, accepts: number, k = 2): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}

/** Envoy admission control's default gRPC success codes (see the header). */
const acceptedCodes = new Set<Code>([
  Code.Canceled, // listed by Envoy; handled before this set is consulted
  Code.Unknown,
  Code.InvalidArgument,
  Code.NotFound,
  Code.AlreadyExists,
  Code.Unauthenticated,
  Code.FailedPrecondition,
  Code.OutOfRange,
  Code.Unimplemented,
]);

/** The default classification of a failed call. */
export function verdictOf(error: unknown): BackendVerdict {
  const code = codeOf(error);
  if (code === Code.Canceled) return 'ignored';
  return acceptedCodes.has(code) ? 'accepted' : 'not-accepted';
}

export class AdaptiveThrottle implements Policy {
  readonly k: number;
  readonly windowMs: number;
  private requestTimes: number[] = [];
  private acceptTimes: number[] = [];
  private requestHead = 0;
  private acceptHead = 0;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly classify: (error: unknown) => BackendVerdict;

  constructor(options: AdaptiveThrottleOptions = {}) {
    this.k = options.k ?? 2;
    this.windowMs = options.windowMs ?? 120_000;
    this.clock = options.clock ?? realClock;
    this.random = options.random ?? mathRandom;
    this.classify = options.classify ?? verdictOf;
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
   * Decides whether to drop a request locally (true = drop; it counts as a
   * request). If it is sent, report what the backend did with `record()`.
   */
  shouldReject(): boolean {
    if (this.random() >= this.probability()) return false;
    this.requestTimes.push(this.clock.now());
    return true;
  }

  /** Records the backend's answer to a request `shouldReject` let through. */
  record(verdict: BackendVerdict): void {
    if (verdict === 'ignored') return;
    const now = this.clock.now();
    this.requestTimes.push(now);
    if (verdict === 'accepted') this.acceptTimes.push(now);
  }

  async execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
    if (this.shouldReject()) {
      throw new RejectedError('throttled', 'rejected locally by adaptive throttling', Code.Unavailable);
    }
    try {
      const value = await fn({signal: signal ?? neverAborted});
      this.record('accepted');
      return value;
    } catch (error) {
      this.record(this.classify(error));
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
