import {Code, ConnectError} from '@connectrpc/connect';
import {codeToString} from '@connectrpc/connect/protocol-connect';
import {
  FAULT_HEADER,
  FAULT_INJECTED_HEADER,
  FAULT_LATENCY_HEADER,
  FAULT_TAIL_HEADER,
  MAX_SESSION_LENGTH,
  SESSION_HEADER,
} from '../../../src/contract/index.js';
import {sleep as realSleep} from './sleep.js';
import {type FaultRequest, readFaultHeader} from './spec.js';
import {retryHeaders} from '../limits/retry-headers.js';
import {TokenBuckets} from '../limits/token-buckets.js';

export interface FaultOptions {
  /** Uniform in [0, 1); pass a seeded one to replay a run. */
  readonly random?: () => number;
  /** Monotonic milliseconds, for the rate limit. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told about each fault as it is injected: `latency`, `ratelimit` or the injected code's name. */
  readonly onInjected?: (kind: string) => void;
}

/**
 * Applies the faults one request asks for in its `x-beamline-fault` header.
 * Resolves with the response headers to add to the answer (the injected
 * latency), rejects with the ConnectError it injects (or INVALID_ARGUMENT
 * for a malformed header). Reads only the request's headers and signal, so
 * every door — the RPC interceptor, the facade's Router door, the
 * pass-through to a real c-gateway — calls this same function.
 */
export type ApplyFaults = (headers: Headers, signal: AbortSignal) => Promise<Record<string, string>>;

/**
 * Builds the one fault injector of a server. Everything comes from the
 * request's own headers, except the rate-limit buckets, which are keyed by
 * the caller's session, so one reader's experiment never reaches another's
 * requests.
 *
 * Order: rate limit (refuses at once, as real limiters do), then latency
 * and jitter, then the error draw, then the tail draw. A drawn tail is only
 * reported here, in FAULT_TAIL_HEADER: the door waits it out *after* its
 * handler ran (`lateAnswer`), so the work is done when the answer is late.
 */
export function createApplyFaults(options: FaultOptions = {}): ApplyFaults {
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const buckets = new TokenBuckets({now});
  const onInjected = options.onInjected ?? (() => {});
  return async (headers, signal) => {
    const header = headers.get(FAULT_HEADER);
    if (header === null) {
      return {};
    }
    const spec = readFaultHeader(header);
    if (spec.rateLimit) {
      try {
        enforceRateLimit(spec, headers.get(SESSION_HEADER), buckets);
      } catch (error) {
        if (ConnectError.from(error).code === Code.ResourceExhausted) {
          onInjected('ratelimit');
        }
        throw error;
      }
    }
    const delayMs = spec.latencyMs + (spec.jitterMs > 0 ? random() * spec.jitterMs : 0);
    if (delayMs > 0) {
      onInjected('latency');
      try {
        await sleep(delayMs, signal);
      } catch (reason) {
        throw ConnectError.from(reason, Code.Canceled);
      }
    }
    const latency: Record<string, string> = delayMs > 0 ? {[FAULT_LATENCY_HEADER]: String(Math.round(delayMs))} : {};
    if (spec.error > 0 && random() < spec.error) {
      const name = codeToString(spec.code);
      onInjected(name);
      throw new ConnectError(`injected fault: ${name} (${FAULT_HEADER}: ${header})`, spec.code, {
        ...latency,
        [FAULT_INJECTED_HEADER]: name,
      });
    }
    if (spec.tail && random() < spec.tail.share) {
      onInjected('tail');
      return {...latency, [FAULT_TAIL_HEADER]: String(spec.tail.ms)};
    }
    return latency;
  };
}

/**
 * Waits out the tail that `applyFaults` drew (the headers it returned), after
 * the handler has answered; a caller who stops waiting ends the wait.
 */
export async function lateAnswer(
  added: Record<string, string>,
  signal: AbortSignal,
  sleep: (ms: number, signal: AbortSignal) => Promise<void> = realSleep,
): Promise<void> {
  const ms = Number(added[FAULT_TAIL_HEADER] ?? 0);
  if (ms > 0) {
    try {
      await sleep(ms, signal);
    } catch (reason) {
      throw ConnectError.from(reason, Code.Canceled);
    }
  }
}

function enforceRateLimit(spec: FaultRequest, session: string | null, buckets: TokenBuckets): void {
  const rate = spec.rateLimit!;
  if (!session) {
    throw new ConnectError(
      `${FAULT_HEADER}: ratelimit needs a ${SESSION_HEADER} header naming your session`,
      Code.InvalidArgument,
    );
  }
  if (session.length > MAX_SESSION_LENGTH) {
    throw new ConnectError(
      `${SESSION_HEADER}: is ${session.length} characters long; at most ${MAX_SESSION_LENGTH} allowed`,
      Code.InvalidArgument,
    );
  }
  const taken = buckets.take(`${session}\u0000${rate.limit}/${rate.periodMs}`, rate);
  if (!taken.allowed) {
    throw new ConnectError(
      `injected fault: rate limit of ${rate.limit} per ${rate.periodMs === 1000 ? 'second' : 'minute'} ` +
        `exceeded for session ${JSON.stringify(session)}; retry in ${taken.retryAfterMs} ms`,
      Code.ResourceExhausted,
      {[FAULT_INJECTED_HEADER]: 'ratelimit', ...retryHeaders(taken.retryAfterMs)},
    );
  }
}
