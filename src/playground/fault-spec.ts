/**
 * The playground-server's per-request fault header, `x-beamline-fault`
 * (grammar in playground-server/README.md): what every fault dial on the
 * site — playgrounds, HTTP console, request builder — turns into a header.
 */
export const faultHeader = 'x-beamline-fault';

export interface FaultSettings {
  /** Share of calls that fail, 0..1. */
  error: number;
  /** The status the failing calls get, Connect's snake_case name. */
  code: string;
  /** Added to every call, in ms. */
  latencyMs: number;
  /** A further random 0..jitterMs, in ms. */
  jitterMs: number;
  /** Server-side limit per second for this reader's session; 0 = none. */
  ratePerSecond: number;
}

export const noFaults: FaultSettings = {error: 0, code: 'unavailable', latencyMs: 0, jitterMs: 0, ratePerSecond: 0};

/** Codes a reader can inject (the HTTP facade maps them to statuses). */
export const faultCodes: readonly string[] = [
  'unavailable',
  'resource_exhausted',
  'deadline_exceeded',
  'internal',
  'not_found',
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
];

/** The server refuses longer latency or jitter. */
const maxDelayMs = 10_000;
const delay = (ms: number) => Math.min(maxDelayMs, Math.round(ms));

/**
 * `error=0.3;code=unavailable;latency=200ms`, bounded to what the server
 * accepts and rounded to stay readable, or undefined when nothing is injected.
 */
export function faultSpec(settings: FaultSettings): string | undefined {
  const parts: string[] = [];
  if (settings.error > 0)
    parts.push(`error=${Number(Math.min(1, settings.error).toFixed(2))}`, `code=${settings.code}`);
  if (settings.latencyMs > 0) parts.push(`latency=${delay(settings.latencyMs)}ms`);
  if (settings.jitterMs > 0) parts.push(`jitter=${delay(settings.jitterMs)}ms`);
  if (settings.ratePerSecond > 0) parts.push(`ratelimit=${Math.round(settings.ratePerSecond)}/s`);
  return parts.length ? parts.join(';') : undefined;
}

/** Request headers with the dial's fault header in place of any the reader typed. */
export function withFaultHeader(headers: Array<[string, string]>, spec: string | undefined): Array<[string, string]> {
  if (!spec) return headers;
  return [...headers.filter(([name]) => name.toLowerCase() !== faultHeader), [faultHeader, spec]];
}
