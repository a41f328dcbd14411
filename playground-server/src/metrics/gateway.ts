import {Counter, Gauge, Histogram, type Registry} from 'prom-client';
import {boundedLabel, HTTP_METHODS} from './labels.js';

/** The facade's figures, named after c-gateway's own (`gateway_*`), in the server's registry. */
export interface GatewayMetrics {
  /** A request has ended with `status`; `route` is the endpoint pattern, never the raw path. */
  requestEnded(method: string, route: string, status: number, durationMs: number): void;
  rateLimit(allowed: boolean): void;
  streamsOpen(count: number): void;
  upstreamFailed(): void;
}

export function createGatewayMetrics(registry: Registry): GatewayMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'Requests answered by the c-gateway facade, by method, route and HTTP status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time to answer a c-gateway facade request (time to the headers for the SSE stream).',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const rateLimitHits = new Counter({
    name: 'gateway_rate_limit_hits_total',
    help: "Requests the facade's per-tenant fixed-window limit refused (429).",
    registers,
  });
  const rateLimitAllowed = new Counter({
    name: 'gateway_rate_limit_allowed_total',
    help: "Requests the facade's per-tenant fixed-window limit let through.",
    registers,
  });
  const streams = new Gauge({
    name: 'gateway_sse_streams',
    help: 'Open /api/v1/messages/stream connections.',
    registers,
  });
  const upstreamFailures = new Counter({
    name: 'gateway_upstream_failures_total',
    help: 'Requests the facade could not pass to the real c-gateway (C_GATEWAY_URL).',
    registers,
  });
  return {
    requestEnded(method, route, status, durationMs) {
      requests.labels(boundedLabel(method, HTTP_METHODS), route, String(status)).inc();
      duration.labels(route).observe(durationMs / 1000);
    },
    rateLimit: (allowed) => (allowed ? rateLimitAllowed : rateLimitHits).inc(),
    streamsOpen: (count) => streams.set(count),
    upstreamFailed: () => upstreamFailures.inc(),
  };
}
