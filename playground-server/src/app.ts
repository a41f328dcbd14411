import {createContextValues, type Interceptor, type ServiceImpl} from '@connectrpc/connect';
import {codeToString} from '@connectrpc/connect/protocol-connect';
import {SESSION_HEADER} from '../../src/contract/index.js';
import {Router, RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';
import {Ledger} from '@beamline/api/beamline/playground/v1/ledger_pb';
import {createCors} from './cors.js';
import {sendJson, sendText, type NodeRequest, type NodeResponse} from './http-types.js';
import {clientAddress, clientAddressKey} from './limits/client-address.js';
import {type ClientRateLimit, createClientRateLimitInterceptor} from './limits/client-rate-limit.js';
import {createGatewayClientLimit} from './gateway/client-limit.js';
import type {Gateway} from './gateway/gateway.js';
import {createErrorLogInterceptor} from './log-errors.js';
import type {Logger} from './logger.js';
import type {Metrics} from './metrics/metrics.js';
import {createRpcAdapter, type RpcCompletion} from './rpc/adapter.js';
import type {PassThrough} from './rpc/pass-through.js';
import type {RouterBackend} from './router/service.js';
import type {StaticHandler} from './static-files.js';
import type {Readiness} from './upstream/readiness.js';
import {originForm} from './request-target.js';
import {type Route, routeFor} from './routes.js';
import {setSecurityHeaders} from './security-headers.js';

export interface AppOptions {
  readonly backend: RouterBackend;
  readonly staticFiles?: StaticHandler;
  readonly corsOrigins: readonly string[];
  /** The server's one fault injector (shared with the HTTP facade). */
  readonly faultInterceptor: Interceptor;
  readonly logger: Logger;
  /** Aborting it ends in-flight calls (and their injected latency) on shutdown. */
  readonly shutdownSignal: AbortSignal;
  readonly metrics: Metrics;
  /** What /readyz says; the server is ready when it says so. */
  readonly readiness: () => Readiness;
  /** Largest request message (Connect's readMaxBytes). */
  readonly maxBodyBytes: number;
  /** The server's own per-client limit; absent: none. */
  readonly rateLimit?: ClientRateLimit;
  /** Key clients by X-Forwarded-For (behind a reverse proxy). */
  readonly trustProxy: boolean;
  /** The c-gateway-shaped HTTP facade: answers the routes whose door is `gateway`. */
  readonly gateway: Gateway;
  /** The workshop room's scenario around every Router call, before the caller's own faults. */
  readonly roomInterceptor: Interceptor;
  /** Answers /rooms/… (banner and dashboard streams, the facilitator's switch). */
  readonly roomApi: (req: NodeRequest, res: NodeResponse) => void;
  /** The playground-only Ledger of the idempotency lesson (never proxied upstream). */
  readonly ledger: ServiceImpl<typeof Ledger>;
  /** Upstream mode: the Router's Connect and gRPC binary calls forwarded without decoding them. */
  readonly passThrough?: PassThrough;
  /** false: binary gRPC calls take connect-es's path too (UPSTREAM_PASS_THROUGH=false); see rpc/grpc-handler.ts. */
  readonly grpcFastPath: boolean;
}

/**
 * Every request on the port, whether it arrived over HTTP/1.1 or HTTP/2:
 * the request target parsed once, CORS preflights, then the route table
 * (routes.ts) picks who answers — /healthz, /readyz, /metrics, the rooms,
 * the facade, the RPCs (Connect, gRPC-Web and gRPC), and last the static
 * site or a plain 404.
 */
export function createApp(options: AppOptions): (req: NodeRequest, res: NodeResponse) => void {
  const {logger, metrics, gateway} = options;
  const answerCors = createCors(options.corsOrigins);

  const fail = (res: NodeResponse, error: unknown) => {
    logger.error('request failed', error);
    if (res.headersSent) {
      res.destroy();
    } else {
      sendText(res, 500, 'Internal Server Error');
    }
  };
  const staticFiles = options.staticFiles;

  const countSessions: Interceptor = (next) => (req) => {
    const session = req.header.get(SESSION_HEADER);
    if (session) {
      metrics.sessionSeen(session);
    }
    return next(req);
  };
  const refuseGatewayCall = options.rateLimit
    ? createGatewayClientLimit(options.rateLimit, options.trustProxy)
    : undefined;
  const rpc = createRpcAdapter({
    routes: (router) => {
      router.service(Router, options.backend.router);
      router.service(RouterAdmin, options.backend.admin);
      router.service(Ledger, options.ledger);
    },
    // The first interceptor is the outermost: it also sees the others' errors.
    interceptors: [
      createErrorLogInterceptor(logger),
      ...(options.rateLimit ? [createClientRateLimitInterceptor(options.rateLimit)] : []),
      countSessions,
      options.roomInterceptor,
      options.faultInterceptor,
    ],
    contextValues: (req) => createContextValues().set(clientAddressKey, clientAddress(req, options.trustProxy)),
    shutdownSignal: options.shutdownSignal,
    readMaxBytes: options.maxBodyBytes,
    observe: (call) => {
      const ended = metrics.rpcStarted(call);
      return (completion) => {
        ended(completion);
        logger.debug('rpc', accessLogFields(completion));
      };
    },
    logger,
    ...(options.passThrough ? {passThrough: options.passThrough} : {}),
    grpcFastPath: options.grpcFastPath,
  });

  /** The door of `route` answers. */
  function answer(route: Route, path: string, req: NodeRequest, res: NodeResponse): void {
    switch (route.door) {
      case 'healthz':
        // Alive: the process answers. Says nothing about the upstream on purpose,
        // so an orchestrator never restarts this server for the Router's outage.
        sendJson(res, 200, {status: 'ok'});
        return;
      case 'readyz': {
        const readiness = options.readiness();
        sendJson(res, readiness.ready ? 200 : 503, {
          status: readiness.ready ? 'ready' : 'not ready',
          detail: readiness.detail,
        });
        return;
      }
      case 'metrics':
        void metrics.registry
          .metrics()
          .then((text) => {
            res.setHeader('Content-Type', metrics.registry.contentType);
            res.writeHead(200);
            res.end(text);
          })
          .catch((error) => fail(res, error));
        return;
      case 'rooms':
        options.roomApi(req, res);
        return;
      case 'gateway':
        if (!refuseGatewayCall?.(route, req, res)) {
          gateway(req, res, route, path);
        }
        return;
      case 'rpc':
        rpc(req, res);
        return;
      case 'static':
        if (staticFiles) {
          void staticFiles(req, res).catch((error) => fail(res, error));
        } else {
          sendText(res, 404, 'Not Found');
        }
        return;
    }
  }

  return (req, res) => {
    try {
      setSecurityHeaders(res);
      const target = originForm(req.url ?? '/');
      if (target === undefined) {
        sendText(res, 400, 'Bad Request: the request target must be a path (/…) or an http:// URL');
        return;
      }
      // Every route below sees this one parsed path, the per-client limit included.
      req.url = target;
      if (answerCors(req, res)) {
        return;
      }
      const path = target.split('?', 1)[0]!;
      answer(routeFor(path), path, req, res);
    } catch (error) {
      fail(res, error);
    }
  };
}

function accessLogFields(completion: RpcCompletion): Record<string, unknown> {
  return {
    rpc: `${completion.service}/${completion.method}`,
    protocol: completion.protocol,
    code: completion.code === undefined ? 'ok' : codeToString(completion.code),
    http_status: completion.httpStatus,
    duration_ms: Math.round(completion.durationMs * 10) / 10,
    correlation_id: completion.correlationId,
    client: completion.clientAddress,
    pass_through: completion.passedThrough,
  };
}
