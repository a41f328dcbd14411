import {LOG_LEVELS, type LogFormat, type LogLevel} from './logger.js';

/** Defaults of the settings read from the environment. */
const DEFAULT_PORT = 3000;
/** All interfaces, so a workshop laptop or a container can be reached; HOST=127.0.0.1 keeps it private. */
const DEFAULT_HOST = '0.0.0.0';
/**
 * The admin key of a server that listens on loopback only, known to every
 * reader on purpose: the request builder fills it in, the policies live in
 * memory, and each reader's admin calls change only their own session's.
 * A server reachable from a LAN makes a random key at start instead (see
 * startServer), unless ADMIN_API_KEY names one.
 */
export const DEFAULT_ADMIN_API_KEY = 'playground-admin-key';

/** Largest request header list, HTTP/1.1 or HTTP/2 (decoded), answered 431 beyond. */
export const MAX_HEADER_BYTES = 16 * 1024;

/** Every tunable limit, with the defaults startServer also uses. */
export interface Limits {
  /** Largest request message; bigger ones get RESOURCE_EXHAUSTED before they are decoded. */
  readonly maxBodyBytes: number;
  /** Per client address: sustained requests per second (0: no limit) … */
  readonly rateLimitPerSecond: number;
  /** … and how many may come at once. */
  readonly rateLimitBurst: number;
  /** Key the rate limit by the X-Forwarded-For address the reverse proxy appended (its last). */
  readonly trustProxy: boolean;
  /** Streams one HTTP/2 connection may have open at once. */
  readonly http2MaxConcurrentStreams: number;
  /** An idle keep-alive connection (HTTP/1.1) or HTTP/2 session is closed after this. */
  readonly idleTimeoutMs: number;
  /** A request (headers and body; an HTTP/2 stream's request half) must have arrived by then. */
  readonly requestTimeoutMs: number;
  /** TCP connections one client address may have open; a room behind one NAT shares it. */
  readonly maxConnectionsPerClient: number;
  /** TCP connections open at once, all clients together. */
  readonly maxConnections: number;
  /** HTTP/2 sessions one client address may have open. */
  readonly http2MaxSessionsPerClient: number;
  /** Open HTTP/2 streams one client address may have across its sessions. */
  readonly http2MaxStreamsPerClient: number;
  /** Calls held in injected latency (faults latency/jitter/tail) at once, all clients; more are refused. */
  readonly maxHeldCalls: number;
}

/**
 * Generous on purpose: a workshop of 200 behind one NAT shares one address,
 * and the test suites call from one address too. 2000 at once covers
 * every attendee pressing Run together; 500/s sustained is far above what
 * the lessons make (a retry loop calls a few times a second) and still
 * stops a runaway loop from taking the whole server.
 */
export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 1024 * 1024,
  rateLimitPerSecond: 500,
  rateLimitBurst: 2000,
  trustProxy: false,
  http2MaxConcurrentStreams: 100,
  // Longer than the 60 s idle timeout of common load balancers, so the
  // balancer, not this server, closes an idle connection: otherwise a
  // request can race the close and fail.
  idleTimeoutMs: 65_000,
  requestTimeoutMs: 60_000,
  // 200 browsers behind one NAT keep up to 6 HTTP/1.1 connections each.
  maxConnectionsPerClient: 2_000,
  maxConnections: 8_000,
  // HTTP/2 is for gRPC clients (the examples, grpcurl), not browsers: a room's
  // worth of them, each with a few calls at once. Bounds what one address can
  // make the server hold: 1 000 streams × 16 KiB of headers.
  http2MaxSessionsPerClient: 256,
  http2MaxStreamsPerClient: 1_000,
  // A room of 200 each with a few slowed calls in flight, with room to spare.
  maxHeldCalls: 2_000,
};

/** Where Router calls go when ROUTER_URL is set. */
export interface UpstreamConfig {
  readonly url: string;
  readonly timeoutMs: number;
  readonly pingIntervalMs: number;
  readonly probeIntervalMs: number;
  /**
   * Connect and gRPC binary calls forwarded as received, without decoding
   * them (rpc/pass-through.ts, rpc/grpc-handler.ts); default true. False
   * sends every call through connect-es: to compare the two, or to rule
   * the shortcut out.
   */
  readonly passThrough?: boolean;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  /** A built site to serve next to the API, e.g. Docusaurus's build/. */
  readonly staticDir?: string;
  /** ADMIN_API_KEY; when unset, startServer picks by the address it listens on. */
  readonly adminApiKey?: string;
  /** Origins allowed to call cross-origin; "*" for any. */
  readonly corsOrigins: readonly string[];
  /** Forward Router calls here instead of answering with the embedded Router. */
  readonly upstream?: UpstreamConfig;
  readonly limits: Limits;
  /** On SIGTERM, how long in-flight calls may take to finish. */
  readonly shutdownGraceMs: number;
  readonly logFormat: LogFormat;
  readonly logLevel: LogLevel;
  /** The workshop facilitator's secret; generated at start when unset. */
  readonly facilitatorKey?: string;
}

