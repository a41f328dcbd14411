/**
 * The three protocols over real HTTP on one random port, with the generated
 * client: Connect and gRPC-Web over HTTP/1.1, gRPC over h2c.
 */
import http2 from 'node:http2';
import {Code, createClient, type Transport} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport, createGrpcWebTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {FAULT_INJECTED_HEADER, FAULT_LATENCY_HEADER} from '../../src/contract/index.js';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer} from '../src/server.js';
import {failure} from './support/failure.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({logger: silentLogger});
});
afterAll(() => server.close());

const transports: Record<string, () => Transport> = {
  'Connect (HTTP/1.1)': () => createConnectTransport({baseUrl: server.url, httpVersion: '1.1'}),
  'gRPC-Web (HTTP/1.1)': () => createGrpcWebTransport({baseUrl: server.url, httpVersion: '1.1'}),
  'gRPC (h2c, same port)': () => createGrpcTransport({baseUrl: server.url}),
};

describe.each(Object.entries(transports))('%s', (_name, transport) => {
  const message = {tenantId: 'acme', messageId: 'm-42', messageType: 'batch'};

  it('gets a decision', async () => {
    const decision = await createClient(Router, transport()).decide({message});
    expect(decision).toMatchObject({
      providerId: 'bulk',
      reason: 'rule:message_type == "batch"',
      priority: 1,
      expectedLatencyMs: 900n,
      metadata: {policy_id: 'default'},
    });
  });

  it('sees INVALID_ARGUMENT naming the field for a bad request', async () => {
    const error = await failure(createClient(Router, transport()).decide({message: {tenantId: 'acme'}}));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe('message.message_id is required');
  });

  it('round-trips a fault header: the injected code and marker come back', async () => {
    const error = await failure(
      createClient(Router, transport()).decide(
        {message},
        {headers: {'x-beamline-fault': 'error=1;code=resource_exhausted;latency=5ms'}},
      ),
    );
    expect(error.code).toBe(Code.ResourceExhausted);
    expect(error.metadata.get(FAULT_INJECTED_HEADER)).toBe('resource_exhausted');
    expect(error.metadata.get(FAULT_LATENCY_HEADER)).toBe('5');
  });

  it('reports injected latency on a successful call', async () => {
    let header: Headers | undefined;
    await createClient(Router, transport()).decide(
      {message},
      {headers: {'x-beamline-fault': 'latency=20ms'}, onHeader: (h) => (header = h)},
    );
    expect(header?.get(FAULT_LATENCY_HEADER)).toBe('20');
  });

  it('sees INVALID_ARGUMENT for a malformed fault spec', async () => {
    const error = await failure(
      createClient(Router, transport()).decide({message}, {headers: {'x-beamline-fault': 'latency=11s'}}),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe('x-beamline-fault: latency must be at most 10s, got 11s');
  });
});

describe('raw HTTP', () => {
  const decidePath = '/beamline.flow.v1.Router/Decide';
  const noStack = (body: string) => {
    expect(body).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  };

  it('answers a malformed JSON body with a clean INVALID_ARGUMENT', async () => {
    const response = await fetch(server.url + decidePath, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: '{not json',
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({code: 'invalid_argument'});
    noStack(body);
  });

  // connect-es reports undecodable protobuf as INTERNAL; the adapter turns
  // that into the client's error it is (src/rpc/adapter.ts).
  it('answers a garbage binary body with a clean INVALID_ARGUMENT', async () => {
    const response = await fetch(server.url + decidePath, {
      method: 'POST',
      headers: {'content-type': 'application/proto'},
      body: new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]),
    });
    expect(response.status).toBe(400);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({
      code: 'invalid_argument',
      message: expect.stringMatching(/^parse binary: illegal tag/),
    });
    noStack(body);
  });

  it('answers an unknown path with a plain 404', async () => {
    const response = await fetch(`${server.url}/no/such/thing`);
    expect(response.status).toBe(404);
    const body = await response.text();
    expect(body).toBe('Not Found');
  });

  it('answers an unknown RPC with a plain 404', async () => {
    const response = await fetch(`${server.url}/beamline.flow.v1.Router/Nope`, {method: 'POST'});
    expect(response.status).toBe(404);
  });

  it('serves /healthz over HTTP/1.1', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({status: 'ok'});
  });

  it('serves /healthz over h2c on the same port', async () => {
    const session = http2.connect(server.url);
    try {
      const {status, body} = await new Promise<{status: number; body: string}>((resolve, reject) => {
        const stream = session.request({':path': '/healthz'});
        let status = 0;
        let body = '';
        stream.on('response', (headers) => (status = Number(headers[':status'])));
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => (body += chunk));
        stream.on('end', () => resolve({status, body}));
        stream.on('error', reject);
      });
      expect(status).toBe(200);
      expect(JSON.parse(body)).toEqual({status: 'ok'});
    } finally {
      session.close();
    }
  });
});
