/** What the fault panel can ask the playground-server to do to this reader's calls. */
export interface FaultSettings {
  /** Share of calls that fail, 0..1. */
  error: number;
  /** The status the failing calls get, as the server spells it. */
  code: FaultCode;
  /** Added to every call, in ms. */
  latencyMs: number;
  /** A further random 0..jitterMs, in ms. */
  jitterMs: number;
  /** Server-side limit per second for this reader's session; 0 = none. */
  ratePerSecond: number;
}

export const faultCodes = ['unavailable', 'resource_exhausted', 'deadline_exceeded', 'internal'] as const;
export type FaultCode = (typeof faultCodes)[number];

export const noFaults: FaultSettings = {error: 0, code: 'unavailable', latencyMs: 0, jitterMs: 0, ratePerSecond: 0};

/**
 * The `x-beamline-fault` header for these settings (grammar in
 * playground-server/README.md), or null when nothing is injected.
 */
export function faultSpec(settings: FaultSettings): string | null {
  const parts: string[] = [];
  if (settings.error > 0) parts.push(`error=${Math.round(settings.error * 100) / 100}`, `code=${settings.code}`);
  if (settings.latencyMs > 0) parts.push(`latency=${Math.round(settings.latencyMs)}ms`);
  if (settings.jitterMs > 0) parts.push(`jitter=${Math.round(settings.jitterMs)}ms`);
  if (settings.ratePerSecond > 0) parts.push(`ratelimit=${Math.round(settings.ratePerSecond)}/s`);
  return parts.length ? parts.join(';') : null;
}
