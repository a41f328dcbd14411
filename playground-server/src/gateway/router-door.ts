import {createClient, createRouterTransport, type Interceptor} from '@connectrpc/connect';
import {
  CORRELATION_HEADER,
  FAULT_HEADER,
  FAULT_INJECTED_HEADER,
  FAULT_LATENCY_HEADER,
  SESSION_HEADER,
} from '../../../src/contract/index.js';
import {PREVIOUS_ATTEMPTS_HEADER, ROOM_FAULT_HEADER, ROOM_HEADER} from '../../../src/contract/room.js';
import {Router, type RouteDecision, type RouteRequest} from '@beamline/api/beamline/flow/v1/flow_pb';
import {readFaultHeader} from '../faults/spec.js';
import {type NodeRequest, pickHeaders} from '../http-types.js';
import type {RouterBackend} from '../router/service.js';
import {header} from './tenant-request.js';

/** Request headers the Router sees: the playground's fault controls, the room and the correlation id. */
const ROUTER_HEADERS = [FAULT_HEADER, SESSION_HEADER, CORRELATION_HEADER, ROOM_HEADER, PREVIOUS_ATTEMPTS_HEADER];
/** Response headers the Router sets that the HTTP caller gets too. */
const ECHOED_HEADERS = [CORRELATION_HEADER, FAULT_INJECTED_HEADER, FAULT_LATENCY_HEADER, ROOM_FAULT_HEADER];

export interface DecideCall {
  /** Passed to the Router as request metadata: the fault header, the session, x-correlation-id. */
  readonly headers: Headers;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
}

export interface DecideResult {
  readonly decision: RouteDecision;
  /** The Router's response metadata (x-correlation-id, the fault headers). */
  readonly headers: Headers;
}

/** Asks the Router for one decision; fails with the Router's ConnectError. */
export type Decide = (request: RouteRequest, call: DecideCall) => Promise<DecideResult>;

/**
 * The facade's way to the Router: the same `RouterBackend` that answers the
 * gRPC, gRPC-Web and Connect door — the embedded Router, or the proxy to a
 * real one (ROUTER_URL) — called in-process through Connect's router
 * transport with the same fault interceptor in front. One engine, two
 * doors: a decision and a fault look the same whichever door they came in.
 */
export function createRouterDoor(backend: RouterBackend, interceptors: readonly Interceptor[]): Decide {
  const transport = createRouterTransport(
    (router) => {
      router.service(Router, backend.router);
    },
    {router: {interceptors: [...interceptors]}},
  );
  const client = createClient(Router, transport);
  return async (request, call) => {
    const headers = new Headers();
    const decision = await client.decide(request, {
      headers: call.headers,
      signal: call.signal,
      timeoutMs: call.timeoutMs,
      onHeader: (header) => header.forEach((value, name) => headers.set(name, value)),
      onTrailer: (trailer) => trailer.forEach((value, name) => headers.set(name, value)),
    });
    return {decision, headers};
  };
}

/** The HTTP request's headers the Router is to see, as call metadata. */
export function routerHeaders(req: NodeRequest): Headers {
  const headers = new Headers();
  for (const name of ROUTER_HEADERS) {
    const value = header(req, name);
    if (value !== '') {
      headers.set(name, value);
    }
  }
  return headers;
}

/** The Router's response metadata the HTTP caller gets as headers. */
export function echoed(from: Headers): Record<string, string> {
  return pickHeaders(from, ECHOED_HEADERS);
}

/** The `ratelimit` fault's N from the request's own header, for X-RateLimit-Limit. */
export function faultRateLimit(req: NodeRequest): number {
  try {
    return readFaultHeader(header(req, FAULT_HEADER)).rateLimit?.limit ?? 0;
  } catch {
    return 0;
  }
}
