import type {NodeResponse} from './http-types.js';

/**
 * On every answer, page or API: no other site may frame the guide or an
 * answer of its API (clickjacking a participant's Run or a facilitator's
 * scenario switch), links out of it do not carry the page's address (a room
 * code, a facilitator key), and no browser guesses a JSON or text answer
 * into HTML.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'X-Content-Type-Options': 'nosniff',
};

export function setSecurityHeaders(res: NodeResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    res.setHeader(name, value);
  }
}
