import type {IncomingHttpHeaders} from 'node:http2';
import {pickHeaders} from '../http-types.js';

/**
 * Request headers the proxy hands to the upstream Router: what the Router
 * reads (correlation id, admin credentials) and trace context. Nothing
 * else: the fault header in particular is for this server only — an
 * upstream that is itself a playground-server would inject a second time.
 */
export const FORWARDED_REQUEST_HEADERS = [
  'x-correlation-id',
  'authorization',
  'x-api-key',
  'traceparent',
  'tracestate',
] as const;

/** Headers that belong to one hop's protocol, not to the call. */
const HOP_HEADERS = new Set([
  'content-type',
  'content-length',
  'content-encoding',
  'accept-encoding',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'te',
  'trailer',
  'upgrade',
  'date',
  'server',
]);

/** Except this one, grpc-* headers describe the upstream hop (status, encoding, timeout). */
const PASSED_GRPC_HEADERS = new Set(['grpc-retry-pushback-ms']);

/**
 * Whether a response header or trailer from the upstream goes back to the
 * caller: application metadata does (x-correlation-id, retry-after, …);
 * the upstream hop's own protocol fields do not, the server's protocol
 * layer writes its own.
 */
export function isCallMetadata(name: string): boolean {
  const key = name.toLowerCase();
  if (key.startsWith(':') || HOP_HEADERS.has(key)) {
    return false;
  }
  if (key.startsWith('grpc-') || key.startsWith('connect-')) {
    return PASSED_GRPC_HEADERS.has(key);
  }
  return true;
}

/** The headers of `from` that are call metadata, added to `to`. */
export function copyCallMetadata(from: Headers, to: Headers): Headers {
  from.forEach((value, key) => {
    if (isCallMetadata(key)) {
      to.set(key, value);
    }
  });
  return to;
}

/** The call metadata among HTTP/2 header fields of `from` (pseudo-headers and hop fields left out), added to `to`. */
export function copyNodeCallMetadata(from: IncomingHttpHeaders, to: Headers): Headers {
  for (const name in from) {
    const value = from[name];
    if (value !== undefined && isCallMetadata(name)) {
      // A repeated field reads as one, joined, as web Headers read it.
      to.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
  }
  return to;
}

/** The forwarded request headers of an incoming call, as HTTP/2 header fields. */
export function forwardedRequestHeaders(incoming: Headers): Record<string, string> {
  return pickHeaders(incoming, FORWARDED_REQUEST_HEADERS);
}
