import {cors} from '@connectrpc/connect';
import {
  CORRELATION_HEADER,
  FAULT_HEADER,
  FAULT_INJECTED_HEADER,
  FAULT_LATENCY_HEADER,
  SESSION_HEADER,
} from '../../src/contract/index.js';
import {
  FACILITATOR_KEY_HEADER,
  PREVIOUS_ATTEMPTS_HEADER,
  ROOM_FAULT_HEADER,
  ROOM_HEADER,
} from '../../src/contract/room.js';
import type {NodeRequest, NodeResponse} from './http-types.js';
import {sendText} from './http-types.js';

const ALLOWED_HEADERS = [
  ...cors.allowedHeaders,
  FAULT_HEADER,
  SESSION_HEADER,
  ROOM_HEADER,
  PREVIOUS_ATTEMPTS_HEADER,
  FACILITATOR_KEY_HEADER,
  CORRELATION_HEADER,
  'x-api-key',
  'authorization',
  // c-gateway's headers, for the HTTP facade
  'x-tenant-id',
  'x-trace-id',
  'traceparent',
].join(', ');

/** Connect's, plus the facade's message updates and deletes. */
const ALLOWED_METHODS = [...new Set([...cors.allowedMethods, 'PUT', 'DELETE'])].join(', ');

const EXPOSED_HEADERS = [
  ...cors.exposedHeaders,
  FAULT_INJECTED_HEADER,
  FAULT_LATENCY_HEADER,
  ROOM_FAULT_HEADER,
  'retry-after',
  'grpc-retry-pushback-ms',
  CORRELATION_HEADER,
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
].join(', ');

/**
 * Cross-origin access for the listed origins ("*" allows any). The site and
 * the API normally share one origin, so the list is empty by default; a
 * Docusaurus dev server on another port is the usual reason to fill it.
 *
 * Returns true when it has answered the request (a preflight).
 */
export function createCors(allowedOrigins: readonly string[]): (req: NodeRequest, res: NodeResponse) => boolean {
  const anyOrigin = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  return (req, res) => {
    // The answer differs by Origin (allowed or not, or none at all), so a
    // shared cache must key on it for every response, not only allowed ones.
    if (allowedOrigins.length > 0) {
      varyOnOrigin(res);
    }
    const origin = req.headers.origin;
    if (origin === undefined) {
      return false;
    }
    const permitted = anyOrigin || allowed.has(origin);
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
    if (permitted) {
      res.setHeader('Access-Control-Allow-Origin', origin);
    }
    if (!preflight) {
      if (permitted) {
        res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
      }
      return false;
    }
    if (!permitted) {
      sendText(res, 403, `Origin ${origin} is not allowed; add it to CORS_ORIGINS`);
      return true;
    }
    res.setHeader('Access-Control-Allow-Methods', ALLOWED_METHODS);
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '7200');
    res.writeHead(204);
    res.end();
    return true;
  };
}

function varyOnOrigin(res: NodeResponse): void {
  const vary = res.getHeader('Vary');
  const listed = Array.isArray(vary) ? vary.join(',') : String(vary ?? '');
  if (!listed.split(',').some((name) => name.trim().toLowerCase() === 'origin')) {
    res.setHeader('Vary', listed ? `${listed}, Origin` : 'Origin');
  }
}
