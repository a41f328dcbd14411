import type {NodeRequest, NodeResponse} from '../http-types.js';
import {parseBoundedJson} from './bounded-json.js';
import {GatewayError} from './errors.js';
import type {MessageStreams} from './message-streams.js';
import {reply, replyError} from './reply.js';
import {type AdmitTenant, readRequestText, requestContext, type TenantEndpoint} from './tenant-request.js';

/**
 * `PUT /api/v1/messages/:id` (echoes the message, `message_updated`) and
 * `DELETE` (`message_deleted`), as c-gateway's CP1 handlers; both count
 * against the tenant's messages window.
 */
export function createMessageChangeEndpoint(
  admit: AdmitTenant,
  streams: MessageStreams,
  endpoint: TenantEndpoint,
): (req: NodeRequest, res: NodeResponse, messageId: string) => Promise<void> {
  return async (req, res, messageId) => {
    const context = requestContext(req);
    if (messageId === '') {
      return replyError(res, new GatewayError('invalid_request', 'missing message_id'), context);
    }
    if (!admit(res, endpoint, context)) {
      return;
    }
    if (req.method === 'DELETE') {
      reply(res, 200, {status: 'deleted', message_id: messageId});
      streams.publish(context.tenant_id, 'message_deleted', {message_id: messageId});
      return;
    }
    const text = await readRequestText(req, res, context, 'empty body');
    if (text === undefined) {
      return;
    }
    const parsed = parseBoundedJson(text);
    if (!parsed.ok && parsed.reason === 'depth') {
      return replyError(res, new GatewayError('invalid_request', parsed.problem), context);
    }
    const message = parsed.ok ? parsed.value : undefined;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return replyError(res, new GatewayError('invalid_request', 'invalid JSON'), context);
    }
    const bodyId = (message as Record<string, unknown>).message_id;
    if (typeof bodyId === 'string' && bodyId !== messageId) {
      return replyError(res, new GatewayError('conflict', 'message_id mismatch with path'), context);
    }
    reply(res, 200, message);
    streams.publish(context.tenant_id, 'message_updated', message);
  };
}
