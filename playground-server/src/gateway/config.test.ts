import {describe, expect, it} from 'vitest';
import {DEFAULT_GATEWAY_CONFIG, gatewayConfigFromEnv} from './config.js';

describe('gatewayConfigFromEnv', () => {
  it("has c-gateway's defaults", () => {
    expect(gatewayConfigFromEnv({})).toEqual(DEFAULT_GATEWAY_CONFIG);
    expect(DEFAULT_GATEWAY_CONFIG.rateLimit).toEqual({decide: 50, messages: 100, windowSeconds: 60});
    expect(DEFAULT_GATEWAY_CONFIG.routerTimeoutMs).toBe(5_000);
  });

  it("reads c-gateway's variable names", () => {
    const config = gatewayConfigFromEnv({
      GATEWAY_AUTH_REQUIRED: 'yes',
      GATEWAY_RATE_LIMIT_ROUTES_DECIDE_LIMIT: '5',
      GATEWAY_RATE_LIMIT_MESSAGES: '7',
      GATEWAY_RATE_LIMIT_TTL_SECONDS: '2',
      ROUTER_REQUEST_TIMEOUT_MS: '250',
      GATEWAY_SSE_KEEPALIVE_SECONDS: '3',
      C_GATEWAY_URL: 'http://c-gateway:8080/',
    });
    expect(config).toEqual({
      authRequired: true,
      rateLimit: {decide: 5, messages: 7, windowSeconds: 2},
      routerTimeoutMs: 250,
      upstreamUrl: 'http://c-gateway:8080',
      sseKeepAliveMs: 3_000,
      maxStreams: DEFAULT_GATEWAY_CONFIG.maxStreams,
      maxStreamsPerClient: DEFAULT_GATEWAY_CONFIG.maxStreamsPerClient,
    });
    expect(gatewayConfigFromEnv({GATEWAY_AUTH_REQUIRED: 'false'}).authRequired).toBe(false);
    expect(gatewayConfigFromEnv({GATEWAY_AUTH_REQUIRED: ' '}).authRequired).toBe(false);
  });

  it('names the variable that is wrong', () => {
    expect(() => gatewayConfigFromEnv({GATEWAY_AUTH_REQUIRED: 'maybe'})).toThrow(
      /GATEWAY_AUTH_REQUIRED must be true or false/,
    );
    expect(() => gatewayConfigFromEnv({GATEWAY_RATE_LIMIT_ROUTES_DECIDE_LIMIT: '0'})).toThrow(
      /GATEWAY_RATE_LIMIT_ROUTES_DECIDE_LIMIT must be an integer between 1 and/,
    );
    expect(() => gatewayConfigFromEnv({GATEWAY_RATE_LIMIT_TTL_SECONDS: '1.5'})).toThrow(
      /GATEWAY_RATE_LIMIT_TTL_SECONDS/,
    );
    expect(() => gatewayConfigFromEnv({C_GATEWAY_URL: 'c-gateway:8080'})).toThrow(/C_GATEWAY_URL must be an http/);
    expect(() => gatewayConfigFromEnv({C_GATEWAY_URL: 'ftp://c-gateway'})).toThrow(/C_GATEWAY_URL/);
    expect(() => gatewayConfigFromEnv({C_GATEWAY_URL: 'http://c-gateway?x=1'})).toThrow(/without query/);
  });
});
