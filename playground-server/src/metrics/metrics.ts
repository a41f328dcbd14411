import type {Code} from '@connectrpc/connect';
import {collectDefaultMetrics, Counter, Gauge, Histogram, Registry} from 'prom-client';
import type {RpcCall, RpcCompletion} from '../rpc/adapter.js';
import {createGatewayMetrics, type GatewayMetrics} from './gateway.js';
import {boundedLabel, codeLabel, FAULT_KINDS} from './labels.js';
import {RecentKeys} from './recent-keys.js';

/** A session counts as active while it has called within this window. */
const ACTIVE_SESSION_WINDOW_MS = 60_000;

/** From a cached answer (sub-millisecond) to the longest injected latency (10 s). */
const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Everything the server reports to Prometheus. One registry per server
 * (not prom-client's global one), so several servers in one test process
 * keep their figures apart.
 */
export interface Metrics {
  readonly registry: Registry;
  /** The c-gateway facade's figures (`gateway_*`), in the same registry. */
  readonly gateway: GatewayMetrics;
  /** An RPC has begun; call the returned function when it has ended. */
  rpcStarted(call: RpcCall): (completion: RpcCompletion) => void;
  /** `kind`: latency, ratelimit, or the injected code (unavailable, …). */
  faultInjected(kind: string): void;
  /** A call to the upstream Router failed, whoever's fault it was. */
  upstreamFailed(method: string, code: Code): void;
  upstreamReachable(up: boolean): void;
  /** The server's own per-client limit refused a request. */
  rateLimited(): void;
  sessionSeen(session: string): void;
  /** Where the open HTTP/2 sessions and streams are counted (read at each scrape). */
  watchHttp2(open: () => {readonly sessions: number; readonly streams: number}): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const now = () => performance.now();
  collectDefaultMetrics({register: registry});
  const registers = [registry];
  const requests = new Counter({
    name: 'playground_rpc_requests_total',
    help: 'RPCs answered, by service, method, final code (ok or the error code) and protocol.',
    labelNames: ['service', 'method', 'code', 'protocol'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'playground_rpc_duration_seconds',
    help: "Time from the request's arrival to the end of its answer, injected latency included.",
    labelNames: ['service', 'method', 'protocol'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers,
  });
  // Whether a caller passes its deadline on can only be told from here: a
  // call it cuts client-side at that deadline ends as CANCELED or as
  // DEADLINE_EXCEEDED, whichever reaches the server first.
  const withDeadline = new Counter({
    name: 'playground_rpc_with_deadline_total',
    help: 'RPCs whose caller set a deadline (connect-timeout-ms or grpc-timeout), by service and method.',
    labelNames: ['service', 'method'] as const,
    registers,
  });
  const inFlight = new Gauge({
    name: 'playground_rpc_in_flight',
    help: 'RPCs being answered right now.',
    labelNames: ['service', 'method'] as const,
    registers,
  });
  const faults = new Counter({
    name: 'playground_faults_injected_total',
    help: 'Faults injected on request (x-beamline-fault), by kind: latency, ratelimit or the injected code.',
    labelNames: ['kind'] as const,
    registers,
  });
  const upstreamErrors = new Counter({
    name: 'playground_upstream_errors_total',
    help: 'Calls to the upstream Router (ROUTER_URL) that failed, by method and code.',
    labelNames: ['method', 'code'] as const,
    registers,
  });
  const upstreamUp = new Gauge({
    name: 'playground_upstream_up',
    help: '1 when the last readiness probe of the upstream Router got an answer, else 0.',
    registers,
  });
  const rateLimited = new Counter({
    name: 'playground_rate_limited_total',
    help: "Requests refused by the server's own per-client rate limit (RATE_LIMIT_*).",
    registers,
  });
  const sessions = new RecentKeys(ACTIVE_SESSION_WINDOW_MS, now);
  new Gauge({
    name: 'playground_active_sessions',
    help: 'Playground sessions (x-beamline-session) that called within the last minute: the runs going on.',
    registers,
    collect() {
      this.set(sessions.count());
    },
  });

  let http2Open = () => ({sessions: 0, streams: 0});
  new Gauge({
    name: 'playground_http2_sessions_open',
    help: 'HTTP/2 (h2c) connections open now.',
    registers,
    collect() {
      this.set(http2Open().sessions);
    },
  });
  new Gauge({
    name: 'playground_http2_streams_open',
    help: 'HTTP/2 streams (calls) the server holds now, answered or not.',
    registers,
    collect() {
      this.set(http2Open().streams);
    },
  });

  return {
    registry,
    gateway: createGatewayMetrics(registry),
    watchHttp2: (open) => {
      http2Open = open;
    },
    rpcStarted(call) {
      const running = inFlight.labels(call.service, call.method);
      running.inc();
      if (call.deadline) {
        withDeadline.labels(call.service, call.method).inc();
      }
      return (completion) => {
        running.dec();
        const code = codeLabel(completion.code);
        requests.labels(completion.service, completion.method, code, completion.protocol).inc();
        duration
          .labels(completion.service, completion.method, completion.protocol)
          .observe(completion.durationMs / 1000);
      };
    },
    faultInjected: (kind) => faults.labels(boundedLabel(kind, FAULT_KINDS)).inc(),
    upstreamFailed: (method, code) => upstreamErrors.labels(method, codeLabel(code)).inc(),
    upstreamReachable: (up) => upstreamUp.set(up ? 1 : 0),
    rateLimited: () => rateLimited.inc(),
    sessionSeen: (session) => sessions.touch(session),
  };
}
