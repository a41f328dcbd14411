/**
 * The server under fuzz, in its own process so that a crash shows as an
 * exit and its heap can be measured alone. Talks over IPC: sends
 * `{ url }` when listening; answers "heap" with `{ heapUsed }` after a full
 * GC (needs --expose-gc); forwards every error the server logs as
 * `{ error }`. The per-client rate limit is off: the fuzz sends thousands
 * of requests from one address on purpose. TARGET_LIMITS (JSON) overrides
 * more limits.
 */
import type {Logger} from '../../src/logger.js';
import {startServer} from '../../src/server.js';

const send = (message: unknown) => process.send?.(message);
const describe = (cause: unknown) => (cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
const logger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: (message, cause) => send({error: `${message}: ${describe(cause)}`}),
};

const server = await startServer({
  logger,
  limits: {rateLimitPerSecond: 0, ...JSON.parse(process.env.TARGET_LIMITS ?? '{}')},
});
process.on('message', (message) => {
  if (message === 'heap') {
    const gc = (globalThis as {gc?: () => void}).gc;
    gc?.();
    gc?.();
    send({heapUsed: process.memoryUsage().heapUsed, gc: gc !== undefined});
  }
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
send({url: server.url});
