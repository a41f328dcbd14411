/** C_GATEWAY_URL: the facade passes requests to a real c-gateway, here a second local HTTP server playing it. */
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {silentLogger} from '../logger.js';
import {startServer, type RunningServer} from '../server.js';
import {DEFAULT_GATEWAY_CONFIG} from './config.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('facade forwarding to C_GATEWAY_URL', () => {
  const seen: Seen[] = [];
  let releaseStream: () => void = () => {};
  let gateway: http.Server;
  let gatewayUrl: string;
  let server: RunningServer;

  beforeAll(async () => {
    gateway = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        seen.push({method: req.method!, url: req.url!, headers: req.headers, body});
        if (req.url!.startsWith('/base/api/v1/messages/stream')) {
          // Like c-gateway: headers and a first comment at once, events later.
          res.writeHead(200, {'Content-Type': 'text/event-stream', Connection: 'keep-alive'});
          res.write(': connected\n\n');
          releaseStream = () => res.end('event: message_created\ndata: {"request_id":"m-1"}\n\n');
          return;
        }
        res.writeHead(418, {'Content-Type': 'application/json', 'X-From': 'real-gateway', Connection: 'close'});
        res.end(JSON.stringify({ok: true, echo: body.length}));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/base`;
    server = await startServer({logger: silentLogger, gateway: {...DEFAULT_GATEWAY_CONFIG, upstreamUrl: gatewayUrl}});
  });
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => gateway.close(resolve));
  });

  it('passes method, path, query, headers and body through, and the answer back unchanged', async () => {
    const body = JSON.stringify({version: '1', padding: 'x'.repeat(100_000)});
    const answer = await fetch(`${server.url}/api/v1/routes/decide?probe=1`, {
      method: 'POST',
      headers: {'X-Tenant-ID': 'acme', Authorization: 'Bearer t', 'content-type': 'application/json'},
      body,
    });
    expect(answer.status).toBe(418);
    expect(answer.headers.get('x-from')).toBe('real-gateway');
    expect(answer.headers.get('connection')).not.toBe('close'); // hop-by-hop: ours, not the gateway's
    expect(await answer.json()).toEqual({ok: true, echo: body.length});
    const request = seen.at(-1)!;
    expect(request).toMatchObject({method: 'POST', url: '/base/api/v1/routes/decide?probe=1', body});
    expect(request.headers['x-tenant-id']).toBe('acme');
    expect(request.headers.authorization).toBe('Bearer t');
    expect(request.headers.host).toBe(new URL(gatewayUrl).host);
  });

  it('streams an event stream through as it comes, not when it ends', async () => {
    const chunks: string[] = [];
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${server.url}/api/v1/messages/stream?tenant_id=acme`, (response) => {
          expect(response.headers['content-type']).toBe('text/event-stream');
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            chunks.push(chunk);
            if (chunks.length === 1) {
              // The first comment arrived while the gateway still holds the stream open.
              releaseStream();
            }
          });
          response.on('end', resolve);
        })
        .on('error', reject);
    });
    expect(chunks[0]).toBe(': connected\n\n');
    expect(chunks.join('')).toContain('data: {"request_id":"m-1"}');
  });

  it('serves /health from the real gateway too', async () => {
    const answer = await fetch(`${server.url}/health`);
    expect(answer.status).toBe(418);
    expect(seen.at(-1)!.url).toBe('/base/health');
  });

  it('applies the fault header on this side: an injected failure never reaches the gateway', async () => {
    const before = seen.length;
    const answer = await fetch(`${server.url}/api/v1/routes/decide`, {
      method: 'POST',
      headers: {'X-Tenant-ID': 'acme', 'x-beamline-fault': 'error=1;code=unavailable'},
      body: '{}',
    });
    expect(answer.status).toBe(503);
    expect(((await answer.json()) as {error: {code: string}}).error.code).toBe('unavailable');
    expect(seen.length).toBe(before);
    const delayed = await fetch(`${server.url}/api/v1/routes/decide`, {
      method: 'POST',
      headers: {'X-Tenant-ID': 'acme', 'x-beamline-fault': 'latency=20ms'},
      body: '{}',
    });
    expect(delayed.status).toBe(418);
    expect(delayed.headers.get('x-beamline-fault-latency-ms')).toBe('20');
  });

  it('answers 503 when the gateway hangs up while the body is still coming, instead of cutting the caller', async () => {
    // A gateway that reads the first chunk of a body and drops the connection: a crash, a restart.
    const dropping = http.createServer((req) => req.once('data', () => req.socket.destroy()));
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const facade = await startServer({
      logger: silentLogger,
      gateway: {...DEFAULT_GATEWAY_CONFIG, upstreamUrl: `http://127.0.0.1:${(dropping.address() as AddressInfo).port}`},
    });
    try {
      const answer = await new Promise<{status: number; body: string}>((resolve, reject) => {
        const request = http.request(`${facade.url}/api/v1/routes/decide`, {
          agent: false,
          method: 'POST',
          headers: {'X-Tenant-ID': 'acme', 'content-type': 'application/json', 'content-length': 400_000},
        });
        request.on('response', (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({status: response.statusCode ?? 0, body}));
        });
        request.on('error', reject);
        // Half the body now, the rest once the gateway has dropped the connection.
        request.write('x'.repeat(200_000));
        setTimeout(() => request.end('x'.repeat(200_000)), 200);
      });
      expect(answer.status).toBe(503);
      expect(JSON.parse(answer.body)).toMatchObject({ok: false, error: {code: 'unavailable'}});
      expect(answer.body).not.toContain('127.0.0.1');
    } finally {
      await facade.close();
      await new Promise((resolve) => dropping.close(resolve));
    }
  });

  it("answers 503 unavailable in c-gateway's envelope when the gateway is down, without its address", async () => {
    const down = http.createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    await new Promise((resolve) => down.close(resolve));
    const orphan = await startServer({
      logger: silentLogger,
      gateway: {...DEFAULT_GATEWAY_CONFIG, upstreamUrl: `http://127.0.0.1:${port}`},
    });
    try {
      const answer = await fetch(`${orphan.url}/api/v1/routes/decide`, {
        method: 'POST',
        headers: {'X-Tenant-ID': 'acme', 'X-Trace-ID': 'tr'},
        body: '{}',
      });
      expect(answer.status).toBe(503);
      expect(await answer.json()).toEqual({
        ok: false,
        error: {
          code: 'unavailable',
          message: 'c-gateway is unreachable',
          intake_error_code: null,
          details: {},
        },
        context: {request_id: '', trace_id: 'tr', tenant_id: 'acme'},
      });
    } finally {
      await orphan.close();
    }
  });
});
