import {MAX_BODY_BYTES, readBody} from './read-body.js';
import type {NodeRequest, NodeResponse} from '../http-types.js';
import {type ErrorContext, GatewayError, rateLimitHeaders} from './errors.js';
import type {FixedWindowLimiter} from '../limits/fixed-window.js';
import type {GatewayMetrics} from '../metrics/gateway.js';
import {replyError} from './reply.js';

/** A tenant endpoint: its path (what the 429 names) and its calls per tenant per window. */
export interface TenantEndpoint {
  readonly path: string;
  readonly limit: number;
}

/**
 * The prelude every tenant request (decide, messages, a message's update or
 * deletion) passes after its own first check, in c-gateway's order: the
 * tenant is named, then its window for the endpoint has room. Returns false
 * once it has answered the request with the refusal.
 */
export type AdmitTenant = (res: NodeResponse, endpoint: TenantEndpoint, context: ErrorContext) => boolean;

export function createAdmitTenant(limiter: FixedWindowLimiter, metrics: GatewayMetrics): AdmitTenant {
  return (res, endpoint, context) => {
    if (context.tenant_id === '') {
      replyError(res, new GatewayError('invalid_request', 'missing X-Tenant-ID header'), context);
      return false;
    }
    const verdict = limiter.take(`${endpoint.path}\u0000${context.tenant_id}`, endpoint.limit);
    metrics.rateLimit(verdict.allowed);
    if (verdict.allowed) {
      return true;
    }
    const refusal = new GatewayError(
      'rate_limit_exceeded',
      `Rate limit exceeded for endpoint ${endpoint.path}`,
      rateLimitHeaders(verdict.limit, 0, verdict.resetAtSeconds, verdict.retryAfterSeconds),
      {endpoint: endpoint.path, limit: verdict.limit, retry_after_seconds: verdict.retryAfterSeconds},
    );
    replyError(res, refusal, context);
    return false;
  };
}

/**
 * A tenant request's body, or undefined once the request has been answered
 * (too large, empty) or its client has gone.
 */
export async function readRequestText(
  req: NodeRequest,
  res: NodeResponse,
  context: ErrorContext,
  emptyMessage: string,
): Promise<string | undefined> {
  const body = await readBody(req);
  if (body.kind === 'gone') {
    return undefined;
  }
  if (body.kind === 'too_large') {
    replyError(res, new GatewayError('invalid_request', `request body exceeds ${MAX_BODY_BYTES} bytes`), context);
    return undefined;
  }
  if (body.text.trim() === '') {
    replyError(res, new GatewayError('invalid_request', emptyMessage), context);
    return undefined;
  }
  return body.text;
}

/** What every facade error echoes, as far as the request's headers tell (the request id comes from the body). */
export function requestContext(req: NodeRequest): ErrorContext {
  return {request_id: '', trace_id: traceId(req), tenant_id: header(req, 'x-tenant-id')};
}

/** X-Trace-ID, else the trace id of a W3C `traceparent` (version-traceid-parentid-flags). */
function traceId(req: NodeRequest): string {
  const explicit = header(req, 'x-trace-id');
  if (explicit !== '') {
    return explicit;
  }
  const parent = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(header(req, 'traceparent'));
  return parent?.[1] ?? '';
}

/** A request header's (first) value, trimmed; '' when absent. */
export function header(req: NodeRequest, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}
