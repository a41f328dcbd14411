import {randomBytes} from 'node:crypto';
import {setMaxListeners} from 'node:events';
import http from 'node:http';
import http2 from 'node:http2';
import type {AddressInfo, Server, Socket} from 'node:net';
import {Code, ConnectError} from '@connectrpc/connect';
import {createApp} from './app.js';
import {DEFAULT_ADMIN_API_KEY, DEFAULT_LIMITS, MAX_HEADER_BYTES, type Limits, type UpstreamConfig} from './config.js';
import {createApplyFaults} from './faults/apply.js';
import {createHeldCalls} from './faults/held-calls.js';
import {createFaultInterceptor} from './faults/interceptor.js';
import {createLedgerService} from './ledger/ledger-service.js';
import {LedgerStore} from './ledger/ledger-store.js';
import {DEFAULT_GATEWAY_CONFIG, type GatewayConfig} from './gateway/config.js';
import {FixedWindowLimiter} from './limits/fixed-window.js';
import {createForwarder} from './gateway/forward.js';
import {createGateway} from './gateway/gateway.js';
import {MessageStreams} from './gateway/message-streams.js';
import {createRouterDoor} from './gateway/router-door.js';
import {guardHttp2} from './http2-guard.js';
import {createDualProtocolServer} from './listener.js';
import {clientAddress} from './limits/client-address.js';
import {createClientRateLimit} from './limits/client-rate-limit.js';
import {consoleLogger, type Logger} from './logger.js';
import {createMetrics, type Metrics} from './metrics/metrics.js';
import {sleep} from './faults/sleep.js';
import {createEmbeddedRouter, type RouterBackend} from './router/service.js';
import {createEnterRoom, createRoomInterceptor} from './rooms/enter-room.js';
import {createRoomApi} from './rooms/facilitator-api.js';
import {Rooms, type RoomsOptions} from './rooms/rooms.js';
import {RoomStreams} from './rooms/streams.js';
import {createStaticFiles} from './static-files.js';
import {createUpstreamRouter, type UpstreamRouter} from './upstream/proxy.js';
import {monitorReadiness, probeUpstream, type Readiness, type ReadinessMonitor} from './upstream/readiness.js';

export interface ServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1; main.ts passes HOST, which defaults to 0.0.0.0. */
  readonly host?: string;
  /** A built site to serve next to the API. */
  readonly staticDir?: string;
  /**
   * What RouterAdmin calls must present. Default: DEFAULT_ADMIN_API_KEY when
   * the server listens on loopback only, else a random key made at start.
   */
  readonly adminApiKey?: string;
  readonly corsOrigins?: readonly string[];
  readonly logger?: Logger;
  /**
   * Who answers Router and RouterAdmin: this backend if given, else the
   * Router at `upstream.url` (ROUTER_URL), else the embedded Router.
   */
  readonly backend?: RouterBackend;
  readonly upstream?: UpstreamConfig;
  /** Body size, per-client rate, HTTP/2 and idle limits; DEFAULT_LIMITS for the rest. */
  readonly limits?: Partial<Limits>;
  /** The c-gateway facade's settings (main.ts reads GATEWAY_* and C_GATEWAY_URL); the gateway's defaults when absent. */
  readonly gateway?: GatewayConfig;
  /** How long close() lets in-flight calls finish before cutting them off. */
  readonly shutdownGraceMs?: number;
  /** The workshop facilitator's secret (FACILITATOR_KEY); a random one when absent. */
  readonly facilitatorKey?: string;
  /** Bounds and clock of the workshop rooms. */
  readonly rooms?: RoomsOptions;
}

export interface RunningServer {
  /** Where a browser or client reaches the server, e.g. http://localhost:3000. */
  readonly url: string;
  readonly port: number;
  /** The workshop facilitator's secret: FACILITATOR_KEY, or generated at start. */
  readonly facilitatorKey: string;
  /** The embedded Router's admin key, when this server made it at start (main.ts prints it); else undefined. */
  readonly generatedAdminApiKey?: string;
  /** Stops accepting, lets in-flight calls finish (up to the grace period), closes. */
  close(): Promise<void>;
}

