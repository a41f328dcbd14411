import {Code, ConnectError, type Interceptor} from '@connectrpc/connect';
import {TokenBuckets} from '../faults/token-buckets.js';
import {clientAddressKey} from './client-address.js';

export interface ClientRateLimitOptions {
  /** Sustained requests per second per client address. */
  readonly perSecond: number;
  /** Requests a client may send at once before the sustained rate applies. */
  readonly burst: number;
  /** Monotonic milliseconds; for tests. */
  readonly now?: () => number;
  /** Told about each refusal (metrics). */
  readonly onLimited?: () => void;
}

/** What a refused request is told: when to come back. */
export interface RateLimitVerdict {
  readonly allowed: boolean;
  readonly retryAfterMs: number;
}

/**
 * The server's own protection: a token bucket per client address, so one
 * runaway client (a snippet in a tight loop, a script) cannot starve
 * everyone else. Unlike the `ratelimit` fault, which a lesson asks for,
 * this one is always on unless `perSecond` is 0.
 */
export function createClientRateLimit(options: ClientRateLimitOptions): (client: string) => RateLimitVerdict {
  const now = options.now ?? (() => performance.now());
  const buckets = new TokenBuckets();
  // TokenBuckets refills `limit` tokens per `periodMs`: a bucket of `burst`
  // tokens refilled at `perSecond` is `burst` per burst/perSecond seconds.
  const rate = {limit: options.burst, periodMs: (options.burst / options.perSecond) * 1000};
  return (client) => {
    const taken = buckets.take(client, rate, now());
    if (!taken.allowed) {
      options.onLimited?.();
    }
    return {allowed: taken.allowed, retryAfterMs: taken.retryAfterMs};
  };
}

/** The refusal as an RPC error: RESOURCE_EXHAUSTED (HTTP 429 in Connect) with both retry hints. */
export function rateLimitError(retryAfterMs: number): ConnectError {
  return new ConnectError(
    `too many requests from your address; retry in ${retryAfterMs} ms`,
    Code.ResourceExhausted,
    retryHeaders(retryAfterMs),
  );
}

/** `Retry-After` in whole seconds (HTTP), `grpc-retry-pushback-ms` in milliseconds (gRPC). */
export function retryHeaders(retryAfterMs: number): Record<string, string> {
  return {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))),
    'grpc-retry-pushback-ms': String(retryAfterMs),
  };
}

/** Applies the limit to every RPC, keyed by the address the adapter put in the context. */
export function createClientRateLimitInterceptor(check: (client: string) => RateLimitVerdict): Interceptor {
  return (next) => (req) => {
    const client = req.contextValues.get(clientAddressKey);
    if (client !== undefined) {
      const verdict = check(client);
      if (!verdict.allowed) {
        throw rateLimitError(verdict.retryAfterMs);
      }
    }
    return next(req);
  };
}
