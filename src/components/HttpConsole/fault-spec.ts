/**
 * The playground-server's per-request fault header, `x-beamline-fault`
 * (see playground-server/README.md): what the fault dial turns into a header.
 */
export interface FaultSettings {
  /** Probability of an injected failure, 0..1. */
  error: number;
  /** Code of the injected failure, Connect's snake_case name. */
  code: string;
  /** Added latency in milliseconds (the server caps it at 10 s). */
  latencyMs: number;
}

export const faultHeader = 'x-beamline-fault';

export const noFault: FaultSettings = {error: 0, code: 'unavailable', latencyMs: 0};

/** Codes a reader can inject (Connect's names; the HTTP facade maps them to statuses). */
export const faultCodes: readonly string[] = [
  'unavailable',
  'resource_exhausted',
  'internal',
  'deadline_exceeded',
  'not_found',
  'invalid_argument',
  'unauthenticated',
  'permission_denied',
];

/** `error=0.3;code=unavailable;latency=200ms`, or `undefined` when the dial is at rest. */
export function faultSpec({error, code, latencyMs}: FaultSettings): string | undefined {
  const parts: string[] = [];
  if (error > 0) parts.push(`error=${Number(Math.min(1, error).toFixed(2))}`, `code=${code}`);
  if (latencyMs > 0) parts.push(`latency=${Math.min(10_000, Math.round(latencyMs))}ms`);
  return parts.length ? parts.join(';') : undefined;
}
