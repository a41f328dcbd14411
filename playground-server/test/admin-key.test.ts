/** Which admin key a server asks for: the public one on loopback, its own on a LAN address, or ADMIN_API_KEY. */
import {Code, createClient} from '@connectrpc/connect';
import {createConnectTransport} from '@connectrpc/connect-node';
import {afterEach, describe, expect, it} from 'vitest';
import {RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';
import {DEFAULT_ADMIN_API_KEY} from '../src/config.js';
import {silentLogger} from '../src/logger.js';
import {isLoopback, startServer, type RunningServer, type ServerOptions} from '../src/server.js';
import {failure} from './support/failure.js';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function listWith(options: ServerOptions, key: string) {
  server = await startServer({logger: silentLogger, ...options});
  const admin = createClient(
    RouterAdmin,
    createConnectTransport({baseUrl: `http://127.0.0.1:${server.port}`, httpVersion: '1.1'}),
  );
  return admin.listPolicies({tenantId: 'acme'}, {headers: {'x-api-key': key}});
}

describe('the admin key', () => {
  it('is the public playground key on a server listening on loopback only', async () => {
    expect((await listWith({host: '127.0.0.1'}, DEFAULT_ADMIN_API_KEY)).policies.length).toBeGreaterThan(0);
    expect(server?.generatedAdminApiKey).toBeUndefined();
  });

  it('is made at start on a server reachable from the LAN: the public key is refused with a hint', async () => {
    const error = await failure(listWith({host: '0.0.0.0'}, DEFAULT_ADMIN_API_KEY));
    expect(error.code).toBe(Code.Unauthenticated);
    expect(error.rawMessage).toMatch(/makes its own key at start and prints it/);
    const generated = server!.generatedAdminApiKey!;
    expect(generated).toMatch(/^[\w-]{24}$/);
    await server!.close();
    server = undefined;
    // Another start, another key.
    const again = await startServer({logger: silentLogger, host: '0.0.0.0'});
    server = again;
    expect(again.generatedAdminApiKey).not.toBe(generated);
  });

  it('works with the key it made', async () => {
    server = await startServer({logger: silentLogger, host: '0.0.0.0'});
    const admin = createClient(
      RouterAdmin,
      createConnectTransport({baseUrl: `http://127.0.0.1:${server.port}`, httpVersion: '1.1'}),
    );
    const listed = await admin.listPolicies({tenantId: 'acme'}, {headers: {'x-api-key': server.generatedAdminApiKey!}});
    expect(listed.policies.length).toBeGreaterThan(0);
  });

  it('is ADMIN_API_KEY when set, wherever the server listens', async () => {
    expect(
      (await listWith({host: '0.0.0.0', adminApiKey: 'chosen-key'}, 'chosen-key')).policies.length,
    ).toBeGreaterThan(0);
    expect(server?.generatedAdminApiKey).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopback(host)).toBe(loopback);
  });
});
