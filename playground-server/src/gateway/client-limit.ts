import {SESSION_HEADER} from '../../../src/contract/index.js';
import type {NodeRequest, NodeResponse} from '../http-types.js';
import {clientAddress} from '../limits/client-address.js';
import type {ClientRateLimit} from '../limits/client-rate-limit.js';
import {retryAfterSeconds} from '../limits/retry-headers.js';
import type {GatewayRoute} from '../routes.js';
import {GatewayError} from './errors.js';
import {replyError} from './reply.js';
import {header, requestContext} from './tenant-request.js';

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
export function createGatewayClientLimit(
  check: ClientRateLimit,
  trustProxy: boolean,
): (route: GatewayRoute, req: NodeRequest, res: NodeResponse) => boolean {
  return (route, req, res) => {
    if (route.name === 'health') {
      return false;
    }
    const address = clientAddress(req, trustProxy);
    if (address === undefined) {
      return false;
    }
    const verdict = check({address, session: header(req, SESSION_HEADER) || null});
    if (verdict.allowed) {
      return false;
    }
    const seconds = retryAfterSeconds(verdict.retryAfterMs);
    const error = new GatewayError(
      'rate_limit_exceeded',
      `too many requests from your session or address; retry in ${seconds} s`,
      {'Retry-After': String(seconds)},
    );
    replyError(res, error, requestContext(req));
    return true;
  };
}
