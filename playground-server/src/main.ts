/**
 * Entry point: `tsx playground-server/src/main.ts`. Settings come from the
 * environment: see config.ts and the README's table.
 */
import {configFromEnv, type Config} from './config.js';
import {gatewayConfigFromEnv, type GatewayConfig} from './gateway/config.js';
import {createLogger} from './logger.js';
import {startServer} from './server.js';

let config: Config;
let gateway: GatewayConfig;
try {
  config = configFromEnv(process.env);
  gateway = gatewayConfigFromEnv(process.env);
} catch (error) {
  console.error(`playground-server: ${(error as Error).message}`);
  process.exit(1);
}
const logger = createLogger({format: config.logFormat, level: config.logLevel});

// A playground must outlive a bug in one request: report and keep serving.
process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', reason));
process.on('uncaughtException', (error) => logger.error('uncaught exception', error));

const server = await startServer({...config, gateway, logger}).catch((error: Error) => {
  console.error(`playground-server: ${error.message}`);
  process.exit(1);
});

logger.info(`Beamline playground-server listening on ${server.url}`, {
  router: config.upstream ? config.upstream.url : 'embedded',
  static_dir: config.staticDir ?? 'none (set STATIC_DIR to serve a site)',
});
// Only whoever started the server sees this: the key switches every room's scenario. The page is
// opened on the address the room uses (printed by npm run serve and npm run workshop; npm start's
// API process serves no site), and the projector shows the address it was opened at: no URL here.
logger.info(
  `Workshop facilitator page (keep the key to yourself): /facilitator?key=${server.facilitatorKey} on the address participants open`,
);
if (server.generatedAdminApiKey !== undefined) {
  // Reachable from the LAN: RouterAdmin's key is not the public playground one.
  logger.info(
    `RouterAdmin key for this server (x-api-key; set ADMIN_API_KEY to choose one): ${server.generatedAdminApiKey}`,
  );
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) {
      process.exit(1); // a second Ctrl+C means "now"
    }
    stopping = true;
    logger.info(`${signal}: draining in-flight calls, then exiting`, {grace_ms: config.shutdownGraceMs});
    void server.close().then(() => process.exit(0));
  });
}
