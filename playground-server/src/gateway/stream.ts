import type {NodeRequest, NodeResponse} from '../http-types.js';
import {GatewayError} from './errors.js';
import type {MessageStreams} from './message-streams.js';
import {replyError} from './reply.js';
import {requestContext} from './tenant-request.js';

/**
 * `GET /api/v1/messages/stream?tenant_id=`: the tenant's event stream, unless
 * the caller's address holds its share of the pool already.
 */
export function createStream(
  streams: MessageStreams,
  maxStreamsPerClient: number,
  clientOf: (req: NodeRequest) => string | undefined,
): (req: NodeRequest, res: NodeResponse) => void {
  return (req, res) => {
    const query = new URL(req.url ?? '/', 'http://gateway.invalid').searchParams;
    const tenantId = query.get('tenant_id') ?? '';
    if (tenantId === '') {
      return replyError(res, new GatewayError('invalid_request', 'missing tenant_id'), requestContext(req));
    }
    const client = clientOf(req) ?? 'unknown';
    if (!streams.admits(client)) {
      return replyError(
        res,
        new GatewayError(
          'rate_limit_exceeded',
          `too many open event streams from your address (at most ${maxStreamsPerClient}); close one first`,
          {'Retry-After': '30'},
        ),
        requestContext(req),
      );
    }
    streams.subscribe(tenantId, client, req, res);
  };
}
