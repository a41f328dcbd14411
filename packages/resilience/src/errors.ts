/**
 * Errors — one type, like connect-es: every failure is a `ConnectError` with
 * a `Code` (https://connectrpc.com/docs/protocol#error-codes, the gRPC status
 * codes). Rejections a policy makes *locally*, without calling the server,
 * are `RejectedError`s: still ConnectErrors (so callers handle them the same
 * way) plus a `kind` saying which policy refused and, when known, how long
 * until trying again makes sense.
 *
 * Codes chosen per the gRPC status-code guide (grpc/grpc doc/statuscodes.md):
 * an open circuit is UNAVAILABLE ("the service is currently unavailable …
 * most likely a transient condition"), quota/rate limits and full queues are
 * RESOURCE_EXHAUSTED, waiting past a time limit is DEADLINE_EXCEEDED.
 */
import {Code, ConnectError} from '@connectrpc/connect';

export type RejectionKind = 'circuit-open' | 'rate-limited' | 'queue-full' | 'queue-timeout' | 'throttled' | 'timeout';

export class RejectedError extends ConnectError {
  override name = 'ConnectError';
  constructor(
    readonly kind: RejectionKind,
    message: string,
    code: Code,
    /** Milliseconds until the policy would admit a call again, when it knows. */
    readonly retryAfterMs?: number,
  ) {
    super(message, code);
  }

  // ConnectError overrides `instanceof` to match any ConnectError by shape;
  // restore the prototype check so `e instanceof RejectedError` means what it says.
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

/** The gRPC/Connect code of any thrown value (non-Connect errors are UNKNOWN, aborts CANCELED). */
export function codeOf(error: unknown): Code {
  return ConnectError.from(error).code;
}

/** The local rejection kind, if `error` is a RejectedError. */
export function rejectionKind(error: unknown): RejectionKind | undefined {
  return error instanceof RejectedError ? error.kind : undefined;
}

export {Code, ConnectError};
