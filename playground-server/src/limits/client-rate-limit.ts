import {Code, ConnectError, type Interceptor} from '@connectrpc/connect';
import {MAX_SESSION_LENGTH, SESSION_HEADER} from '../../../src/contract/index.js';
import {clientAddressKey} from './client-address.js';
import {retryAfterSeconds, retryHeaders} from './retry-headers.js';
import {TokenBuckets} from './token-buckets.js';

export interface ClientRateLimitOptions {
  /** Sustained requests per second per client: a reader's session, or an address without one. */
  readonly perSecond: number;
  /** Requests a client may send at once before the sustained rate applies. */
  readonly burst: number;
  /**
   * How many clients' worth one address may send in all when its requests
   * name sessions (a room behind one NAT address); default 10.
   */
  readonly sessionsPerAddress?: number;
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

/** Who sent a request: the address it came from and, when it names one, the reader's session. */
export interface Client {
  readonly address: string;
  readonly session?: string | null;
}

export type ClientRateLimit = (client: Client) => RateLimitVerdict;

/**
 * The server's own protection, so one runaway client (a snippet in a tight
 * loop, a script) cannot starve everyone else. Unlike the `ratelimit`
 * fault, which a lesson asks for, this one is always on unless `perSecond`
 * is 0.
 *
 * A request that names a reader's session (`x-beamline-session`) is limited
 * per session, so a workshop room of 200 laptops behind one NAT address is
 * 200 clients, not one; the address as a whole may then send
 * `sessionsPerAddress` clients' worth, so minting new session ids does not
 * escape the limit either. A request without a session is limited per
 * address, as before.
 */
export function createClientRateLimit(options: ClientRateLimitOptions): ClientRateLimit {
  const now = options.now ?? (() => performance.now());
  const buckets = new TokenBuckets({now});
  const factor = options.sessionsPerAddress ?? 10;
  // TokenBuckets refills `limit` tokens per `periodMs`: a bucket of `burst`
  // tokens refilled at `perSecond` is `burst` per burst/perSecond seconds.
  const periodMs = (options.burst / options.perSecond) * 1000;
  const perClient = {limit: options.burst, periodMs};
  const perAddress = {limit: options.burst * factor, periodMs};
  return ({address, session}) => {
    const named = session && session.length <= MAX_SESSION_LENGTH ? session : undefined;
    const taken = named
      ? firstRefusal(buckets.take(`session\u0000${named}`, perClient), () =>
          buckets.take(`sessions-from\u0000${address}`, perAddress),
        )
      : buckets.take(`address\u0000${address}`, perClient);
    if (!taken.allowed) {
      options.onLimited?.();
    }
    return {allowed: taken.allowed, retryAfterMs: taken.retryAfterMs};
  };
}

function firstRefusal(first: RateLimitVerdict, second: () => RateLimitVerdict): RateLimitVerdict {
  return first.allowed ? second() : first;
}

/** The refusal as an RPC error: RESOURCE_EXHAUSTED (HTTP 429 in Connect) with both retry hints. */
export function rateLimitError(retryAfterMs: number): ConnectError {
  return new ConnectError(
    `too many requests from your session or address; retry in ${retryAfterMs} ms ` +
      `(Retry-After: ${retryAfterSeconds(retryAfterMs)} s)`,
    Code.ResourceExhausted,
    retryHeaders(retryAfterMs),
  );
}

/** Applies the limit to every RPC, keyed by the session it names or the address the adapter put in the context. */
export function createClientRateLimitInterceptor(check: ClientRateLimit): Interceptor {
  return (next) => (req) => {
    const address = req.contextValues.get(clientAddressKey);
    if (address !== undefined) {
      const verdict = check({address, session: req.header.get(SESSION_HEADER)});
      if (!verdict.allowed) {
        throw rateLimitError(verdict.retryAfterMs);
      }
    }
    return next(req);
  };
}
