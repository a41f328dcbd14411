import {errorBody, GatewayError} from '../gateway/errors.js';
import {sendJson, type NodeRequest, type NodeResponse} from '../http-types.js';
import type {GatewayRoute} from '../routes.js';
import {clientAddress} from './client-address.js';
import {SESSION_HEADER} from '../../../src/contract/index.js';
import {type ClientRateLimit, retryAfterSeconds} from './client-rate-limit.js';

/**
 * The server's per-client limit (the same buckets as the RPCs') in front of
 * the c-gateway facade, so a runaway HTTP client cannot take the server
 * either. A refusal is in c-gateway's own error envelope (429
 * `rate_limit_exceeded`, `Retry-After`), so clients written for the
 * gateway handle it as they handle the gateway's per-tenant limit; it has
 * no `X-RateLimit-*` headers, which describe that per-tenant window.
 *
 * The facade's health route is not limited, like the RPC door's /healthz.
 * Returns true when it has answered the request (refused it).
 */
export function createGatewayRateLimit(
  check: ClientRateLimit,
  trustProxy: boolean,
): (route: GatewayRoute, req: NodeRequest, res: NodeResponse) => boolean {
  return (route, req, res) => {
    if (route.name === 'health') {
      return false;
    }
    const address = clientAddress(req, trustProxy);
    const session = headerText(req.headers[SESSION_HEADER]) || null;
    const verdict = address === undefined ? {allowed: true, retryAfterMs: 0} : check({address, session});
    if (verdict.allowed) {
      return false;
    }
    const seconds = retryAfterSeconds(verdict.retryAfterMs);
    const error = new GatewayError(
      'rate_limit_exceeded',
      `too many requests from your session or address; retry in ${seconds} s`,
    );
    res.setHeader('Retry-After', String(seconds));
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
