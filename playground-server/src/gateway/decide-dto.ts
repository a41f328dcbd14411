import {create, type MessageInitShape} from '@bufbuild/protobuf';
import {parseBoundedJson} from './bounded-json.js';
import {RouteRequestSchema, type RouteDecision, type RouteRequest} from '@beamline/api/beamline/flow/v1/flow_pb';

/**
 * c-gateway's decide request body (DTO):
 * `{"version":"1","tenant_id","request_id","task":{"type","payload":{…}},"policy_id"?,"context"?}`.
 * c-gateway also passes `metadata` (an object) through to the message.
 */
export interface DecideDto {
  readonly version: '1';
  readonly tenant_id: string;
  readonly request_id: string;
  readonly task: {readonly type: string; readonly payload: Readonly<Record<string, unknown>>};
  readonly policy_id?: string;
  readonly trace_id?: string;
  readonly context?: Readonly<Record<string, unknown>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export type ParsedDto = {readonly ok: true; readonly dto: DecideDto} | {readonly ok: false; readonly problem: string};

/**
 * Validates the body as c-gateway's validate_decide_request does: JSON
 * object, `version` the string "1", `tenant_id` and `request_id` strings,
 * `task` an object with a string `type` and an object `payload`. The
 * problem it returns goes after c-gateway's own message, "invalid decide
 * request DTO".
 */
export function parseDecideDto(text: string): ParsedDto {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) {
    return {ok: false, problem: parsed.problem};
  }
  const body = parsed.value;
  if (!isObject(body)) {
    return {ok: false, problem: 'body must be a JSON object'};
  }
  if (body.version !== '1') {
    return {ok: false, problem: 'version must be the string "1"'};
  }
  for (const field of ['tenant_id', 'request_id'] as const) {
    if (typeof body[field] !== 'string') {
      return {ok: false, problem: `${field} must be a string`};
    }
  }
  const task = body.task;
  if (!isObject(task)) {
    return {ok: false, problem: 'task must be an object'};
  }
  if (typeof task.type !== 'string') {
    return {ok: false, problem: 'task.type must be a string'};
  }
  if (!isObject(task.payload)) {
    return {ok: false, problem: 'task.payload must be an object'};
  }
  for (const field of ['policy_id', 'trace_id'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') {
      return {ok: false, problem: `${field} must be a string`};
    }
  }
  for (const field of ['context', 'metadata'] as const) {
    if (body[field] !== undefined && !isObject(body[field])) {
      return {ok: false, problem: `${field} must be an object`};
    }
  }
  return {ok: true, dto: body as unknown as DecideDto};
}

/**
 * The Router request for a valid DTO, mapped as c-gateway and the Router's
 * NATS consumer map it: `request_id` is the message id, `task.type` the
 * message type, `task.payload` the payload (as JSON bytes); the tenant comes
 * from the `X-Tenant-ID` header, which wins over the body. The Router's
 * `context` and `metadata` are string maps, so other JSON values arrive as
 * their JSON text.
 */
export function toRouteRequest(dto: DecideDto, tenantId: string, traceId: string): RouteRequest {
  const init: MessageInitShape<typeof RouteRequestSchema> = {
    message: {
      messageId: dto.request_id,
      tenantId,
      traceId,
      messageType: dto.task.type,
      payload: new TextEncoder().encode(JSON.stringify(dto.task.payload)),
      metadata: stringMap(dto.metadata),
    },
    policyId: dto.policy_id ?? '',
    context: stringMap(dto.context),
  };
  return create(RouteRequestSchema, init);
}

/** The decision as c-gateway returns it; `metadata` only when there is some, as the Router does. */
export function decisionBody(decision: RouteDecision) {
  const metadata = Object.keys(decision.metadata).length > 0 ? {metadata: {...decision.metadata}} : {};
  return {
    provider_id: decision.providerId,
    priority: decision.priority,
    expected_latency_ms: Number(decision.expectedLatencyMs),
    expected_cost: decision.expectedCost,
    reason: decision.reason,
    ...metadata,
  };
}

function stringMap(object: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [key, value] of Object.entries(object ?? {})) {
    if (value !== null && value !== undefined) {
      map[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  }
  return map;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
