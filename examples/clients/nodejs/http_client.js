// Calls the Beamline Router over HTTP through c-gateway with axios:
// a keep-alive instance, interceptors for headers and timing, and retries
// that honour Retry-After.
//
//   BEAMLINE_HTTP_URL  c-gateway (default http://localhost:3000, the playground-server's copy of it)
//   BEAMLINE_TENANT    tenant to route for (default demo)
//   BEAMLINE_TOKEN     sent as "Authorization: Bearer …" when set (gateways with GATEWAY_AUTH_REQUIRED=true)
//   BEAMLINE_FAULT     optional x-beamline-fault header, for the playground only (e.g. "error=1;code=unavailable")
//   BEAMLINE_SESSION   optional x-beamline-session header (the playground's "ratelimit=N/s" fault needs one)
//
// Run: node http_client.js. Exit status 0 with a decision, 1 without.
// @ts-check
import {randomUUID} from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import {setTimeout as sleep} from 'node:timers/promises';
import axios, {AxiosError} from 'axios';

/** @typedef {import("./gateway.d.ts").DecideRequest} DecideRequest */
/** @typedef {import("./gateway.d.ts").DecideSuccess} DecideSuccess */
/** @typedef {import("./gateway.d.ts").GatewayFailure} GatewayFailure */
/** @typedef {import("axios").InternalAxiosRequestConfig & { attempt?: number, startedAt?: number }} RetryConfig */

const tenant = process.env.BEAMLINE_TENANT ?? 'demo';
const MAX_ATTEMPTS = 4;
/** Never wait longer than this for one retry, whatever Retry-After says. */
const MAX_DELAY_MS = 5_000;

// One instance for the process; keep-alive agents reuse connections instead
// of paying a TCP (and TLS) handshake per decision.
const gateway = axios.create({
  baseURL: process.env.BEAMLINE_HTTP_URL ?? 'http://localhost:3000',
  timeout: 5_000, // per attempt: a stuck gateway must not hang the caller
  httpAgent: new http.Agent({keepAlive: true, maxSockets: 16}),
  httpsAgent: new https.Agent({keepAlive: true, maxSockets: 16}),
  headers: {
    'Content-Type': 'application/json',
    'X-Tenant-ID': tenant,
    ...(process.env.BEAMLINE_TOKEN ? {Authorization: `Bearer ${process.env.BEAMLINE_TOKEN}`} : {}),
    ...(process.env.BEAMLINE_FAULT ? {'x-beamline-fault': process.env.BEAMLINE_FAULT} : {}),
    ...(process.env.BEAMLINE_SESSION ? {'x-beamline-session': process.env.BEAMLINE_SESSION} : {}),
  },
});

// Request interceptor: count attempts and time each one.
gateway.interceptors.request.use((request) => {
  const config = /** @type {RetryConfig} */ (request);
  config.attempt = (config.attempt ?? 0) + 1;
  config.startedAt = performance.now();
  return config;
});

// Response interceptor: retry 429, 503 and network errors — the failures a
// retry can fix. Wait what Retry-After says when the gateway sends it (its
// 429 says exactly when the window resets), else back off exponentially with
// full jitter. A 4xx other than 429 fails the same way every time: no retry.
gateway.interceptors.response.use(undefined, async (error) => {
  if (!(error instanceof AxiosError) || !error.config) {
    throw error;
  }
  const config = /** @type {RetryConfig} */ (error.config);
  const status = error.response?.status;
  const retryable = status === undefined ? error.code !== AxiosError.ERR_CANCELED : status === 429 || status === 503;
  const attempt = config.attempt ?? 1;
  if (!retryable || attempt >= MAX_ATTEMPTS) {
    throw error;
  }
  const retryAfterMs = Number(error.response?.headers['retry-after']) * 1000;
  const backoffMs = Math.random() * Math.min(2_000, 100 * 2 ** (attempt - 1));
  const delayMs = retryAfterMs >= 0 ? retryAfterMs : backoffMs;
  if (delayMs > MAX_DELAY_MS) {
    // Waiting that long is the caller's decision, not a client library's.
    throw error;
  }
  const took = Math.round(performance.now() - (config.startedAt ?? 0));
  console.log(`attempt ${attempt}: ${status ?? error.code} after ${took} ms; retrying in ${Math.round(delayMs)} ms`);
  await sleep(delayMs);
  return gateway.request(config);
});

/** @type {DecideRequest} */
const body = {
  version: '1',
  tenant_id: tenant,
  // Fresh per request, the same on every retry of it (the interceptor resends this config).
  request_id: `req-${randomUUID()}`,
  task: {type: 'chat', payload: {text: 'hello'}},
  context: {tier: 'standard'},
};

try {
  const response = await gateway.post('/api/v1/routes/decide', body, {
    headers: {'X-Trace-ID': randomUUID().replaceAll('-', '')},
  });
  const {decision} = /** @type {DecideSuccess} */ (response.data);
  console.log(
    `decision provider=${decision.provider_id} priority=${decision.priority} reason=${decision.reason} ` +
      `expected_latency_ms=${decision.expected_latency_ms}`,
  );
} catch (error) {
  if (error instanceof AxiosError && error.response) {
    const {error: failure} = /** @type {GatewayFailure} */ (error.response.data);
    console.log(`failed: HTTP ${error.response.status} ${failure.code}: ${failure.message}`);
  } else {
    console.log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 1;
}
