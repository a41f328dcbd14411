/** The transport limits of a running server: body size, header size, HTTP/2 streams and idle sessions. */
import {once} from 'node:events';
import http2 from 'node:http2';
import net from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer, type ServerOptions} from '../src/server.js';
import {http1Request} from './support/raw-http.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
async function start(options: ServerOptions = {}): Promise<RunningServer> {
  server = await startServer({logger: silentLogger, ...options});
  return server;
}

const decide = '/beamline.flow.v1.Router/Decide';

describe('limits', () => {
  it('refuses a body over MAX_BODY_BYTES with RESOURCE_EXHAUSTED, unread', async () => {
    const {url} = await start({limits: {maxBodyBytes: 1024}});
    const body = JSON.stringify({message: {tenantId: 't', messageId: 'm', messageType: 'x'.repeat(2048)}});
    const response = await http1Request(url, {
      path: decide,
      headers: {'content-type': 'application/json'},
      body: new TextEncoder().encode(body),
    });
    expect(response.status).toBe(429);
    expect(JSON.parse(response.body.toString())).toMatchObject({code: 'resource_exhausted'});
  });

  it('answers request headers over 16 KiB with 431', async () => {
    const {url} = await start();
    const response = await http1Request(url, {
      path: decide,
      headers: {'content-type': 'application/json', 'x-big': 'b'.repeat(20_000)},
      body: new TextEncoder().encode('{}'),
    });
    expect(response.status).toBe(431);
  });

  it('cuts a client that trickles its headers at the request timeout, not up to 30 s later', async () => {
    const {port} = await start({limits: {requestTimeoutMs: 1_000}});
    const socket = net.connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const started = performance.now();
    socket.write('POST /beamline.flow.v1.Router/Decide HTTP/1.1\r\nHost: x\r\n');
    // A header line every 300 ms: never idle, never done.
    const trickle = setInterval(() => socket.write('x-slow: 1\r\n'), 300);
    socket.on('error', () => {});
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk));
    const closed = await Promise.race([
      once(socket, 'close').then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 6_000)),
    ]);
    clearInterval(trickle);
    socket.destroy();
    expect(closed).toBe(true);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(performance.now() - started).toBeLessThan(6_000);
  });

  it('advertises its HTTP/2 stream limit, and closes an idle HTTP/2 session', async () => {
    const {url} = await start({limits: {http2MaxConcurrentStreams: 7, idleTimeoutMs: 300}});
    const session = http2.connect(url);
    try {
      await once(session, 'remoteSettings');
      expect(session.remoteSettings.maxConcurrentStreams).toBe(7);
      const started = performance.now();
      await once(session, 'close');
      expect(performance.now() - started).toBeGreaterThan(250);
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      session.destroy();
    }
  });
});
