/**
 * Settings of the c-gateway-shaped facade. The names are c-gateway's own
 * (`GATEWAY_*`, `ROUTER_REQUEST_TIMEOUT_MS`), with c-gateway's defaults, so
 * one environment file configures the facade and the real gateway alike.
 */
export interface GatewayConfig {
  /** GATEWAY_AUTH_REQUIRED: POSTs must carry an `Authorization` header (any value, as in c-gateway). */
  readonly authRequired: boolean;
  readonly rateLimit: GatewayRateLimits;
  /** ROUTER_REQUEST_TIMEOUT_MS: how long a decision may take before the answer is 503 `unavailable`. */
  readonly routerTimeoutMs: number;
  /** C_GATEWAY_URL: forward every gateway request to this real c-gateway instead of answering. */
  readonly upstreamUrl?: string;
  /** GATEWAY_SSE_KEEPALIVE_SECONDS (ours): a comment line this often keeps idle streams open through proxies. */
  readonly sseKeepAliveMs: number;
  /** Open SSE streams at once, all tenants together; the next one is told `:pool_full`. */
  readonly maxStreams: number;
  /**
   * Open SSE streams one client address may hold (ours; c-gateway has no such
   * cap): a quarter of the pool by default, room for a workshop behind one NAT
   * address (one stream per reader) without letting one address take it all.
   */
  readonly maxStreamsPerClient: number;
}

/** Fixed windows per tenant and endpoint, as c-gateway's in-memory limiter counts them. */
export interface GatewayRateLimits {
  /** GATEWAY_RATE_LIMIT_ROUTES_DECIDE_LIMIT: decisions per tenant per window. */
  readonly decide: number;
  /** GATEWAY_RATE_LIMIT_MESSAGES: /api/v1/messages calls per tenant per window. */
  readonly messages: number;
  /** GATEWAY_RATE_LIMIT_TTL_SECONDS: length of a window. */
  readonly windowSeconds: number;
}

export const DEFAULT_GATEWAY_CONFIG: GatewayConfig = {
  authRequired: false,
  rateLimit: {decide: 50, messages: 100, windowSeconds: 60},
  routerTimeoutMs: 5_000,
  sseKeepAliveMs: 15_000,
  maxStreams: 1_000,
  maxStreamsPerClient: 250,
};

/** Reads the facade's settings; empty values count as unset; a bad value throws naming its variable. */
export function gatewayConfigFromEnv(env: NodeJS.ProcessEnv): GatewayConfig {
  const value = (name: string) => env[name]?.trim() || undefined;
  const positive = (name: string, fallback: number, max: number): number => {
    const text = value(name);
    if (text === undefined) {
      return fallback;
    }
    const parsed = Number(text);
    if (!/^\d+$/.test(text) || parsed < 1 || parsed > max) {
      throw new Error(`${name} must be an integer between 1 and ${max}, got ${JSON.stringify(text)}`);
    }
    return parsed;
  };
  const authText = value('GATEWAY_AUTH_REQUIRED')?.toLowerCase();
  // c-gateway's env_to_bool: 1/true/yes and 0/false/no.
  if (authText !== undefined && !['1', 'true', 'yes', '0', 'false', 'no'].includes(authText)) {
    throw new Error(`GATEWAY_AUTH_REQUIRED must be true or false, got ${JSON.stringify(authText)}`);
  }
  const upstream = value('C_GATEWAY_URL');
  const defaults = DEFAULT_GATEWAY_CONFIG;
  return {
    authRequired: authText === '1' || authText === 'true' || authText === 'yes',
    rateLimit: {
      decide: positive('GATEWAY_RATE_LIMIT_ROUTES_DECIDE_LIMIT', defaults.rateLimit.decide, 1_000_000),
      messages: positive('GATEWAY_RATE_LIMIT_MESSAGES', defaults.rateLimit.messages, 1_000_000),
      windowSeconds: positive('GATEWAY_RATE_LIMIT_TTL_SECONDS', defaults.rateLimit.windowSeconds, 86_400),
    },
    routerTimeoutMs: positive('ROUTER_REQUEST_TIMEOUT_MS', defaults.routerTimeoutMs, 600_000),
    ...(upstream === undefined ? {} : {upstreamUrl: gatewayUrl(upstream)}),
    sseKeepAliveMs: positive('GATEWAY_SSE_KEEPALIVE_SECONDS', defaults.sseKeepAliveMs / 1000, 3_600) * 1000,
    maxStreams: defaults.maxStreams,
    maxStreamsPerClient: defaults.maxStreamsPerClient,
  };
}

function gatewayUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`C_GATEWAY_URL must be an http:// or https:// URL, got ${JSON.stringify(text)}`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    throw new Error(`C_GATEWAY_URL must be an http:// or https:// URL without query, got ${JSON.stringify(text)}`);
  }
  // Requests keep their own path: a base path on the gateway is kept without its trailing slash.
  return url.href.replace(/\/+$/, '');
}
