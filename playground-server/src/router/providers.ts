import {unitHash} from './hash.js';

/** What the Router expects of a provider; reported in every RouteDecision. */
export interface ProviderProfile {
  readonly expectedLatencyMs: number;
  readonly expectedCost: number;
}

/** Profiles of the providers in the built-in default policy. */
const KNOWN_PROFILES: Readonly<Record<string, ProviderProfile>> = {
  alpha: {expectedLatencyMs: 120, expectedCost: 0.002},
  beta: {expectedLatencyMs: 180, expectedCost: 0.0015},
  bulk: {expectedLatencyMs: 900, expectedCost: 0.0004},
};

/**
 * AdminProvider carries only an id and a weight, so a provider a tenant
 * invents gets a profile derived from its id: 50–249 ms and 0.0005–0.005 per
 * message, the same on every call.
 */
export function providerProfile(providerId: string): ProviderProfile {
  if (Object.hasOwn(KNOWN_PROFILES, providerId)) {
    return KNOWN_PROFILES[providerId]!;
  }
  return {
    expectedLatencyMs: 50 + Math.floor(unitHash('latency', providerId) * 200),
    expectedCost: Math.round((0.0005 + unitHash('cost', providerId) * 0.0045) * 1e6) / 1e6,
  };
}
