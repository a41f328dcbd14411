/**
 * One port, two protocols: the listener tells HTTP/2 from HTTP/1.1 by the
 * connection preface. TCP may deliver that preface in pieces — the first
 * piece alone cannot decide (an HTTP/1.1 "POST" starts with the same "P" as
 * HTTP/2's "PRI *"). A proxy between client and server splits the first
 * bytes of each connection to show both protocols still arrive whole.
 */
import {once} from 'node:events';
import {connect, createServer, type Server} from 'node:net';
import {createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer} from '../src/server.js';

let server: RunningServer;
const splitters: Server[] = [];

/** A TCP proxy to the server that delivers each connection's first `at` bytes, waits, then the rest. */
async function splittingProxy(at: number): Promise<string> {
  const target = new URL(server.url);
  const proxy = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    let first = true;
    client.on('data', (chunk: Buffer) => {
      if (!first) {
        upstream.write(chunk);
        return;
      }
      first = false;
      client.pause();
      upstream.write(chunk.subarray(0, at));
      setTimeout(() => {
        upstream.write(chunk.subarray(at));
        client.resume();
      }, 50);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  proxy.listen(0, '127.0.0.1');
  await once(proxy, 'listening');
  splitters.push(proxy);
  return `http://127.0.0.1:${(proxy.address() as {port: number}).port}`;
}

beforeAll(async () => {
  server = await startServer({logger: silentLogger});
});
afterAll(async () => {
  for (const proxy of splitters) proxy.close();
  await server.close();
});

describe('protocol detection on one port', () => {
  it('serves HTTP/2 (gRPC) when the preface arrives in two pieces', async () => {
    const baseUrl = await splittingProxy('PRI * H'.length);
    const client = createClient(Router, createGrpcTransport({baseUrl}));
    const decision = await client.decide({message: {tenantId: 'split', messageId: 'h2'}});
    expect(decision.providerId).not.toBe('');
  });

  it('serves HTTP/1.1 whose first piece is only the "P" it shares with the HTTP/2 preface', async () => {
    const baseUrl = await splittingProxy(1);
    const client = createClient(Router, createConnectTransport({baseUrl, httpVersion: '1.1'}));
    const decision = await client.decide({message: {tenantId: 'split', messageId: 'h1'}});
    expect(decision.providerId).not.toBe('');
  });
});
