import type {HandlerContext, ServiceImpl} from '@connectrpc/connect';
import {MAX_SESSION_LENGTH, SESSION_HEADER} from '../../../src/contract/index.js';
import type {AdminPolicy, Router, RouterAdmin, RouteRequest} from '@beamline/api/beamline/flow/v1/flow_pb';
import {requireAdminKey} from './admin-auth.js';
import {compilePolicy} from './compile-policy.js';
import {DEFAULT_POLICY_ID, defaultPolicy} from './default-policy.js';
import {decide} from './engine.js';
import {policyNotFound, PolicyStore} from './policy-store.js';
import {invalidArgument, optionalText, requireText} from './validate.js';

/**
 * What serves the Router's two services. The embedded Router is one
 * implementation; a proxy to a real Router (ROUTER_URL) would be another.
 */
export interface RouterBackend {
  readonly router: ServiceImpl<typeof Router>;
  readonly admin: ServiceImpl<typeof RouterAdmin>;
}

export interface EmbeddedRouterOptions {
  /** Secret that RouterAdmin calls must present. */
  readonly adminApiKey: string;
  readonly store?: PolicyStore;
}

const CORRELATION_HEADER = 'x-correlation-id';

/** The in-process stand-in for the Router: deterministic, in memory. */
export function createEmbeddedRouter(options: EmbeddedRouterOptions): RouterBackend {
  const store = options.store ?? new PolicyStore([compilePolicy(defaultPolicy())]);
  const authorize = (header: Headers) => requireAdminKey(header, options.adminApiKey);
  /** The store scope of a call: the tenant, as one reader sees it when the call names its session. */
  const scopeOf = (tenantId: string, context: HandlerContext) => {
    const session = context.requestHeader.get(SESSION_HEADER);
    if (session === null || session === '') {
      return tenantId;
    }
    if (session.length > MAX_SESSION_LENGTH) {
      throw invalidArgument(
        `${SESSION_HEADER} must be at most ${MAX_SESSION_LENGTH} characters, got ${session.length}`,
      );
    }
    return `${session}\u0000${tenantId}`;
  };
  return {
    router: {
      decide(request, context) {
        const {tenantId, policyId} = validateRouteRequest(request);
        const policy = store.get(scopeOf(tenantId, context), policyId);
        if (!policy) {
          throw policyNotFound(tenantId, policyId);
        }
        const correlationId = context.requestHeader.get(CORRELATION_HEADER) ?? undefined;
        if (correlationId !== undefined) {
          context.responseHeader.set(CORRELATION_HEADER, correlationId);
        }
        return decide(policy, request, {correlationId});
      },
    },
    admin: {
      upsertPolicy(request, context) {
        authorize(context.requestHeader);
        const tenantId = requireText(request.tenantId, 'tenant_id');
        store.upsert(scopeOf(tenantId, context), compilePolicy(requirePolicy(request.policy)));
        return {ok: true};
      },
      deletePolicy(request, context) {
        authorize(context.requestHeader);
        const tenantId = requireText(request.tenantId, 'tenant_id');
        store.delete(scopeOf(tenantId, context), requireText(request.policyId, 'policy_id'), tenantId);
        return {ok: true};
      },
      getPolicy(request, context) {
        authorize(context.requestHeader);
        const tenantId = requireText(request.tenantId, 'tenant_id');
        const policyId = requireText(request.policyId, 'policy_id');
        const policy = store.get(scopeOf(tenantId, context), policyId);
        if (!policy) {
          throw policyNotFound(tenantId, policyId);
        }
        return {policy: policy.source};
      },
      listPolicies(request, context) {
        authorize(context.requestHeader);
        const tenantId = requireText(request.tenantId, 'tenant_id');
        return {policies: store.list(scopeOf(tenantId, context)).map((policy) => policy.source)};
      },
    },
  };
}

function validateRouteRequest(request: RouteRequest): {tenantId: string; policyId: string} {
  const message = request.message;
  if (!message) {
    throw invalidArgument('message is required');
  }
  const tenantId = requireText(message.tenantId, 'message.tenant_id');
  requireText(message.messageId, 'message.message_id');
  optionalText(message.traceId, 'message.trace_id');
  optionalText(message.messageType, 'message.message_type');
  if (message.timestampMs < 0n) {
    throw invalidArgument(`message.timestamp_ms must not be negative, got ${message.timestampMs}`);
  }
  const policyId = optionalText(request.policyId, 'policy_id') || DEFAULT_POLICY_ID;
  return {tenantId, policyId};
}

function requirePolicy(policy: AdminPolicy | undefined): AdminPolicy {
  if (!policy) {
    throw invalidArgument('policy is required');
  }
  return policy;
}
