import {errorBody, GatewayError} from '../gateway/errors.js';
import {sendJson, type NodeRequest, type NodeResponse} from '../http-types.js';
import {clientAddress} from './client-address.js';
import type {RateLimitVerdict} from './client-rate-limit.js';

/** The facade's API paths; its /health is not limited, like the RPC door's /healthz. */
const API_PREFIX = '/api/';

/**
 * The server's per-client limit (the same buckets as the RPCs') in front of
 * the c-gateway facade, so a runaway HTTP client cannot take the server
 * either. A refusal is in c-gateway's own error envelope (429
 * `rate_limit_exceeded`, `Retry-After`), so clients written for the
 * gateway handle it as they handle the gateway's per-tenant limit; it has
 * no `X-RateLimit-*` headers, which describe that per-tenant window.
 *
 * Returns true when it has answered the request (refused it).
 */
export function createGatewayRateLimit(
  check: (client: string) => RateLimitVerdict,
  trustProxy: boolean,
): (req: NodeRequest, res: NodeResponse) => boolean {
  return (req, res) => {
    if (!(req.url ?? '').startsWith(API_PREFIX)) {
      return false;
    }
    const client = clientAddress(req, trustProxy);
    const verdict = client === undefined ? {allowed: true, retryAfterMs: 0} : check(client);
    if (verdict.allowed) {
      return false;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    const error = new GatewayError(
      'rate_limit_exceeded',
      `too many requests from your address; retry in ${retryAfterSeconds} s`,
    );
    res.setHeader('Retry-After', String(retryAfterSeconds));
    sendJson(
      res,
      error.status,
      errorBody(error, {
        request_id: '',
        trace_id: headerText(req.headers['x-trace-id']),
        tenant_id: headerText(req.headers['x-tenant-id']),
      }),
    );
    return true;
  };
}

function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}
