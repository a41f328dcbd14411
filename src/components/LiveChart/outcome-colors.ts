/**
 * One colour per outcome, picked to stay distinct on light and dark
 * backgrounds and for the common forms of colour blindness (Okabe–Ito).
 */
const palette: Record<string, string> = {
  ok: '#009E73',
  unavailable: '#D55E00',
  resource_exhausted: '#E69F00',
  deadline_exceeded: '#CC79A7',
  internal: '#0072B2',
  rejected: '#56B4E9',
  // Hedged requests: the two lanes.
  plain: '#D55E00',
  hedged: '#009E73',
  // Fallbacks: where an answer came from.
  router: '#009E73',
  'fresh-cache': '#56B4E9',
  'stale-cache': '#E69F00',
  default: '#CC79A7',
  // Safe retries: payments without and with an idempotency key.
  'without key': '#D55E00',
  'with key': '#009E73',
};
const fallback = '#999999';

export function outcomeColor(outcome: string): string {
  return palette[outcome] ?? fallback;
}
