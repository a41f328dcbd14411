import type {ApplyFaults} from '../faults/apply.js';
import type {NodeRequest, NodeResponse} from '../http-types.js';
import type {Logger} from '../logger.js';
import {GATEWAY_PATHS} from '../../../src/contract/index.js';
import {type GatewayRoute, routeLabel} from '../routes.js';
import type {GatewayConfig} from './config.js';
import {createDecideEndpoint} from './decide.js';
import {GatewayError} from './errors.js';
import type {FixedWindowLimiter} from '../limits/fixed-window.js';
import type {Forward} from './forward.js';
import {answerHealth} from './health.js';
import {createMessageChangeEndpoint} from './message-change.js';
import type {MessageStreams} from './message-streams.js';
import type {GatewayMetrics} from '../metrics/gateway.js';
import {createPassThrough} from './pass-through.js';
import {replyError} from './reply.js';
import type {Decide} from './router-door.js';
import {createStream} from './stream.js';
import {createAdmitTenant, requestContext, type TenantEndpoint} from './tenant-request.js';

/** What the facade is made of; server.ts builds the stateful parts and hands them over. */
export interface GatewayOptions {
  readonly config: GatewayConfig;
  /** The Router, through the same room and fault interceptors as the RPC door. */
  readonly decide: Decide;
  /** The server's one fault injector as a plain function, for the pass-through. */
  readonly applyFaults: ApplyFaults;
  /** The tenants' fixed windows. */
  readonly limiter: FixedWindowLimiter;
  /** The tenants' event streams. */
  readonly streams: MessageStreams;
  /** The pass-through to the real c-gateway at C_GATEWAY_URL; absent: the facade answers itself. */
  readonly forward?: Forward;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Who is calling (the address, or X-Forwarded-For's behind a trusted proxy), for the per-client stream cap. */
  readonly clientOf: (req: NodeRequest) => string | undefined;
}

/** Answers a request to one of the facade's routes; `path` is the request's, without the query. */
export type Gateway = (req: NodeRequest, res: NodeResponse, route: GatewayRoute, path: string) => void;

/**
 * The c-gateway-shaped HTTP facade: c-gateway's JSON API in front of the
 * same Router the RPC door serves, or, with C_GATEWAY_URL, a pass-through
 * to a real c-gateway. One file per endpoint beside this one; see README.md
 * in this folder for the contract and where it deliberately differs.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const {config, streams, metrics, logger} = options;
  const decideEndpoint: TenantEndpoint = {path: GATEWAY_PATHS.decide, limit: config.rateLimit.decide};
  const messagesEndpoint: TenantEndpoint = {path: GATEWAY_PATHS.messages, limit: config.rateLimit.messages};
  const admit = createAdmitTenant(options.limiter, metrics);
  const decide = createDecideEndpoint({
    admit,
    decide: options.decide,
    authRequired: config.authRequired,
    routerTimeoutMs: config.routerTimeoutMs,
    streams,
  });
  const changeMessage = createMessageChangeEndpoint(admit, streams, messagesEndpoint);
  const stream = createStream(streams, config.maxStreamsPerClient, options.clientOf);
  const passThrough = options.forward
    ? createPassThrough({forward: options.forward, applyFaults: options.applyFaults, metrics, logger})
    : undefined;

  function answer(req: NodeRequest, res: NodeResponse, route: GatewayRoute, path: string): Promise<void> | void {
    if (passThrough) {
      return passThrough(req, res, path, route.name === 'decide' || route.name === 'messages');
    }
    const methods: readonly string[] = route.methods;
    if (methods.includes(req.method ?? 'GET')) {
      switch (route.name) {
        case 'health':
          return answerHealth(res);
        case 'decide':
          return decide(req, res, decideEndpoint);
        case 'messages':
          return decide(req, res, messagesEndpoint);
        case 'stream':
          return stream(req, res);
        case 'message':
          return changeMessage(req, res, decodeSegment(path.slice(route.prefix.length)));
      }
    }
    // c-gateway's answer to an unknown route: status 404, code invalid_request.
    replyError(res, new GatewayError('invalid_request', 'route not found', {}, {}, 404), requestContext(req));
  }

  /** A bug of ours: the details go to the log, the caller gets c-gateway's bare 500. */
  function fail(req: NodeRequest, res: NodeResponse, error: unknown): void {
    logger.error(`gateway ${req.method} ${req.url} failed`, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    replyError(res, new GatewayError('internal', 'internal error'), requestContext(req));
  }

  return (req, res, route, path) => {
    const started = performance.now();
    const label = routeLabel(route, path);
    res.once('finish', () =>
      metrics.requestEnded(req.method ?? 'GET', label, res.statusCode, performance.now() - started),
    );
    try {
      void Promise.resolve(answer(req, res, route, path)).catch((error) => fail(req, res, error));
    } catch (error) {
      fail(req, res, error);
    }
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
