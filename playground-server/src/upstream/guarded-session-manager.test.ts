import * as http2 from 'node:http2';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {GuardedSessionManager} from './guarded-session-manager.js';

describe('GuardedSessionManager', () => {
  let server: http2.Http2Server;
  let url: string;

  beforeAll(async () => {
    server = http2.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('a ping on a destroyed session is a no-op instead of a synchronous throw', async () => {
    const manager = new GuardedSessionManager(url, {pingIntervalMs: 60_000});
    const stream = await manager.request('GET', '/', {}, {});
    // Destroying the session cancels the stream; that is expected here.
    stream.on('error', () => {});
    stream.resume();
    const session = stream.session as http2.ClientHttp2Session;
    session.destroy();
    expect(() => session.ping(() => {})).not.toThrow();
    expect(session.ping(() => {})).toBe(false);
    manager.abort();
  });

  it('an unguarded session still throws there (the bug it works around)', () => {
    const session = http2.connect(url);
    session.destroy();
    expect(() => session.ping(() => {})).toThrow(/destroyed/);
  });

  it('a live session still pings', async () => {
    const manager = new GuardedSessionManager(url, {pingIntervalMs: 60_000});
    const stream = await manager.request('GET', '/', {}, {});
    // Destroying the session cancels the stream; that is expected here.
    stream.on('error', () => {});
    stream.resume();
    const session = stream.session as http2.ClientHttp2Session;
    const duration = await new Promise<number>((resolve, reject) =>
      session.ping((error, ms) => (error ? reject(error) : resolve(ms))),
    );
    expect(duration).toBeGreaterThanOrEqual(0);
    manager.abort();
  });
});