/**
 * Starts the playground-server: the Router's services over Connect,
 * gRPC-Web and gRPC, /healthz and optionally a static site, all on one port.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? consoleLogger;
  const host = options.host ?? '127.0.0.1';
  const limits: Limits = {...DEFAULT_LIMITS, ...options.limits};
  // A registry of its own, so several servers in one process keep their figures apart.
  const metrics = createMetrics();
  // The one place that decides who answers the Router's RPCs.
  const upstream =
    options.backend === undefined && options.upstream !== undefined
      ? createUpstreamRouter({
          ...options.upstream,
          logger,
          onError: (method, code) => metrics.upstreamFailed(method, code),
        })
      : undefined;
  // The public key is fine where only this machine can call; on a LAN, one
  // nobody can read in the guide's source.
  const generatedAdminApiKey =
    options.adminApiKey === undefined && !isLoopback(host) ? randomBytes(18).toString('base64url') : undefined;
  const backend =
    options.backend ??
    upstream ??
    createEmbeddedRouter({adminApiKey: options.adminApiKey ?? generatedAdminApiKey ?? DEFAULT_ADMIN_API_KEY});
  const upstreamReadiness =
    upstream && options.upstream ? monitorUpstream(upstream, options.upstream, logger, metrics) : undefined;
  /** What only upstream mode holds open: the probe timer and the HTTP/2 connection. */
  const stopUpstream = () => {
    upstreamReadiness?.stop();
    upstream?.close();
  };
  let closing = false;
  const readiness = (): Readiness => {
    if (closing) {
      // Tells a load balancer to stop sending new calls while the last ones drain.
      return {ready: false, detail: 'shutting down'};
    }
    return upstreamReadiness?.current() ?? {ready: true, detail: 'embedded Router'};
  };
  const shutdown = new AbortController();
  // connect-es links every call's signal to this one: one listener per
  // in-flight call, so the default cap of 10 would warn under load.
  setMaxListeners(0, shutdown.signal);
  // Workshop rooms: one scenario per room, applied to its members' Router
  // calls on both doors before their own faults.
  const rooms = new Rooms(options.rooms);
  const roomStreams = new RoomStreams({rooms});
  const facilitatorKey = options.facilitatorKey ?? randomBytes(12).toString('base64url');
  const roomInterceptor = createRoomInterceptor(
    createEnterRoom({
      rooms,
      sleep,
      ...(options.rooms?.now ? {now: options.rooms.now} : {}),
    }),
  );
  // One fault injector (and its rate-limit buckets) for every door; the
  // calls its injected latency holds are capped for all clients together.
  const heldCalls = createHeldCalls(limits.maxHeldCalls, sleep);
  const applyFaults = createApplyFaults({
    sleep: heldCalls.sleep,
    onInjected: (kind) => metrics.faultInjected(kind),
  });
  const faultInterceptor = createFaultInterceptor(applyFaults, heldCalls.sleep);
  // The HTTP door to the same backend, c-gateway's JSON API, with its own
  // state: the tenants' windows, their event streams, the pass-through's connections.
  const gatewayConfig = options.gateway ?? DEFAULT_GATEWAY_CONFIG;
  const gatewayStreams = new MessageStreams({
    keepAliveMs: gatewayConfig.sseKeepAliveMs,
    maxStreams: gatewayConfig.maxStreams,
    maxStreamsPerClient: gatewayConfig.maxStreamsPerClient,
    onCount: (open) => metrics.gateway.streamsOpen(open),
  });
  const gateway = createGateway({
    config: gatewayConfig,
    decide: createRouterDoor(backend, [roomInterceptor, faultInterceptor]),
    applyFaults,
    limiter: new FixedWindowLimiter(gatewayConfig.rateLimit.windowSeconds * 1000),
    streams: gatewayStreams,
    ...(gatewayConfig.upstreamUrl
      ? {
          forward: createForwarder({
            baseUrl: gatewayConfig.upstreamUrl,
            headersTimeoutMs: gatewayConfig.routerTimeoutMs + 5_000,
          }),
        }
      : {}),
    metrics: metrics.gateway,
    logger,
    clientOf: (req) => clientAddress(req, limits.trustProxy),
  });
  // The idempotency lesson's ledger: playground-only, per reader, bounded.
  const ledger = createLedgerService(new LedgerStore());
  const app = createApp({
    gateway,
    ledger,
    roomInterceptor,
    roomApi: createRoomApi({rooms, streams: roomStreams, facilitatorKey}),
    backend,
    ...(upstream && options.upstream?.passThrough !== false ? {passThrough: upstream.passThrough} : {}),
    // UPSTREAM_PASS_THROUGH=false: every proxied call decoded by connect-es, the path to compare with.
    grpcFastPath: !upstream || options.upstream?.passThrough !== false,
    ...(options.staticDir === undefined ? {} : {staticFiles: await createStaticFiles(options.staticDir)}),
    corsOrigins: options.corsOrigins ?? [],
    faultInterceptor,
    logger,
    shutdownSignal: shutdown.signal,
    metrics,
    readiness,
    maxBodyBytes: limits.maxBodyBytes,
    ...(limits.rateLimitPerSecond > 0
      ? {
          rateLimit: createClientRateLimit({
            perSecond: limits.rateLimitPerSecond,
            burst: limits.rateLimitBurst,
            onLimited: () => metrics.rateLimited(),
          }),
        }
      : {}),
    trustProxy: limits.trustProxy,
  });

  const http1 = http.createServer(
    {
      keepAliveTimeout: limits.idleTimeoutMs,
      // Bigger request headers are answered 431.
      maxHeaderSize: MAX_HEADER_BYTES,
      // A client that trickles its headers or body cannot hold a socket forever.
      headersTimeout: Math.min(20_000, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      // Node looks for connections past those deadlines only this often
      // (30 s by default, so a slowloris got up to 30 s more).
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  const h2c = http2.createServer({
    settings: {maxConcurrentStreams: limits.http2MaxConcurrentStreams, maxHeaderListSize: MAX_HEADER_BYTES},
    // What one session may make nghttp2 hold (MB; decoded headers count), and
    // how many fields one header list may have, before the guard sees it.
    maxSessionMemory: 4,
    maxHeaderListPairs: 64,
  });
  const h2Guard = guardHttp2(h2c, app, {
    maxHeaderListBytes: MAX_HEADER_BYTES,
    requestTimeoutMs: limits.requestTimeoutMs,
    idleTimeoutMs: limits.idleTimeoutMs,
    closeGraceMs: options.shutdownGraceMs ?? 5_000,
    maxStreamsPerClient: limits.http2MaxStreamsPerClient,
    maxSessionsPerClient: limits.http2MaxSessionsPerClient,
  });
  h2c.on('request', h2Guard.handler);
  metrics.watchHttp2(h2Guard.open);
  const tcp = createDualProtocolServer({http1, http2: h2c, maxConnectionsPerClient: limits.maxConnectionsPerClient});
  tcp.maxConnections = limits.maxConnections;
  tcp.on('error', (error) => logger.error('server error', error));

  const sockets = new Set<Socket>();
  tcp.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  h2c.on('session', (session) => {
    if (closing) {
      // A connection accepted just before close() became a session after
      // close() looked for sessions; let it read the calls already sent
      // on it, then close it like the others.
      setImmediate(() => session.close());
    }
  });
  http1.on('request', (_req, res: http.ServerResponse) => {
    // A keep-alive connection whose last call ends during shutdown is idle
    // only after this response; close it then instead of at the deadline.
    res.once('finish', () => closing && setImmediate(() => http1.closeIdleConnections()));
  });

  try {
    await listen(tcp, options.port ?? 0, host);
  } catch (error) {
    stopUpstream();
    throw error;
  }
  // http.Server tracks its connections (closeIdleConnections, header and
  // request timeouts) only once it has emitted 'listening'; it never listens
  // itself here, the TCP server hands it sockets.
  http1.emit('listening');
  const port = (tcp.address() as AddressInfo).port;

  async function close(): Promise<void> {
    closing = true;
    try {
      await drain();
    } finally {
      stopUpstream();
    }
  }

  /** Stops accepting, lets in-flight calls finish within the grace period, then cuts the rest. */
  async function drain(): Promise<void> {
    // Open event streams never end by themselves.
    gatewayStreams.close();
    roomStreams.close();
    const drained = new Promise<void>((resolve) => tcp.close(() => resolve()));
    http1.close();
    h2Guard.closeAll();
    if (await settlesWithin(drained, options.shutdownGraceMs ?? 5_000)) {
      return;
    }
    // Calls still running (long injected latency, say) now end with
    // UNAVAILABLE; give those answers a moment to get out, then cut.
    shutdown.abort(new ConnectError('the server is shutting down', Code.Unavailable));
    if (!(await settlesWithin(drained, 1_000))) {
      for (const socket of sockets) {
        socket.destroy();
      }
      await drained;
    }
  }
  let closed: Promise<void> | undefined;
  const url = displayUrl(host, port);
  return {
    url,
    port,
    facilitatorKey,
    ...(generatedAdminApiKey === undefined || options.backend || upstream ? {} : {generatedAdminApiKey}),
    close: () => (closed ??= close()),
  };
}

/** Probes the upstream Router for /readyz, and reports each change in the log and metrics. */
function monitorUpstream(
  upstream: UpstreamRouter,
  config: UpstreamConfig,
  logger: Logger,
  metrics: Metrics,
): ReadinessMonitor {
  return monitorReadiness({
    probe: () => probeUpstream(upstream.transport, Math.min(config.timeoutMs, 2_000)),
    intervalMs: config.probeIntervalMs,
    onChange: (readiness) => {
      metrics.upstreamReachable(readiness.ready);
      if (readiness.ready) {
        logger.info(readiness.detail, {upstream: config.url});
      } else {
        logger.warn(readiness.detail, {upstream: config.url, cause: readiness.cause});
      }
    },
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(new Error(`cannot listen on ${host}:${port}: ${error.message}`));
    server.once('error', onError);
    // A room's laptops open their connections together (200 × six at a Run, more after a
    // restart): Node's default queue of 511 overflowed, and each dropped SYN cost its call
    // a 1 s retransmit (bench:room: 2 857 → 443 calls past the 2 s deadline).
    server.listen({port, host, backlog: 4096}, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether only this machine can reach an address: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::ffff:127.0.0.1';
}

function displayUrl(host: string, port: number): string {
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  const name = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}
