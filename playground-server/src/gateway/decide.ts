import {ConnectError} from '@connectrpc/connect';
import {type NodeRequest, type NodeResponse, untilCallerLeaves} from '../http-types.js';
import {GATEWAY_PATHS} from '../../../src/contract/index.js';
import {decisionBody, parseDecideDto, toRouteRequest} from './decide-dto.js';
import {fromRouterError, GatewayError} from './errors.js';
import type {MessageStreams} from './message-streams.js';
import {reply, replyError} from './reply.js';
import {type Decide, echoed, faultRateLimit, routerHeaders} from './router-door.js';
import {type AdmitTenant, readRequestText, requestContext, type TenantEndpoint} from './tenant-request.js';

export interface DecideEndpointOptions {
  readonly admit: AdmitTenant;
  /** The Router, through the same interceptors as the RPC door. */
  readonly decide: Decide;
  /** GATEWAY_AUTH_REQUIRED: an `Authorization` header must be present. */
  readonly authRequired: boolean;
  readonly routerTimeoutMs: number;
  /** Where `POST /api/v1/messages` announces its decision (`message_created`). */
  readonly streams: MessageStreams;
}

/**
 * `POST /api/v1/routes/decide` and `POST /api/v1/messages` (the same
 * decision, limited as its own endpoint, and announced to the tenant's
 * event streams): c-gateway's checks in its order, then the Router's
 * decision or its error in c-gateway's envelope.
 */
export function createDecideEndpoint(
  options: DecideEndpointOptions,
): (req: NodeRequest, res: NodeResponse, endpoint: TenantEndpoint) => Promise<void> {
  return async (req, res, endpoint) => {
    const context = requestContext(req);
    if (options.authRequired && !req.headers.authorization) {
      return replyError(res, new GatewayError('unauthorized', 'missing Authorization header'), context);
    }
    if (!options.admit(res, endpoint, context)) {
      return;
    }
    const text = await readRequestText(req, res, context, 'empty request body');
    if (text === undefined) {
      return;
    }
    const parsed = parseDecideDto(text);
    if (!parsed.ok) {
      return replyError(
        res,
        new GatewayError('invalid_request', `invalid decide request DTO: ${parsed.problem}`),
        context,
      );
    }
    const {dto} = parsed;
    context.request_id = dto.request_id;
    context.trace_id ||= dto.trace_id ?? '';

    await untilCallerLeaves(res, async (signal) => {
      try {
        const result = await options.decide(toRouteRequest(dto, context.tenant_id, context.trace_id), {
          headers: routerHeaders(req),
          signal,
          timeoutMs: options.routerTimeoutMs,
        });
        const decision = decisionBody(result.decision);
        const replyContext =
          context.trace_id === ''
            ? {request_id: dto.request_id}
            : {request_id: dto.request_id, trace_id: context.trace_id};
        reply(res, 200, {ok: true, decision, context: replyContext}, echoed(result.headers));
        if (endpoint.path === GATEWAY_PATHS.messages) {
          options.streams.publish(context.tenant_id, 'message_created', {...replyContext, task: dto.task, decision});
        }
      } catch (reason) {
        if (signal.aborted) {
          return; // the caller is gone
        }
        if (!(reason instanceof ConnectError)) {
          throw reason;
        }
        const error = fromRouterError(reason, endpoint.path, Date.now(), faultRateLimit(req));
        replyError(res, error, context, echoed(reason.metadata));
      }
    });
  };
}
