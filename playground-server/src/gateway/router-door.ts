import {createClient, createRouterTransport, type Interceptor} from '@connectrpc/connect';
import {Router, type RouteDecision, type RouteRequest} from '../../../src/gen/beamline/flow/v1/flow_pb.js';
import type {RouterBackend} from '../router/service.js';

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
