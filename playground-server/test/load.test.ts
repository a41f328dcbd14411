/**
 * Load: 1 000 calls at once, over the three protocols, against a server
 * with its default limits (so the defaults are shown not to throttle one
 * busy client), then the same through a proxying server (ROUTER_URL).
 * Every call must succeed.
 */
import {createClient, type Client} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport, createGrpcWebTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {silentLogger} from '../src/logger.js';
import {startServer, type RunningServer} from '../src/server.js';

const CALLS = 1_000;

function clientsFor(baseUrl: string): Client<typeof Router>[] {
  return [
    createClient(Router, createConnectTransport({baseUrl, httpVersion: '1.1'})),
    createClient(Router, createGrpcWebTransport({baseUrl, httpVersion: '1.1'})),
    createClient(Router, createGrpcTransport({baseUrl})),
  ];
}

/** Fires CALLS calls at once; each waits 50 ms inside the server, so they really overlap. */
async function burst(baseUrl: string): Promise<{errors: string[]; seconds: number}> {
  const clients = clientsFor(baseUrl);
  const errors: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({length: CALLS}, (_, i) =>
      clients[i % clients.length]!.decide(
        {message: {tenantId: `t${i % 7}`, messageId: `m-${i}`}},
        {headers: {'x-beamline-fault': 'latency=50ms', 'x-correlation-id': `load-${i}`}},
      ).then(
        (decision) => {
          if (decision.providerId === '') errors.push(`#${i}: empty decision`);
        },
        (error: Error) => errors.push(`#${i}: ${error.message}`),
      ),
    ),
  );
  return {errors, seconds: (performance.now() - started) / 1000};
}

let embedded: RunningServer;
let proxy: RunningServer;
beforeAll(async () => {
  embedded = await startServer({logger: silentLogger});
  proxy = await startServer({
    logger: silentLogger,
    upstream: {url: embedded.url, timeoutMs: 10_000, pingIntervalMs: 10_000, probeIntervalMs: 5_000},
  });
});
afterAll(async () => {
  await proxy?.close();
  await embedded?.close();
});

// Success is what this asserts; how long it takes is npm run bench's to report, so a slow machine only waits longer.
describe(`load: ${CALLS} concurrent calls`, {timeout: 90_000}, () => {
  it('all succeed against the embedded Router, under the default limits', async () => {
    const {errors, seconds} = await burst(embedded.url);
    console.log(`load: ${CALLS} concurrent calls, embedded Router, ${seconds.toFixed(2)} s`);
    expect(errors.slice(0, 5)).toEqual([]);
  });

  it('all succeed through a proxying server', async () => {
    const {errors, seconds} = await burst(proxy.url);
    console.log(`load: ${CALLS} concurrent calls through the proxy, ${seconds.toFixed(2)} s`);
    expect(errors.slice(0, 5)).toEqual([]);
  });
});
