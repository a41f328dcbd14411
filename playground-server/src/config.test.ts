import {describe, expect, it} from 'vitest';
import {configFromEnv, DEFAULT_LIMITS} from './config.js';

describe('configFromEnv', () => {
  it('has defaults for everything', () => {
    expect(configFromEnv({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      corsOrigins: [],
      limits: DEFAULT_LIMITS,
      shutdownGraceMs: 5000,
      logFormat: 'text',
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    expect(
      configFromEnv({
        PORT: '8080',
        HOST: '127.0.0.1',
        STATIC_DIR: 'build',
        ADMIN_API_KEY: 's3cret',
        CORS_ORIGINS: 'http://localhost:3001, http://127.0.0.1:3001,',
      }),
    ).toEqual({
      port: 8080,
      host: '127.0.0.1',
      staticDir: 'build',
      adminApiKey: 's3cret',
      corsOrigins: ['http://localhost:3001', 'http://127.0.0.1:3001'],
      limits: DEFAULT_LIMITS,
      shutdownGraceMs: 5000,
      logFormat: 'text',
      logLevel: 'info',
    });
  });

  it('passes Connect binary calls through to ROUTER_URL unless UPSTREAM_PASS_THROUGH is false', () => {
    expect(configFromEnv({ROUTER_URL: 'http://router:9000'}).upstream?.passThrough).toBe(true);
    expect(configFromEnv({ROUTER_URL: 'http://router:9000', UPSTREAM_PASS_THROUGH: '0'}).upstream?.passThrough).toBe(
      false,
    );
  });

  it('reads the upstream, limits and logging settings', () => {
    const config = configFromEnv({
      ROUTER_URL: 'http://router:9000/',
      UPSTREAM_TIMEOUT_MS: '2500',
      UPSTREAM_PING_INTERVAL_MS: '3000',
      UPSTREAM_PROBE_INTERVAL_MS: '1000',
      UPSTREAM_PASS_THROUGH: 'false',
      MAX_BODY_BYTES: '65536',
      RATE_LIMIT_PER_SECOND: '0',
      RATE_LIMIT_BURST: '10',
      TRUST_PROXY: 'true',
      HTTP2_MAX_CONCURRENT_STREAMS: '50',
      IDLE_TIMEOUT_MS: '30000',
      REQUEST_TIMEOUT_MS: '20000',
      MAX_CONNECTIONS_PER_CLIENT: '300',
      MAX_CONNECTIONS: '900',
      HTTP2_MAX_SESSIONS_PER_CLIENT: '8',
      HTTP2_MAX_STREAMS_PER_CLIENT: '80',
      MAX_HELD_CALLS: '40',
      SHUTDOWN_GRACE_MS: '1000',
      LOG_FORMAT: 'JSON',
      LOG_LEVEL: 'debug',
    });
    expect(config.upstream).toEqual({
      url: 'http://router:9000',
      timeoutMs: 2500,
      pingIntervalMs: 3000,
      probeIntervalMs: 1000,
      passThrough: false,
    });
    expect(config.limits).toEqual({
      maxBodyBytes: 65536,
      rateLimitPerSecond: 0,
      rateLimitBurst: 10,
      trustProxy: true,
      http2MaxConcurrentStreams: 50,
      idleTimeoutMs: 30000,
      requestTimeoutMs: 20000,
      maxConnectionsPerClient: 300,
      maxConnections: 900,
      http2MaxSessionsPerClient: 8,
      http2MaxStreamsPerClient: 80,
      maxHeldCalls: 40,
    });
    expect(config.shutdownGraceMs).toBe(1000);
    expect(config.logFormat).toBe('json');
    expect(config.logLevel).toBe('debug');
  });

  it('logs JSON by default in production', () => {
    expect(configFromEnv({NODE_ENV: 'production'}).logFormat).toBe('json');
  });

  it.each([
    [{ROUTER_URL: 'router:9000'}, 'ROUTER_URL must start with http:// (h2c) or https://'],
    [{ROUTER_URL: 'not a url'}, 'ROUTER_URL must be a URL such as http://router:9000'],
    [{RATE_LIMIT_BURST: '0'}, 'RATE_LIMIT_BURST must be an integer between 1 and 10000000'],
    [{TRUST_PROXY: 'yes'}, 'TRUST_PROXY must be true or false, got "yes"'],
    [{LOG_LEVEL: 'loud'}, 'LOG_LEVEL must be one of debug, info, warn, error, got "loud"'],
  ])('rejects %j', (env, message) => {
    expect(() => configFromEnv(env)).toThrow(message);
  });

  it('treats empty values as unset', () => {
    expect(configFromEnv({PORT: '', STATIC_DIR: ' ', ADMIN_API_KEY: ''})).toEqual(configFromEnv({}));
  });

  it('accepts port 0 (any free port)', () => {
    expect(configFromEnv({PORT: '0'}).port).toBe(0);
  });

  it.each(['abc', '-1', '65536', '80.5', '3e3'])('rejects PORT=%s', (port) => {
    expect(() => configFromEnv({PORT: port})).toThrow(
      `PORT must be an integer between 0 and 65535, got ${JSON.stringify(port)}`,
    );
  });
});
