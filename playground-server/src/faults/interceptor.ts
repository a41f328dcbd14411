import {Code, ConnectError, type Interceptor} from '@connectrpc/connect';
import {codeToString} from '@connectrpc/connect/protocol-connect';
import {sleep as realSleep} from './sleep.js';
import {FAULT_HEADER, parseFaultSpec, type FaultSpec} from './spec.js';
import {TokenBuckets} from './token-buckets.js';

/** Request header that keys the `ratelimit` fault; one per reader/tab/run. */
export const SESSION_HEADER = 'x-beamline-session';
/**
 * Set on every failure the server injected (value: the code's name, or
 * `ratelimit`), so a client can tell an injected failure from a real one.
 */
export const FAULT_INJECTED_HEADER = 'x-beamline-fault-injected';
/** Set whenever latency was injected: the milliseconds actually added. */
export const FAULT_LATENCY_HEADER = 'x-beamline-fault-latency-ms';

export interface FaultInterceptorOptions {
  /** Uniform in [0, 1); pass a seeded one to replay a run. */
  readonly random?: () => number;
  /** Monotonic milliseconds, for the rate limit. */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  readonly buckets?: TokenBuckets;
  /** Told about each fault as it is injected: `latency`, `ratelimit` or the injected code's name. */
  readonly onInjected?: (kind: string) => void;
}

/**
 * Injects the faults a caller asks for in its own `x-beamline-fault`
 * header. Everything comes from that one request's headers, except the
 * rate-limit buckets, which are keyed by the caller's session, so one
 * reader's experiment never reaches another's requests.
 *
 * Order: rate limit (refuses at once, as real limiters do), then latency
 * and jitter, then the error draw, then the real handler.
 */
export function createFaultInterceptor(options: FaultInterceptorOptions = {}): Interceptor {
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? realSleep;
  const buckets = options.buckets ?? new TokenBuckets();
  const onInjected = options.onInjected ?? (() => {});
  return (next) => async (req) => {
    const header = req.header.get(FAULT_HEADER);
    if (header === null) {
      return next(req);
    }
    const spec = parseFaultSpec(header);
    if (spec.rateLimit) {
      try {
        enforceRateLimit(spec, req.header.get(SESSION_HEADER), buckets, now());
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
        await sleep(delayMs, req.signal);
      } catch (reason) {
        throw ConnectError.from(reason, Code.Canceled);
      }
    }
    const latency: Record<string, string> = delayMs > 0 ? {[FAULT_LATENCY_HEADER]: String(Math.round(delayMs))} : {};
    if (spec.errorRate > 0 && random() < spec.errorRate) {
      const name = codeToString(spec.code);
      onInjected(name);
      throw new ConnectError(`injected fault: ${name} (${FAULT_HEADER}: ${header})`, spec.code, {
        ...latency,
        [FAULT_INJECTED_HEADER]: name,
      });
    }
    const res = await next(req);
    for (const [key, value] of Object.entries(latency)) {
      res.header.set(key, value);
    }
    return res;
  };
}

function enforceRateLimit(spec: FaultSpec, session: string | null, buckets: TokenBuckets, nowMs: number): void {
  const rate = spec.rateLimit!;
  if (!session) {
    throw new ConnectError(
      `${FAULT_HEADER}: ratelimit needs a ${SESSION_HEADER} header naming your session`,
      Code.InvalidArgument,
    );
  }
  const taken = buckets.take(`${session}\u0000${rate.limit}/${rate.periodMs}`, rate, nowMs);
  if (!taken.allowed) {
    throw new ConnectError(
      `injected fault: rate limit of ${rate.limit} per ${rate.periodMs === 1000 ? 'second' : 'minute'} ` +
        `exceeded for session ${JSON.stringify(session)}; retry in ${taken.retryAfterMs} ms`,
      Code.ResourceExhausted,
      {
        [FAULT_INJECTED_HEADER]: 'ratelimit',
        'retry-after': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))),
        'grpc-retry-pushback-ms': String(taken.retryAfterMs),
      },
    );
  }
}
