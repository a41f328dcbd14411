/**
 * The two backoffs gRPC specifies.
 *
 * 1. Connection backoff — grpc/grpc doc/connection-backoff.md ("GRPC
 *    Connection Backoff Protocol"):
 *
 *      current_backoff = INITIAL_BACKOFF            (first wait: no jitter)
 *      then: current_backoff = min(current_backoff * MULTIPLIER, MAX_BACKOFF)
 *            wait = current_backoff + UniformRandom(-JITTER * current_backoff,
 *                                                     JITTER * current_backoff)
 *      INITIAL_BACKOFF = 1 s, MULTIPLIER = 1.6, JITTER = 0.2, MAX_BACKOFF = 120 s
 *      (MIN_CONNECT_TIMEOUT = 20 s bounds each attempt; it is not a delay.)
 *
 *    The document measures the wait from the *start* of the previous
 *    connection attempt (`SleepUntil(current_deadline)`); a retry loop that
 *    sleeps after the failure waits slightly longer.
 *
 * 2. Retry-policy backoff — gRFC A6 "gRPC Retry Design"
 *    (https://github.com/grpc/proposal/blob/master/A6-client-retries.md),
 *    section "Exponential Backoff", as amended by grpc/proposal#452
 *    (29 Aug 2024):
 *
 *      "The initial retry attempt will occur after initialBackoff *
 *       random(0.8, 1.2). After that, the n-th attempt will occur after
 *       min(initialBackoff*backoffMultiplier**(n-1), maxBackoff) *
 *       random(0.8, 1.2)."   (so ±20 % jitter, also around maxBackoff)
 *
 *    The first retry is not capped: with initialBackoff > maxBackoff it
 *    waits ~initialBackoff, and only later ones are held to maxBackoff — as
 *    grpc-js does (retrying-call.ts: the first delay is initialBackoff ×
 *    jitter; `min(… * backoffMultiplier, maxBackoff)` applies from the
 *    second).
 *
 *    The original 2017 text used full jitter instead: "random(0,
 *    initialBackoff)" first, then random(0, min(initialBackoff*
 *    backoffMultiplier**(n-1), maxBackoff)). Both are here (`jitter:
 *    'a6-2024'`, the default, or `'a6-2017'`) because older clients still
 *    ship the 2017 rule; grpc-go (PR #7869) and grpc-js 1.14
 *    (`Math.random() * (1.2 - 0.8) + 0.8`) follow the 2024 text.
 */
import type {Backoff} from './backoff';
import {uniform} from './random';

export interface GrpcConnectionBackoffOptions {
  initialMs?: number;
  multiplier?: number;
  jitter?: number;
  maxMs?: number;
}

/** Defaults from connection-backoff.md. */
export const grpcConnectionBackoffDefaults = {
  initialMs: 1_000,
  multiplier: 1.6,
  jitter: 0.2,
  maxMs: 120_000,
  minConnectTimeoutMs: 20_000,
} as const;

/** gRPC connection backoff; the state is `current_backoff` (without jitter). */
export const grpcConnectionBackoff = (options: GrpcConnectionBackoffOptions = {}): Backoff<number> => {
  const {
    initialMs = grpcConnectionBackoffDefaults.initialMs,
    multiplier = grpcConnectionBackoffDefaults.multiplier,
    jitter = grpcConnectionBackoffDefaults.jitter,
    maxMs = grpcConnectionBackoffDefaults.maxMs,
  } = options;
  return (current, random) => {
    if (current === undefined) return [initialMs, initialMs];
    const next = Math.min(current * multiplier, maxMs);
    return [next + uniform(random, -jitter * next, jitter * next), next];
  };
};

export interface GrpcRetryBackoffOptions {
  initialBackoffMs: number;
  maxBackoffMs: number;
  backoffMultiplier: number;
  /** 'a6-2024' (default): ceiling × random(0.8, 1.2). 'a6-2017': random(0, ceiling). */
  jitter?: 'a6-2024' | 'a6-2017';
}

/** gRFC A6 retry backoff; the state is n, the number of the retry about to happen (1 first). */
export const grpcRetryBackoff = (options: GrpcRetryBackoffOptions): Backoff<number> => {
  const {initialBackoffMs, maxBackoffMs, backoffMultiplier, jitter = 'a6-2024'} = options;
  return (n = 1, random) => {
    const ceiling =
      n === 1 ? initialBackoffMs : Math.min(initialBackoffMs * backoffMultiplier ** (n - 1), maxBackoffMs);
    const delay = jitter === 'a6-2017' ? uniform(random, 0, ceiling) : ceiling * uniform(random, 0.8, 1.2);
    return [delay, n + 1];
  };
};
