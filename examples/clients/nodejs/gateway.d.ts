/**
 * c-gateway's JSON contract, as TypeScript types for the HTTP client
 * (http_client.js uses them through JSDoc; a TypeScript caller imports them).
 */

/** Body of POST /api/v1/routes/decide and POST /api/v1/messages. */
export interface DecideRequest {
  version: '1';
  tenant_id: string;
  /** Becomes the Router's message id: fresh per request, the same on every retry of it. */
  request_id: string;
  task: {type: string; payload: Record<string, unknown>};
  policy_id?: string;
  /** String attributes policy rules can match on, e.g. `context.tier == "gold"`. */
  context?: Record<string, string>;
}

export interface Decision {
  provider_id: string;
  priority: number;
  expected_latency_ms: number;
  expected_cost: number;
  reason: string;
  metadata?: Record<string, string>;
}

export interface DecideSuccess {
  ok: true;
  decision: Decision;
  context: {request_id: string; trace_id?: string};
}

export type GatewayErrorCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'policy_not_found'
  | 'conflict'
  | 'rate_limit_exceeded'
  | 'internal'
  | 'decision_failed'
  | 'unavailable'
  | 'service_overloaded';

export interface GatewayFailure {
  ok: false;
  error: {
    code: GatewayErrorCode;
    /** For people; branch on `code`, never on this. */
    message: string;
    intake_error_code: string | null;
    details: Record<string, unknown>;
  };
  context: {request_id: string; trace_id: string; tenant_id: string};
}

export type DecideResponse = DecideSuccess | GatewayFailure;
