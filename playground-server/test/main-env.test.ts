import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {MAIN_SCRIPT, startServerProcess, type ServerProcess} from './support/processes.js';

// The environment is read in one place, main.ts; startServer itself never
// looks at process.env. This pins that the facade's settings still arrive.
describe('main.ts hands the c-gateway settings from the environment to the server', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(MAIN_SCRIPT, {GATEWAY_AUTH_REQUIRED: 'true'});
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    await server?.exited;
  });

  it('GATEWAY_AUTH_REQUIRED=true makes the facade demand Authorization', async () => {
    const response = await fetch(`${server.url}/api/v1/routes/decide`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-tenant-id': 'env-tenant'},
      body: JSON.stringify({
        version: '1',
        tenant_id: 'env-tenant',
        request_id: 'r-1',
        task: {type: 'chat', payload: {}},
      }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as {error: {code: string}}).error.code).toBe('unauthorized');
  });
});
