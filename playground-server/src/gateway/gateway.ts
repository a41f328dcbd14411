import {ConnectError, type Interceptor} from '@connectrpc/connect';
import type {Registry} from 'prom-client';
import {PREVIOUS_ATTEMPTS_HEADER, ROOM_FAULT_HEADER, ROOM_HEADER} from '../../../src/contract/room.js';
import {
  CORRELATION_HEADER,
  FAULT_HEADER,
  FAULT_INJECTED_HEADER,
  FAULT_LATENCY_HEADER,
  SESSION_HEADER,
} from '../../../src/contract/index.js';
import type {ApplyFaults} from '../faults/apply.js';
import {readFaultHeader} from '../faults/spec.js';
import type {NodeRequest, NodeResponse} from '../http-types.js';
import type {Logger} from '../logger.js';
import type {RouterBackend} from '../router/service.js';
import {GATEWAY_PATHS, type GatewayRoute, routeLabel} from '../routes.js';
import {DEFAULT_GATEWAY_CONFIG, type GatewayConfig} from './config.js';
import {parseBoundedJson} from './bounded-json.js';
import {decisionBody, parseDecideDto, toRouteRequest} from './decide-dto.js';
import {errorBody, fromRouterError, GatewayError, rateLimitHeaders, type ErrorContext} from './errors.js';
import {FixedWindowLimiter} from './fixed-window.js';
import {createForwarder} from './forward.js';
import {MessageStreams} from './message-streams.js';
import {createGatewayMetrics, noGatewayMetrics, type GatewayMetrics} from './metrics.js';
import {MAX_BODY_BYTES, readBody} from './read-body.js';
import {createRouterDoor, type Decide} from './router-door.js';

export interface GatewayOptions {
  /** Who decides: the same backend as the RPC door (embedded Router or ROUTER_URL proxy). */
  readonly backend: RouterBackend;
  readonly config?: GatewayConfig;
  /** The server's one fault injector, as an interceptor for the Router door … */
  readonly faultInterceptor: Interceptor;
  /** … and as a plain function for the pass-through to a real c-gateway. */
  readonly applyFaults: ApplyFaults;
  readonly logger: Logger;
  /** The server's Prometheus registry; the facade's `gateway_*` metrics join it. */
  readonly registry?: Registry;
  /** Wall-clock milliseconds, for the rate-limit windows (tests). */
  readonly now?: () => number;
  /** Run around each decision before the fault interceptor (the workshop room's scenario). */
  readonly interceptors?: readonly Interceptor[];
  /** Who is calling (the address, or X-Forwarded-For's behind a trusted proxy), for the per-client stream cap. */
  readonly clientOf?: (req: NodeRequest) => string | undefined;
}

export interface Gateway {
  /** Answers a request to one of the facade's routes; `path` is the request's, without the query. */
  handle(req: NodeRequest, res: NodeResponse, route: GatewayRoute, path: string): void;
  /** Ends open event streams, so the server can close without waiting for them. */
  close(): void;
}

const DECIDE_PATH = GATEWAY_PATHS.decide;
const MESSAGES_PATH = GATEWAY_PATHS.messages;

/** Request headers the Router sees: the playground's fault controls and the correlation id. */
const ROUTER_HEADERS = [FAULT_HEADER, SESSION_HEADER, CORRELATION_HEADER, ROOM_HEADER, PREVIOUS_ATTEMPTS_HEADER];
/** Response headers the Router sets that the HTTP caller gets too. */
const ECHOED_HEADERS = [CORRELATION_HEADER, FAULT_INJECTED_HEADER, FAULT_LATENCY_HEADER, ROOM_FAULT_HEADER];

type Endpoint = {readonly path: string; readonly limit: number};

