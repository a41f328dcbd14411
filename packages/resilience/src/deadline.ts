/**
 * Timeouts and deadlines.
 *
 * A *timeout* is a duration ("give this call 2 s"); a *deadline* is a point
 * in time ("finish by 12:00:02"). gRPC propagates deadlines: "gRPC's call
 * deadline applies across all attempts for a given RPC" (gRFC A6), and a
 * server calling onward should pass on what is left of its own deadline
 * (grpc.io "Deadlines" guide, https://grpc.io/docs/guides/deadlines/).
 * So: convert a timeout to a deadline once, at the edge; then give each
 * attempt `min(perAttemptTimeout, deadline − now)`.
 *
 * On the wire (Connect-ES v2, @connectrpc/connect 2.1.2): the call option
 * `timeoutMs` becomes the `Connect-Timeout-Ms: <ms>` header (Connect
 * protocol) or `Grpc-Timeout: <n><unit>` (gRPC, gRPC-Web; units H M S m u
 * n, at most 8 digits — grpc/grpc doc/PROTOCOL-HTTP2.md), and an
 * AbortSignal that fires at the deadline. Beware: Connect treats
 * `timeoutMs <= 0` as "no timeout at all", so an expired deadline must fail
 * locally instead of being passed on as 0 — `callOptionsForDeadline` does.
 */
import {Code, ConnectError} from '@connectrpc/connect';
import {linkedController, raceAbort} from './abort';
import type {Clock} from './clock';
import {realClock} from './clock';
import {RejectedError} from './errors';
import type {Policy, PolicyContext} from './policy';

/** The deadline `timeoutMs` from now. */
export function deadlineAfter(timeoutMs: number, clock: Clock = realClock): number {
  return clock.now() + timeoutMs;
}

/** Milliseconds left until `deadline` (never negative; Infinity without a deadline). */
export function remainingMs(deadline: number | undefined, clock: Clock = realClock): number {
  return deadline === undefined ? Infinity : Math.max(0, deadline - clock.now());
}

/** Time allowed for the next attempt: the smaller of the per-attempt timeout and what is left of the deadline. */
export function attemptBudgetMs(
  options: {deadline?: number; attemptTimeoutMs?: number},
  clock: Clock = realClock,
): number {
  return Math.min(options.attemptTimeoutMs ?? Infinity, remainingMs(options.deadline, clock));
}

/**
 * Connect call options carrying what is left of `deadline`:
 * `client.decide(req, callOptionsForDeadline(deadline))`.
 * Throws DEADLINE_EXCEEDED if nothing is left (never passes 0, which Connect reads as "no timeout").
 */
export function callOptionsForDeadline(deadline: number, clock: Clock = realClock): {timeoutMs: number} {
  const left = deadline - clock.now();
  if (left <= 0) throw new ConnectError('deadline exceeded before the call was made', Code.DeadlineExceeded);
  return {timeoutMs: Math.max(1, Math.ceil(left))};
}

/**
 * Runs `fn`, failing with DEADLINE_EXCEEDED after `timeoutMs`; the signal
 * given to `fn` aborts at that moment (and when `signal` aborts), so a
 * cooperative `fn` stops its work too.
 */
export async function withTimeout<T>(
  fn: (signal: AbortSignal) => Promise<T> | T,
  timeoutMs: number,
  options: {clock?: Clock; signal?: AbortSignal; message?: string} = {},
): Promise<T> {
  const clock = options.clock ?? realClock;
  const call = linkedController(options.signal);
  const timer = new AbortController();
  if (timeoutMs !== Infinity) {
    const error = new RejectedError(
      'timeout',
      options.message ?? `timed out after ${timeoutMs} ms`,
      Code.DeadlineExceeded,
    );
    clock.sleep(timeoutMs, timer.signal).then(
      () => call.controller.abort(error),
      () => {},
    );
  }
  try {
    return await raceAbort(
      Promise.resolve().then(() => fn(call.controller.signal)),
      call.controller.signal,
    );
  } finally {
    timer.abort();
    call.dispose();
  }
}

/** A timeout as a Policy (cockatiel's TimeoutPolicy, "cooperative" strategy: the inner signal aborts). */
export function timeoutPolicy(timeoutMs: number, options: {clock?: Clock} = {}): Policy {
  return {
    execute<T>(fn: (context: PolicyContext) => Promise<T> | T, signal?: AbortSignal): Promise<T> {
      return withTimeout((inner) => fn({signal: inner}), timeoutMs, {clock: options.clock, signal});
    },
  };
}

const GRPC_UNITS: Record<string, number> = {H: 3_600_000, M: 60_000, S: 1_000, m: 1, u: 1e-3, n: 1e-6};

/** Reads the timeout a Connect/gRPC request carries (`Connect-Timeout-Ms` or `Grpc-Timeout`), in ms. */
export function parseTimeoutHeader(headers: Headers): number | undefined {
  const connect = headers.get('connect-timeout-ms');
  if (connect !== null && /^\d{1,10}$/.test(connect)) return Number(connect);
  const grpc = headers.get('grpc-timeout');
  const match = grpc === null ? null : /^(\d{1,8})([HMSmun])$/.exec(grpc);
  if (match) return Number(match[1]) * (GRPC_UNITS[match[2] as string] as number);
  return undefined;
}

/**
 * Writes a timeout header in the request's protocol: `Grpc-Timeout` when the
 * content type is gRPC or gRPC-Web, `Connect-Timeout-Ms` otherwise.
 */
export function setTimeoutHeader(headers: Headers, timeoutMs: number): void {
  const ms = Math.max(1, Math.ceil(timeoutMs));
  if ((headers.get('content-type') ?? '').startsWith('application/grpc')) {
    // At most 8 digits: fall back to coarser units for long timeouts.
    const value = ms < 1e8 ? `${ms}m` : ms / 1000 < 1e8 ? `${Math.ceil(ms / 1000)}S` : `${Math.ceil(ms / 60_000)}M`;
    headers.set('grpc-timeout', value);
  } else {
    headers.set('connect-timeout-ms', String(Math.min(ms, 9_999_999_999)));
  }
}
