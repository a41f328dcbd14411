import {Code, type ConnectError} from '@connectrpc/connect';
import {FAULT_INJECTED_HEADER} from '../../../src/contract/index.js';

/**
 * c-gateway's error codes as they appear in `error.code`, each with the
 * HTTP status c-gateway answers it with.
 */
export const GATEWAY_ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  policy_not_found: 404,
  conflict: 409,
  rate_limit_exceeded: 429,
  internal: 500,
  decision_failed: 500,
  unavailable: 503,
  service_overloaded: 503,
} as const;

export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_STATUS;

/** Echoed in every error body, as c-gateway does (empty strings when unknown). */
export interface ErrorContext {
  request_id: string;
  trace_id: string;
  tenant_id: string;
}

/** c-gateway's `Retry-After` for `service_overloaded` (Router backpressure). */
export const OVERLOADED_RETRY_AFTER_SECONDS = 30;

/** An answer in c-gateway's error envelope: status, code, message, extra headers and details. */
export class GatewayError extends Error {
  readonly status: number;
  constructor(
    readonly code: GatewayErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly details: Readonly<Record<string, unknown>> = {},
    /** Only where c-gateway pairs a code with another status: its unknown route is 404 `invalid_request`. */
    status?: number,
  ) {
    super(message);
    this.status = status ?? GATEWAY_ERROR_STATUS[code];
  }
}

/** `{"ok":false,"error":{code,message,intake_error_code:null,details},"context":{request_id,trace_id,tenant_id}}` */
export function errorBody(error: GatewayError, context: ErrorContext) {
  return {
    ok: false,
    error: {
      code: error.code,
      message: error.message,
      intake_error_code: null,
      details: error.details,
    },
    context: {request_id: context.request_id, trace_id: context.trace_id, tenant_id: context.tenant_id},
  };
}

/**
 * What c-gateway would answer when the Router (here: the embedded one, or
 * the fault injection in front of it) fails a decision with `error`.
 *
 * The Router's own errors map as c-gateway maps the Router's replies:
 * INVALID_ARGUMENT → 400 `invalid_request`, NOT_FOUND → 404
 * `policy_not_found`, INTERNAL → 500 `internal`. Transport trouble —
 * UNAVAILABLE, DEADLINE_EXCEEDED (c-gateway's NATS request timed out) and
 * their kin — is 503 `unavailable`. RESOURCE_EXHAUSTED is the Router
 * pushing back: 503 `service_overloaded` with `Retry-After: 30`, except the
 * playground's `ratelimit` fault, which is a rate limit and answers like
 * c-gateway's own limiter: 429 `rate_limit_exceeded` with `X-RateLimit-*`
 * and the bucket's `Retry-After`.
 */
export function fromRouterError(
  error: ConnectError,
  endpoint: string,
  nowMs: number,
  /** The `ratelimit` fault's N, from the request's own fault header, for `X-RateLimit-Limit`. */
  faultRateLimit = 0,
): GatewayError {
  const message = error.rawMessage;
  switch (error.code) {
    case Code.InvalidArgument:
    case Code.FailedPrecondition:
    case Code.OutOfRange:
      return new GatewayError('invalid_request', message);
    case Code.NotFound:
      return new GatewayError('policy_not_found', message);
    case Code.Unauthenticated:
      return new GatewayError('unauthorized', message);
    case Code.PermissionDenied:
      return new GatewayError('forbidden', message);
    case Code.ResourceExhausted:
      return error.metadata.get(FAULT_INJECTED_HEADER) === 'ratelimit'
        ? rateLimitedByRouter(error, endpoint, nowMs, faultRateLimit)
        : new GatewayError('service_overloaded', 'Router is overloaded, please retry later', {
            'Retry-After': String(OVERLOADED_RETRY_AFTER_SECONDS),
          });
    case Code.Unavailable:
    case Code.DeadlineExceeded:
    case Code.Canceled:
    case Code.Aborted:
      return new GatewayError('unavailable', `router or NATS unavailable (${message})`);
    default:
      // INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED, ALREADY_EXISTS.
      return new GatewayError('internal', message);
  }
}

function rateLimitedByRouter(error: ConnectError, endpoint: string, nowMs: number, limit: number): GatewayError {
  const retryAfterSeconds = Math.max(1, Number(error.metadata.get('retry-after')) || 1);
  return new GatewayError(
    'rate_limit_exceeded',
    `Rate limit exceeded for endpoint ${endpoint}`,
    rateLimitHeaders(limit, 0, Math.ceil(nowMs / 1000) + retryAfterSeconds, retryAfterSeconds),
    {endpoint, limit, retry_after_seconds: retryAfterSeconds},
  );
}

/** The headers c-gateway puts on a 429: limit, what is left, when the window resets (Unix seconds), and when to retry. */
export function rateLimitHeaders(
  limit: number,
  remaining: number,
  resetAtSeconds: number,
  retryAfterSeconds: number,
): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(remaining),
    'X-RateLimit-Reset': String(resetAtSeconds),
    'Retry-After': String(retryAfterSeconds),
  };
}
