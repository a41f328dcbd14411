import net from 'node:net';
import type http from 'node:http';
import type http2 from 'node:http2';

/** Every HTTP/2 connection without TLS starts with these bytes (RFC 9113 §3.4). */
const HTTP2_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');

export interface DualProtocolOptions {
  /** Serves HTTP/1.1: browsers (Connect, gRPC-Web), static files, /healthz. */
  http1: http.Server;
  /** Serves cleartext HTTP/2 with prior knowledge (h2c): gRPC clients. */
  http2: http2.Http2Server;
  /** A connection that has not shown its protocol by then is dropped. */
  sniffTimeoutMs?: number;
  /** Connections one client address may have open; more are dropped at once. */
  maxConnectionsPerClient?: number;
}

/**
 * One TCP port for HTTP/1.1 and h2c.
 *
 * `http2.createServer({ allowHTTP1: true })` falls back to HTTP/1.1 only
 * after a TLS ALPN negotiation, so on cleartext we look at the first bytes
 * ourselves and hand the socket to the server that speaks them.
 */
export function createDualProtocolServer(options: DualProtocolOptions): net.Server {
  const sniffTimeoutMs = options.sniffTimeoutMs ?? 10_000;
  const perClient = new Map<string, number>();
  return net.createServer((socket) => {
    const client = socket.remoteAddress ?? 'unknown';
    const open = (perClient.get(client) ?? 0) + 1;
    if (open > (options.maxConnectionsPerClient ?? Number.POSITIVE_INFINITY)) {
      socket.destroy();
      return;
    }
    perClient.set(client, open);
    socket.once('close', () => {
      const left = (perClient.get(client) ?? 1) - 1;
      if (left === 0) perClient.delete(client);
      else perClient.set(client, left);
    });
    let received: Buffer = Buffer.alloc(0);
    const drop = () => socket.destroy();
    const onData = (chunk: Buffer) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      const compared = Math.min(received.length, HTTP2_PREFACE.length);
      const looksLikeHttp2 = received.subarray(0, compared).equals(HTTP2_PREFACE.subarray(0, compared));
      if (looksLikeHttp2 && received.length < HTTP2_PREFACE.length) {
        return; // the preface arrived in pieces; wait for the rest
      }
      socket.off('data', onData);
      socket.off('error', drop);
      clearTimeout(sniffing);
      socket.pause();
      socket.unshift(received);
      if (looksLikeHttp2) {
        // The HTTP/2 session reads the socket's native handle directly and
        // picks up the unshifted bytes itself; resuming here would let the
        // stream swallow bytes the session never sees.
        options.http2.emit('connection', socket);
      } else {
        options.http1.emit('connection', socket);
        socket.resume();
      }
    };
    // Until a server owns the socket, a reset or a silent client must not
    // raise an unhandled 'error' or hold the connection open forever. The
    // deadline counts from the connection, not from the last byte: a preface
    // sent one byte at a time must not hold it either.
    socket.on('error', drop);
    const sniffing = setTimeout(drop, sniffTimeoutMs);
    socket.once('close', () => clearTimeout(sniffing));
    socket.on('data', onData);
  });
}
