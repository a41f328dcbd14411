/**
 * A stand-in for a real Router in its own process, for the upstream tests:
 * the embedded Router, with Decide held for DELAY_MS first so that calls
 * are in flight when a test kills this process. PORT is required.
 */
import type {ServiceImpl} from '@connectrpc/connect';
import type {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {DEFAULT_ADMIN_API_KEY} from '../../src/config.js';
import {sleep} from '../../src/faults/sleep.js';
import {silentLogger} from '../../src/logger.js';
import {createEmbeddedRouter} from '../../src/router/service.js';
import {startServer} from '../../src/server.js';

const delayMs = Number(process.env.DELAY_MS ?? 0);
const embedded = createEmbeddedRouter({adminApiKey: DEFAULT_ADMIN_API_KEY});
const router: ServiceImpl<typeof Router> = {
  async decide(request, context) {
    await sleep(delayMs, context.signal);
    return embedded.router.decide(request, context);
  },
};
const server = await startServer({
  port: Number(process.env.PORT),
  backend: {...embedded, router},
  logger: silentLogger,
  limits: {rateLimitPerSecond: 0},
});
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
