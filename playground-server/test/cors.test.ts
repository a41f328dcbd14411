import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer} from '../src/server.js';

const decidePath = '/beamline.flow.v1.Router/Decide';
let withCors: RunningServer;
let withoutCors: RunningServer;

beforeAll(async () => {
  withCors = await startServer({logger: silentLogger, corsOrigins: ['http://docs.test:3001']});
  withoutCors = await startServer({logger: silentLogger});
});
afterAll(() => Promise.all([withCors.close(), withoutCors.close()]));

const preflight = (origin: string) => ({
  method: 'OPTIONS',
  headers: {
    origin,
    'access-control-request-method': 'POST',
    'access-control-request-headers': 'content-type, x-beamline-fault, x-beamline-session',
  },
});

/** A comma-separated header as lower-case names. */
const listed = (response: Response, name: string) =>
  (response.headers.get(name) ?? '').split(',').map((item) => item.trim().toLowerCase());

describe('CORS', () => {
  it('answers a preflight from an allowed origin, allowing the fault and session headers', async () => {
    const response = await fetch(withCors.url + decidePath, preflight('http://docs.test:3001'));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://docs.test:3001');
    expect(listed(response, 'access-control-allow-headers')).toEqual(
      expect.arrayContaining(['x-beamline-fault', 'x-beamline-session', 'connect-protocol-version', 'x-grpc-web']),
    );
    expect(response.headers.get('access-control-allow-methods')).toBe('POST, GET, PUT, DELETE');
  });

  it("allows c-gateway's headers and exposes its rate-limit headers, for the HTTP facade", async () => {
    const response = await fetch(`${withCors.url}/api/v1/routes/decide`, preflight('http://docs.test:3001'));
    expect(response.status).toBe(204);
    expect(listed(response, 'access-control-allow-headers')).toEqual(
      expect.arrayContaining(['x-tenant-id', 'x-trace-id', 'traceparent', 'authorization']),
    );
    const decided = await fetch(`${withCors.url}/api/v1/routes/decide`, {
      method: 'POST',
      headers: {origin: 'http://docs.test:3001', 'content-type': 'application/json', 'x-tenant-id': 'cors-tenant'},
      body: JSON.stringify({
        version: '1',
        tenant_id: 'cors-tenant',
        request_id: 'r-1',
        task: {type: 'chat', payload: {}},
      }),
    });
    expect(decided.status).toBe(200);
    expect(listed(decided, 'access-control-expose-headers')).toEqual(
      expect.arrayContaining(['x-ratelimit-remaining', 'retry-after']),
    );
  });

  it('lets an allowed origin read the fault marker of an injected failure', async () => {
    const response = await fetch(withCors.url + decidePath, {
      method: 'POST',
      headers: {
        origin: 'http://docs.test:3001',
        'content-type': 'application/json',
        'x-beamline-fault': 'error=1',
      },
      body: JSON.stringify({message: {tenantId: 't', messageId: 'm'}}),
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://docs.test:3001');
    expect(listed(response, 'access-control-expose-headers')).toEqual(
      expect.arrayContaining(['x-beamline-fault-injected', 'retry-after', 'grpc-status']),
    );
    expect(response.headers.get('x-beamline-fault-injected')).toBe('unavailable');
  });

  it('tells caches that every answer depends on Origin, whatever the origin (Vary: Origin)', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(withCors.url + decidePath, {
        method: 'POST',
        headers: {'content-type': 'application/json', ...headers},
        body: JSON.stringify({message: {tenantId: 'cors', messageId: 'vary'}}),
      });
    // A cache that kept any of these without Vary would hand it to a request from another origin.
    for (const response of [
      await post({origin: 'http://docs.test:3001'}),
      await post({origin: 'http://elsewhere.test'}),
      await post({}),
      await fetch(withCors.url + decidePath, preflight('http://docs.test:3001')),
    ]) {
      expect(listed(response, 'vary')).toContain('origin');
    }
  });

  it('refuses a preflight from another origin', async () => {
    const response = await fetch(withCors.url + decidePath, preflight('http://elsewhere.test'));
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const response = await fetch(`${withoutCors.url}/healthz`, {headers: {origin: 'http://docs.test:3001'}});
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
