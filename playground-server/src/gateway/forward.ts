import http from 'node:http';
import https from 'node:https';
import {pipeline} from 'node:stream';
import {callerLeft, type NodeRequest, type NodeResponse} from '../http-types.js';

/** Headers that describe one connection, not the request: never passed on (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'http2-settings',
]);

export interface ForwardOptions {
  /** The real c-gateway, e.g. http://c-gateway:8080. Fixed at start: no request can change it. */
  readonly baseUrl: string;
  /** How long to wait for the gateway's response headers. */
  readonly headersTimeoutMs: number;
}

/** Why the gateway could not be reached, for the 503 the caller gets. */
export type ForwardFailure = (res: NodeResponse, problem: string) => void;

/** Passes one request on; `onFailure` answers when the gateway cannot be reached. */
export type Forward = (req: NodeRequest, res: NodeResponse, onFailure: ForwardFailure) => void;

/**
 * Passes one request to the real c-gateway and its answer back, both
 * bodies streamed as they come (an SSE stream stays a stream). The target
 * is `baseUrl` plus the request's own path and query; nothing in the
 * request can point it elsewhere.
 */
export function createForwarder(options: ForwardOptions): Forward {
  const base = new URL(options.baseUrl);
  const client = base.protocol === 'https:' ? https : http;
  // Keep-alive to the gateway, so a burst of decisions does not pay a handshake each.
  const agent = new client.Agent({keepAlive: true, maxSockets: 256});
  const basePath = base.pathname.replace(/\/+$/, '');

  return (req, res, onFailure) => {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!name.startsWith(':') && !HOP_BY_HOP.has(name) && value !== undefined) {
        headers[name] = value;
      }
    }
    const upstream = client.request({
      protocol: base.protocol,
      hostname: base.hostname,
      port: base.port,
      method: req.method,
      // Only the path of this request: `//evil.example/x` stays a path on the gateway.
      path: basePath + (req.url?.startsWith('/') ? req.url : `/${req.url ?? ''}`),
      headers,
      agent,
    });
    let answered = false;
    const headersTimer = setTimeout(() => {
      upstream.destroy(new Error(`no response within ${options.headersTimeoutMs} ms`));
    }, options.headersTimeoutMs);

    upstream.on('response', (answer) => {
      clearTimeout(headersTimer);
      answered = true;
      const responseHeaders: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (!HOP_BY_HOP.has(name) && value !== undefined) {
          responseHeaders[name] = value;
        }
      }
      res.writeHead(answer.statusCode ?? 502, responseHeaders);
      // Flush the headers now: an event stream may not send a byte for a while.
      // (HTTP/2 sends them at writeHead already.)
      if ('flushHeaders' in res && typeof res.flushHeaders === 'function') {
        res.flushHeaders();
      }
      // Backpressure both ways; a failure on either side tears the other down.
      pipeline(answer, res as NodeJS.WritableStream, (error) => {
        if (error) res.destroy();
      });
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(headersTimer);
      if (answered || res.headersSent) {
        // Mid-stream: the status is gone already; cutting the response is the honest signal.
        res.destroy();
        return;
      }
      if (!callerLeft(res)) {
        onFailure(res, `c-gateway at ${options.baseUrl} is unreachable: ${error.code ?? error.message}`);
      }
    });
    // The caller left (or the server is closing): stop the gateway's work too.
    res.once('close', () => {
      clearTimeout(headersTimer);
      upstream.destroy();
    });
    // The gateway's own failure is answered above ('error'); here only its end of the pipe matters.
    pipeline(req, upstream, () => {});
  };
}
