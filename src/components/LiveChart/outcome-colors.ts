/**
 * One colour and one marker shape per outcome. Colours from the Okabe–Ito
 * palette stay distinct on light and dark backgrounds and for the common
 * forms of colour blindness; the shapes tell outcomes apart without colour.
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

export type MarkerShape = 'circle' | 'cross' | 'diamond' | 'square' | 'star' | 'triangle' | 'wye';

const shapes: Record<string, MarkerShape> = {
  ok: 'circle',
  unavailable: 'cross',
  resource_exhausted: 'triangle',
  deadline_exceeded: 'diamond',
  internal: 'square',
  rejected: 'wye',
};

export function outcomeColor(outcome: string): string {
  return palette[outcome] ?? fallback;
}

export function outcomeShape(outcome: string): MarkerShape {
  return shapes[outcome] ?? 'star';
}

/** Dash patterns that tell a chart's lines apart without colour, in order. */
export const lineDashes = ['', '6 3', '2 3', '8 3 2 3'];