/**
 * Reads the settings from the environment (see the README's table).
 * Empty values count as unset. Throws with a message naming the variable.
 */
export function configFromEnv(env: NodeJS.ProcessEnv): Config {
  const value = (name: string) => env[name]?.trim() || undefined;
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const text = value(name);
    const parsed = text === undefined ? fallback : Number(text);
    if (!/^\d+$/.test(text ?? '0') || parsed < min || parsed > max) {
      throw new Error(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(text)}`);
    }
    return parsed;
  };
  const flag = (name: string): boolean => {
    const text = value(name)?.toLowerCase();
    if (text !== undefined && !['true', 'false', '1', '0'].includes(text)) {
      throw new Error(`${name} must be true or false, got ${JSON.stringify(text)}`);
    }
    return text === 'true' || text === '1';
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const text = value(name)?.toLowerCase();
    if (text !== undefined && !allowed.includes(text as T)) {
      throw new Error(`${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
    }
    return (text as T | undefined) ?? fallback;
  };

  const staticDir = value('STATIC_DIR');
  const adminApiKey = value('ADMIN_API_KEY');
  const facilitatorKey = value('FACILITATOR_KEY');
  if (facilitatorKey !== undefined && !/^[A-Za-z0-9_-]{8,128}$/.test(facilitatorKey)) {
    throw new Error('FACILITATOR_KEY must be 8-128 letters, digits, "-" or "_" (it goes into a URL)');
  }
  const routerUrl = value('ROUTER_URL');
  const hour = 3_600_000;
  const limits: Limits = {
    maxBodyBytes: integer('MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes, 1024, 64 * 1024 * 1024),
    rateLimitPerSecond: integer('RATE_LIMIT_PER_SECOND', DEFAULT_LIMITS.rateLimitPerSecond, 0, 1_000_000),
    rateLimitBurst: integer('RATE_LIMIT_BURST', DEFAULT_LIMITS.rateLimitBurst, 1, 10_000_000),
    trustProxy: flag('TRUST_PROXY'),
    http2MaxConcurrentStreams: integer(
      'HTTP2_MAX_CONCURRENT_STREAMS',
      DEFAULT_LIMITS.http2MaxConcurrentStreams,
      1,
      10_000,
    ),
    idleTimeoutMs: integer('IDLE_TIMEOUT_MS', DEFAULT_LIMITS.idleTimeoutMs, 1_000, hour),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', DEFAULT_LIMITS.requestTimeoutMs, 1_000, hour),
    maxConnectionsPerClient: integer(
      'MAX_CONNECTIONS_PER_CLIENT',
      DEFAULT_LIMITS.maxConnectionsPerClient,
      1,
      1_000_000,
    ),
    maxConnections: integer('MAX_CONNECTIONS', DEFAULT_LIMITS.maxConnections, 1, 1_000_000),
    http2MaxSessionsPerClient: integer(
      'HTTP2_MAX_SESSIONS_PER_CLIENT',
      DEFAULT_LIMITS.http2MaxSessionsPerClient,
      1,
      1_000_000,
    ),
    http2MaxStreamsPerClient: integer(
      'HTTP2_MAX_STREAMS_PER_CLIENT',
      DEFAULT_LIMITS.http2MaxStreamsPerClient,
      1,
      10_000_000,
    ),
    maxHeldCalls: integer('MAX_HELD_CALLS', DEFAULT_LIMITS.maxHeldCalls, 1, 1_000_000),
  };
  return {
    port: integer('PORT', DEFAULT_PORT, 0, 65_535),
    host: value('HOST') ?? DEFAULT_HOST,
    ...(staticDir === undefined ? {} : {staticDir}),
    ...(adminApiKey === undefined ? {} : {adminApiKey}),
    corsOrigins: (value('CORS_ORIGINS') ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    ...(routerUrl === undefined
      ? {}
      : {
          upstream: {
            url: httpUrl('ROUTER_URL', routerUrl),
            timeoutMs: integer('UPSTREAM_TIMEOUT_MS', 5_000, 1, hour),
            pingIntervalMs: integer('UPSTREAM_PING_INTERVAL_MS', 10_000, 1_000, hour),
            probeIntervalMs: integer('UPSTREAM_PROBE_INTERVAL_MS', 5_000, 100, hour),
            passThrough: value('UPSTREAM_PASS_THROUGH') === undefined || flag('UPSTREAM_PASS_THROUGH'),
          },
        }),
    limits,
    shutdownGraceMs: integer('SHUTDOWN_GRACE_MS', 5_000, 0, 10 * 60_000),
    // A log collector wants JSON; a person at a terminal wants text.
    logFormat: oneOf<LogFormat>('LOG_FORMAT', ['json', 'text'], value('NODE_ENV') === 'production' ? 'json' : 'text'),
    logLevel: oneOf<LogLevel>('LOG_LEVEL', LOG_LEVELS, 'info'),
    ...(facilitatorKey === undefined ? {} : {facilitatorKey}),
  };
}

function httpUrl(name: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} must be a URL such as http://router:9000, got ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must start with http:// (h2c) or https://, got ${JSON.stringify(text)}`);
  }
  return text.replace(/\/+$/, '');
}