/**
 * The c-gateway-shaped HTTP facade: c-gateway's JSON API in front of the
 * same Router the RPC door serves, or, with C_GATEWAY_URL, a pass-through
 * to a real c-gateway. See README.md in this folder for the
 * contract and where it deliberately differs.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const config = options.config ?? DEFAULT_GATEWAY_CONFIG;
  const {logger} = options;
  const now = options.now ?? Date.now;
  const metrics: GatewayMetrics = options.registry ? createGatewayMetrics(options.registry) : noGatewayMetrics;
  const limiter = new FixedWindowLimiter(config.rateLimit.windowSeconds * 1000, now);
  const streams = new MessageStreams({
    keepAliveMs: config.sseKeepAliveMs,
    maxStreams: config.maxStreams,
    maxStreamsPerClient: config.maxStreamsPerClient,
    onCount: (open) => metrics.streamsOpen(open),
  });
  const decideEndpoint: Endpoint = {path: DECIDE_PATH, limit: config.rateLimit.decide};
  const messagesEndpoint: Endpoint = {path: MESSAGES_PATH, limit: config.rateLimit.messages};

  const sendJson = (res: NodeResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.headersSent || res.destroyed) {
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  };
  const sendError = (
    res: NodeResponse,
    error: GatewayError,
    context: ErrorContext,
    headers: Record<string, string> = {},
  ) => sendJson(res, error.status, errorBody(error, context), {...headers, ...error.headers});

  /**
   * A tenant request's body, or undefined once the request has been answered
   * (too large, empty) or its client has gone — the prelude decide and
   * messages share.
   */
  async function readRequestText(
    req: NodeRequest,
    res: NodeResponse,
    context: ErrorContext,
    emptyMessage: string,
  ): Promise<string | undefined> {
    const body = await readBody(req);
    if (body.kind === 'gone') {
      return undefined;
    }
    if (body.kind === 'too_large') {
      sendError(res, new GatewayError('invalid_request', `request body exceeds ${MAX_BODY_BYTES} bytes`), context);
      return undefined;
    }
    if (body.text.trim() === '') {
      sendError(res, new GatewayError('invalid_request', emptyMessage), context);
      return undefined;
    }
    return body.text;
  }

  /** The tenant's window for this endpoint; a refusal is c-gateway's 429 with its headers and details. */
  function rateLimited(endpoint: Endpoint, tenantId: string): GatewayError | undefined {
    const verdict = limiter.take(`${endpoint.path}\u0000${tenantId}`, endpoint.limit);
    metrics.rateLimit(verdict.allowed);
    if (verdict.allowed) {
      return undefined;
    }
    return new GatewayError(
      'rate_limit_exceeded',
      `Rate limit exceeded for endpoint ${endpoint.path}`,
      rateLimitHeaders(verdict.limit, 0, verdict.resetAtSeconds, verdict.retryAfterSeconds),
      {endpoint: endpoint.path, limit: verdict.limit, retry_after_seconds: verdict.retryAfterSeconds},
    );
  }

  // ---- the embedded door ---------------------------------------------------

  const decide: Decide = createRouterDoor(options.backend, [...(options.interceptors ?? []), options.faultInterceptor]);

  async function handleDecide(req: NodeRequest, res: NodeResponse, endpoint: Endpoint): Promise<void> {
    const context = requestContext(req);
    if (config.authRequired && !req.headers.authorization) {
      return sendError(res, new GatewayError('unauthorized', 'missing Authorization header'), context);
    }
    if (context.tenant_id === '') {
      return sendError(res, new GatewayError('invalid_request', 'missing X-Tenant-ID header'), context);
    }
    const limited = rateLimited(endpoint, context.tenant_id);
    if (limited) {
      return sendError(res, limited, context);
    }
    const text = await readRequestText(req, res, context, 'empty request body');
    if (text === undefined) {
      return;
    }
    const parsed = parseDecideDto(text);
    if (!parsed.ok) {
      return sendError(
        res,
        new GatewayError('invalid_request', `invalid decide request DTO: ${parsed.problem}`),
        context,
      );
    }
    const {dto} = parsed;
    context.request_id = dto.request_id;
    context.trace_id ||= dto.trace_id ?? '';

    const aborted = new AbortController();
    const onClose = () => aborted.abort();
    res.once('close', onClose);
    try {
      const result = await decide(toRouteRequest(dto, context.tenant_id, context.trace_id), {
        headers: routerHeaders(req),
        signal: aborted.signal,
        timeoutMs: config.routerTimeoutMs,
      });
      const decision = decisionBody(result.decision);
      const replyContext =
        context.trace_id === ''
          ? {request_id: dto.request_id}
          : {request_id: dto.request_id, trace_id: context.trace_id};
      sendJson(res, 200, {ok: true, decision, context: replyContext}, echoed(result.headers));
      if (endpoint === messagesEndpoint) {
        streams.publish(context.tenant_id, 'message_created', {...replyContext, task: dto.task, decision});
      }
    } catch (reason) {
      if (aborted.signal.aborted) {
        return; // the caller is gone
      }
      if (!(reason instanceof ConnectError)) {
        throw reason;
      }
      const error = fromRouterError(reason, endpoint.path, now(), faultRateLimit(req));
      sendError(res, error, context, echoed(reason.metadata));
    } finally {
      res.off('close', onClose);
    }
  }

  /** PUT /api/v1/messages/:id (message_updated) and DELETE (message_deleted), as c-gateway's CP1 handlers. */
  async function handleMessageChange(req: NodeRequest, res: NodeResponse, messageId: string): Promise<void> {
    const context = requestContext(req);
    if (messageId === '') {
      return sendError(res, new GatewayError('invalid_request', 'missing message_id'), context);
    }
    if (context.tenant_id === '') {
      return sendError(res, new GatewayError('invalid_request', 'missing X-Tenant-ID header'), context);
    }
    const limited = rateLimited(messagesEndpoint, context.tenant_id);
    if (limited) {
      return sendError(res, limited, context);
    }
    if (req.method === 'DELETE') {
      sendJson(res, 200, {status: 'deleted', message_id: messageId});
      streams.publish(context.tenant_id, 'message_deleted', {message_id: messageId});
      return;
    }
    const text = await readRequestText(req, res, context, 'empty body');
    if (text === undefined) {
      return;
    }
    const parsed = parseBoundedJson(text);
    if (!parsed.ok && parsed.reason === 'depth') {
      return sendError(res, new GatewayError('invalid_request', parsed.problem), context);
    }
    const message = parsed.ok ? parsed.value : undefined;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      return sendError(res, new GatewayError('invalid_request', 'invalid JSON'), context);
    }
    const bodyId = (message as Record<string, unknown>).message_id;
    if (typeof bodyId === 'string' && bodyId !== messageId) {
      return sendError(res, new GatewayError('conflict', 'message_id mismatch with path'), context);
    }
    sendJson(res, 200, message);
    streams.publish(context.tenant_id, 'message_updated', message);
  }

  function handleStream(req: NodeRequest, res: NodeResponse, query: URLSearchParams): void {
    const tenantId = query.get('tenant_id') ?? '';
    if (tenantId === '') {
      return sendError(res, new GatewayError('invalid_request', 'missing tenant_id'), requestContext(req));
    }
    const client = options.clientOf?.(req) ?? req.socket?.remoteAddress ?? 'unknown';
    if (!streams.admits(client)) {
      return sendError(
        res,
        new GatewayError(
          'rate_limit_exceeded',
          `too many open event streams from your address (at most ${config.maxStreamsPerClient}); close one first`,
          {'Retry-After': '30'},
        ),
        requestContext(req),
      );
    }
    streams.subscribe(tenantId, client, req, res);
  }

  function handleHealth(res: NodeResponse): void {
    sendJson(res, 200, {status: 'healthy', timestamp: new Date(now()).toISOString()});
  }

  // ---- the pass-through to a real c-gateway ------------------------------

  const forward = config.upstreamUrl
    ? createForwarder({baseUrl: config.upstreamUrl, headersTimeoutMs: config.routerTimeoutMs + 5_000})
    : undefined;

  async function handleForward(req: NodeRequest, res: NodeResponse, path: string): Promise<void> {
    const unreachable = (out: NodeResponse, problem: string) => {
      metrics.upstreamFailed();
      logger.error(`gateway: ${problem}`);
      // The problem names the gateway's address: the log gets it, the caller does not.
      sendError(out, new GatewayError('unavailable', 'c-gateway is unreachable'), requestContext(req));
    };
    // Faults apply on this side, before the real gateway sees the call, as for the RPC proxy.
    if (req.method === 'POST' && (path === DECIDE_PATH || path === MESSAGES_PATH) && req.headers[FAULT_HEADER]) {
      const aborted = new AbortController();
      const onClose = () => aborted.abort();
      res.once('close', onClose);
      try {
        const added = await options.applyFaults(routerHeaders(req), aborted.signal);
        for (const [name, value] of Object.entries(added)) {
          res.setHeader(name, value);
        }
      } catch (reason) {
        if (aborted.signal.aborted) {
          return;
        }
        const error = fromRouterError(ConnectError.from(reason), path, now(), faultRateLimit(req));
        // The body was never read: say so, so an HTTP/1.1 client does not reuse a connection with a body in it.
        return sendError(res, error, requestContext(req), {
          ...echoed(ConnectError.from(reason).metadata),
          Connection: 'close',
        });
      } finally {
        res.off('close', onClose);
      }
    }
    forward!(req, res, unreachable);
  }

  // ---- routing -------------------------------------------------------------

  function route(req: NodeRequest, res: NodeResponse, route: GatewayRoute, path: string): Promise<void> | void {
    if (forward) {
      return handleForward(req, res, path);
    }
    const methods: readonly string[] = route.methods;
    if (methods.includes(req.method ?? 'GET')) {
      switch (route.name) {
        case 'health':
          return handleHealth(res);
        case 'decide':
          return handleDecide(req, res, decideEndpoint);
        case 'messages':
          return handleDecide(req, res, messagesEndpoint);
        case 'stream':
          return handleStream(req, res, new URL(req.url ?? '/', 'http://gateway.invalid').searchParams);
        case 'message':
          return handleMessageChange(req, res, decodeSegment(path.slice(route.prefix.length)));
      }
    }
    // c-gateway's answer to an unknown route: status 404, code invalid_request.
    sendError(res, new GatewayError('invalid_request', 'route not found', {}, {}, 404), requestContext(req));
    return undefined;
  }

  return {
    handle(req, res, gatewayRoute, path) {
      const started = performance.now();
      const label = routeLabel(gatewayRoute, path);
      res.once('finish', () =>
        metrics.requestEnded(req.method ?? 'GET', label, res.statusCode, performance.now() - started),
      );
      try {
        void Promise.resolve(route(req, res, gatewayRoute, path)).catch((error) => fail(req, res, error));
      } catch (error) {
        fail(req, res, error);
      }
    },
    close() {
      streams.close();
    },
  };

  /** A bug of ours: the details go to the log, the caller gets c-gateway's bare 500. */
  function fail(req: NodeRequest, res: NodeResponse, error: unknown): void {
    logger.error(`gateway ${req.method} ${req.url} failed`, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    sendError(res, new GatewayError('internal', 'internal error'), requestContext(req));
  }
}

function requestContext(req: NodeRequest): ErrorContext {
  return {request_id: '', trace_id: traceId(req), tenant_id: header(req, 'x-tenant-id')};
}

/** X-Trace-ID, else the trace id of a W3C `traceparent` (version-traceid-parentid-flags). */
function traceId(req: NodeRequest): string {
  const explicit = header(req, 'x-trace-id');
  if (explicit !== '') {
    return explicit;
  }
  const parent = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(header(req, 'traceparent'));
  return parent?.[1] ?? '';
}

function header(req: NodeRequest, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function routerHeaders(req: NodeRequest): Headers {
  const headers = new Headers();
  for (const name of ROUTER_HEADERS) {
    const value = header(req, name);
    if (value !== '') {
      headers.set(name, value);
    }
  }
  return headers;
}

function echoed(from: Headers): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of ECHOED_HEADERS) {
    const value = from.get(name);
    if (value !== null) {
      headers[name] = value;
    }
  }
  return headers;
}

/** The `ratelimit` fault's N from the request's own header, for X-RateLimit-Limit. */
function faultRateLimit(req: NodeRequest): number {
  try {
    return readFaultHeader(header(req, FAULT_HEADER)).rateLimit?.limit ?? 0;
  } catch {
    return 0;
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
