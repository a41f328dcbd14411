/** Lifecycle and failure handling of startServer, over real HTTP. */
import {once} from 'node:events';
import http2 from 'node:http2';
import net from 'node:net';
import {create, toBinary} from '@bufbuild/protobuf';
import {Code, createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {describe, expect, it} from 'vitest';
import {RouteRequestSchema, Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {silentLogger, type Logger} from '../src/logger.js';
import {createEmbeddedRouter} from '../src/router/service.js';
import {startServer} from '../src/server.js';
import {envelope, http2Request} from './support/raw-http.js';
import {failure} from './support/failure.js';
import {rpcInFlight} from './support/in-flight.js';

const request = {message: {tenantId: 'acme', messageId: 'm-1'}};

describe('startServer', () => {
  it('reports its URL and port, and frees the port on close', async () => {
    const server = await startServer({logger: silentLogger});
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    await server.close();
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(server.port, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('fails with a clear message when the port is taken', async () => {
    const first = await startServer({logger: silentLogger});
    try {
      await expect(startServer({port: first.port, logger: silentLogger})).rejects.toThrow(
        `cannot listen on 127.0.0.1:${first.port}: listen EADDRINUSE`,
      );
    } finally {
      await first.close();
    }
  });

  it('turns a handler bug into a bare INTERNAL error and logs the details', async () => {
    const logged: unknown[] = [];
    const logger: Logger = {...silentLogger, error: (message, cause, fields) => logged.push(message, cause, fields)};
    const embedded = createEmbeddedRouter({adminApiKey: 'k'});
    const server = await startServer({
      logger,
      backend: {
        ...embedded,
        router: {
          decide() {
            throw new Error('secret detail at /work/main/x.ts:1');
          },
        },
      },
    });
    try {
      const response = await fetch(`${server.url}/beamline.flow.v1.Router/Decide`, {
        method: 'POST',
        headers: {'content-type': 'application/json', 'x-correlation-id': 'c-77'},
        body: JSON.stringify(request),
      });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({code: 'internal', message: 'internal error'});
      expect(logged[0]).toBe('beamline.flow.v1.Router/Decide failed');
      expect((logged[1] as Error).message).toContain('secret detail');
      expect(logged[2]).toEqual({correlation_id: 'c-77'});
    } finally {
      await server.close();
    }
  });

  it('lets in-flight calls finish on close, over HTTP/1.1 and h2c', async () => {
    const server = await startServer({logger: silentLogger});
    const slow = {headers: {'x-beamline-fault': 'latency=500ms'}};
    const connect = createClient(Router, createConnectTransport({baseUrl: server.url, httpVersion: '1.1'}));
    const grpc = createClient(Router, createGrpcTransport({baseUrl: server.url}));
    const calls = Promise.all([connect.decide(request, slow), grpc.decide(request, slow)]);
    // Both calls must be in the server before it closes (a loaded machine can take longer than a fixed wait).
    await expect.poll(() => rpcInFlight(server.url), {interval: 10, timeout: 10_000}).toBe(2);
    const started = performance.now();
    await server.close();
    const decisions = await calls;
    expect(decisions.map((d) => d.providerId)).toEqual([decisions[0]?.providerId, decisions[0]?.providerId]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('answers a gRPC call on a connection accepted just before close()', async () => {
    const server = await startServer({logger: silentLogger});
    // Accepted, but not yet an HTTP/2 session: the server waits for the preface.
    const socket = net.connect(server.port, '127.0.0.1');
    await once(socket, 'connect');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const closed = server.close();
    const session = http2.connect(server.url, {createConnection: () => socket});
    try {
      const started = performance.now();
      const response = await http2Request(session, {
        path: '/beamline.flow.v1.Router/Decide',
        headers: {'content-type': 'application/grpc', te: 'trailers'},
        body: envelope(toBinary(RouteRequestSchema, create(RouteRequestSchema, request))),
      });
      expect(response.trailers['grpc-status']).toBe('0');
      await closed;
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      session.destroy();
    }
  });

  it('ends calls still running after the grace period with UNAVAILABLE', async () => {
    const server = await startServer({logger: silentLogger, shutdownGraceMs: 50});
    const client = createClient(Router, createConnectTransport({baseUrl: server.url, httpVersion: '1.1'}));
    const call = failure(client.decide(request, {headers: {'x-beamline-fault': 'latency=10s'}}));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await server.close();
    const error = await call;
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe('the server is shutting down');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
