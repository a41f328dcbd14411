import http2 from 'node:http2';
import type {NodeRequest, NodeResponse} from './http-types.js';

const {NGHTTP2_CANCEL, NGHTTP2_ENHANCE_YOUR_CALM, NGHTTP2_NO_ERROR, NGHTTP2_REFUSED_STREAM} = http2.constants;

export interface Http2GuardOptions {
  /** Largest decoded header list a request may carry (RFC 9113 §6.5.2 size: name + value + 32 per field). */
  readonly maxHeaderListBytes: number;
  /** A stream must have sent its whole request (END_STREAM) by then, or it is reset. */
  readonly requestTimeoutMs: number;
  /** A session without a frame for this long is closed … */
  readonly idleTimeoutMs: number;
  /** … and destroyed if its streams have not ended this long after. */
  readonly closeGraceMs: number;
  /** Open streams one client address may have across all its sessions; more are refused (retryable). */
  readonly maxStreamsPerClient: number;
  /** HTTP/2 sessions one client address may have open at once; more are sent GOAWAY. */
  readonly maxSessionsPerClient: number;
}

export interface Http2Guard {
  /** The request handler to give the HTTP/2 server: checks each request, then calls `app`. */
  readonly handler: (req: NodeRequest, res: NodeResponse) => void;
  /** Asks every session to finish its streams and close; destroys the stragglers after the grace period. */
  closeAll(): void;
  /** What the server holds now, for /metrics. */
  open(): {readonly sessions: number; readonly streams: number};
}

/**
 * What nghttp2 and Node do not enforce on a cleartext HTTP/2 server.
 *
 * - SETTINGS_MAX_HEADER_LIST_SIZE binds Node only once the client has
 *   acknowledged the server's SETTINGS: a client that sends its streams
 *   first (or never acknowledges) gets HPACK-amplified header lists far
 *   beyond it accepted. Each request's list is measured here and an
 *   oversized one is answered 431 at once, releasing its headers.
 * - A stream that sent its headers and never ends its request is held
 *   forever: it is reset after `requestTimeoutMs`.
 * - `session.close()` on an idle session waits for its open streams, so it
 *   is followed by `destroy()` after a grace period.
 * - Sessions and open streams are counted per client address, so one
 *   client cannot hold the whole server's memory with many connections.
 */
export function guardHttp2(
  server: http2.Http2Server,
  app: (req: NodeRequest, res: NodeResponse) => void,
  options: Http2GuardOptions,
): Http2Guard {
  const sessionsPerClient = new Map<string, number>();
  const streamsPerClient = new Map<string, number>();
  const sessions = new Set<http2.ServerHttp2Session>();
  let streams = 0;
  const count = (counts: Map<string, number>, key: string, delta: number) => {
    const next = (counts.get(key) ?? 0) + delta;
    if (next <= 0) {
      counts.delete(key);
    } else {
      counts.set(key, next);
    }
    return next;
  };

  const closeSession = (session: http2.ServerHttp2Session) => {
    if (session.destroyed) {
      return;
    }
    session.close();
    setTimeout(() => session.destroy(), options.closeGraceMs).unref();
  };

  server.on('session', (session) => {
    const client = session.socket?.remoteAddress ?? 'unknown';
    if (count(sessionsPerClient, client, 1) > options.maxSessionsPerClient) {
      session.goaway(NGHTTP2_ENHANCE_YOUR_CALM);
      session.destroy();
    }
    sessions.add(session);
    session.once('close', () => {
      sessions.delete(session);
      count(sessionsPerClient, client, -1);
    });
    session.setTimeout(options.idleTimeoutMs, () => closeSession(session));
  });

  const handler = (req: NodeRequest, res: NodeResponse) => {
    const stream = (req as http2.Http2ServerRequest).stream;
    if (stream === undefined) {
      app(req, res);
      return;
    }
    if (headerListBytes(req.rawHeaders) > options.maxHeaderListBytes) {
      // Like HTTP/1.1's 431; the stream ends here, its body is never read.
      res.writeHead(431, {'content-type': 'text/plain; charset=utf-8'});
      res.end(`Request header fields larger than ${options.maxHeaderListBytes} bytes`);
      // RFC 9113 §8.1: after a complete answer, RST_STREAM(NO_ERROR) tells the client to stop sending.
      stream.close(NGHTTP2_NO_ERROR);
      return;
    }
    const client = stream.session?.socket?.remoteAddress ?? 'unknown';
    if (count(streamsPerClient, client, 1) > options.maxStreamsPerClient) {
      count(streamsPerClient, client, -1);
      // REFUSED_STREAM: nothing was processed, a client may retry it.
      stream.close(NGHTTP2_REFUSED_STREAM);
      return;
    }
    // Only the request must be complete by then: an answer may take longer (an event stream never ends).
    streams++;
    const timer = setTimeout(() => {
      if (!stream.endAfterHeaders && !req.readableEnded && !stream.closed) {
        stream.close(NGHTTP2_CANCEL);
      }
    }, options.requestTimeoutMs);
    timer.unref();
    stream.once('close', () => {
      clearTimeout(timer);
      streams--;
      count(streamsPerClient, client, -1);
    });
    app(req, res);
  };

  return {
    handler,
    closeAll() {
      for (const session of sessions) {
        closeSession(session);
      }
    },
    open: () => ({sessions: sessions.size, streams}),
  };
}

/** RFC 9113 §6.5.2's size of a header list: each field's name and value plus 32 octets. */
function headerListBytes(rawHeaders: readonly string[]): number {
  let bytes = 0;
  for (const field of rawHeaders) {
    bytes += field.length + 16;
  }
  return bytes;
}
