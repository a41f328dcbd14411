/** The transport limits of a running server: body size, header size, HTTP/2 streams and idle sessions. */
import {once} from 'node:events';
import http2 from 'node:http2';
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
