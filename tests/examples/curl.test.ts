/** The curl scripts, run with bash and curl against a real playground-server. */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {DEFAULT_GATEWAY_CONFIG} from '../../playground-server/src/gateway/config.js';
import type {RunningServer} from '../../playground-server/src/server.js';
import {examples, run, startPlayground} from './support.js';

let server: RunningServer;
let secured: RunningServer;

beforeAll(async () => {
  server = await startPlayground();
  secured = await startPlayground({gateway: {...DEFAULT_GATEWAY_CONFIG, authRequired: true}});
});
afterAll(async () => {
  await server?.close();
  await secured?.close();
});

const script = (name: string) => path.join(examples, 'clients', 'curl', name);
const decide = (scenario: string | undefined, env: Record<string, string>) =>
  run('bash', [script('decide.sh'), ...(scenario ? [scenario] : [])], {env});

/** decide.sh prints the body, then "HTTP <status>". */
function answer(lines: string[]) {
  return {body: JSON.parse(lines.at(-2)!), status: lines.at(-1)};
}

describe('clients/curl/decide.sh', () => {
  it('gets a decision', async () => {
    const result = await decide(undefined, {BEAMLINE_HTTP_URL: server.url, BEAMLINE_TENANT: 'curl-ok'});
    expect(result.code).toBe(0);
    const {body, status} = answer(result.lines);
    expect(status).toBe('HTTP 200');
    expect(body.ok).toBe(true);
    expect(body.decision.provider_id).toMatch(/^(alpha|beta)$/);
    expect(body.context.trace_id).toMatch(/^trace-\d+$/);
  });

  it("shows the error scenarios with c-gateway's codes", async () => {
    const env = {BEAMLINE_HTTP_URL: server.url, BEAMLINE_TENANT: 'curl-errors'};
    const cases: Array<[string, string, string]> = [
      ['no-tenant', 'HTTP 400', 'invalid_request'],
      ['bad-json', 'HTTP 400', 'invalid_request'],
      ['unavailable', 'HTTP 503', 'unavailable'],
    ];
    for (const [scenario, status, code] of cases) {
      const result = answer((await decide(scenario, env)).lines);
      expect(result.status, scenario).toBe(status);
      expect(result.body.error.code, scenario).toBe(code);
    }
  });

  it("shows the rate limit's 429 and its headers", async () => {
    const result = await decide('rate-limit', {BEAMLINE_HTTP_URL: server.url, BEAMLINE_TENANT: 'curl-burst'});
    expect(result.code).toBe(0);
    expect(result.lines.slice(0, 4).map((line) => line.split(':')[0])).toEqual([
      'X-RateLimit-Limit',
      'X-RateLimit-Remaining',
      'X-RateLimit-Reset',
      'Retry-After',
    ]);
    expect(result.lines[0]).toBe('X-RateLimit-Limit: 50');
    const {body, status} = answer(result.lines);
    expect(status).toBe('HTTP 429');
    expect(body.error.code).toBe('rate_limit_exceeded');
  });

  it('needs the auth scenario against a gateway with GATEWAY_AUTH_REQUIRED=true', async () => {
    const env = {BEAMLINE_HTTP_URL: secured.url, BEAMLINE_TENANT: 'curl-auth'};
    const without = answer((await decide(undefined, env)).lines);
    expect(without.status).toBe('HTTP 401');
    expect(without.body.error).toMatchObject({code: 'unauthorized', message: 'missing Authorization header'});
    expect(answer((await decide('auth', env)).lines).status).toBe('HTTP 200');
  });

  it('refuses an unknown scenario', async () => {
    const result = await decide('nonsense', {BEAMLINE_HTTP_URL: server.url});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^usage: /);
  });
});

describe('clients/curl/streaming.sh', () => {
  it('prints the event of the message it publishes while the stream is open', async () => {
    const result = await run('bash', [script('streaming.sh')], {
      env: {BEAMLINE_HTTP_URL: server.url, BEAMLINE_TENANT: 'curl-stream', STREAM_SECONDS: '2'},
    });
    expect(result.code).toBe(0);
    expect(result.lines[0]).toBe(': connected');
    expect(result.lines).toContain('published: HTTP 200');
    expect(result.lines).toContain('event: message_created');
    const data = JSON.parse(result.lines.find((line) => line.startsWith('data: '))!.slice('data: '.length));
    expect(data.task).toEqual({type: 'chat', payload: {text: 'hello'}});
    expect(data.decision.provider_id).toMatch(/^(alpha|beta)$/);
  });
});
