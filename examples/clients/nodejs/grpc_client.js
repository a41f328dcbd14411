// Calls the Beamline Router over gRPC with @grpc/grpc-js: a promise API,
// deadlines, metadata, and a retry middleware with backoff and jitter.
//
//   BEAMLINE_GRPC_ADDR  host:port of the Router (default localhost:3000, the playground-server)
//   BEAMLINE_TENANT     tenant to route for (default demo)
//   BEAMLINE_PROTO_DIR  where beamline/flow/v1/flow.proto is (default: this repository's proto/)
//   BEAMLINE_FAULT      optional x-beamline-fault metadata, for the playground only
//                       (e.g. "error=1;code=unavailable"); a real Router ignores it
//
// Run: node grpc_client.js. Exit status 0 with a decision, 1 without.
// @ts-check
import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {fileURLToPath} from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

/** @typedef {import("./gen/proto-loader/flow.js").ProtoGrpcType} ProtoGrpcType */
/** @typedef {import("./gen/proto-loader/beamline/flow/v1/RouteRequest.js").RouteRequest} RouteRequest */
/** @typedef {import("./gen/proto-loader/beamline/flow/v1/RouteDecision.js").RouteDecision__Output} RouteDecision */
/** @typedef {import("./gen/proto-loader/beamline/flow/v1/Router.js").RouterClient} RouterClient */
/** @typedef {{ metadata?: grpc.Metadata, timeoutMs?: number }} CallOptions */
/** @typedef {(request: RouteRequest, options?: CallOptions) => Promise<RouteDecision>} Decide */

const addr = process.env.BEAMLINE_GRPC_ADDR ?? 'localhost:3000';
const tenant = process.env.BEAMLINE_TENANT ?? 'demo';
const protoDir = process.env.BEAMLINE_PROTO_DIR ?? fileURLToPath(new URL('../../../proto', import.meta.url));

// The proto is read at run time; these options must match the flags the
// TypeScript types in gen/proto-loader were generated with.
const definition = protoLoader.loadSync('beamline/flow/v1/flow.proto', {
  includeDirs: [protoDir],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const proto = /** @type {ProtoGrpcType} */ (/** @type {unknown} */ (grpc.loadPackageDefinition(definition)));

/**
 * The callback API as a promise, with a deadline on every call: without one,
 * a call to a stuck server waits forever.
 * @param {RouterClient} client
 * @returns {Decide}
 */
function promiseDecide(client) {
  return (request, {metadata = new grpc.Metadata(), timeoutMs = 2_000} = {}) =>
    new Promise((resolve, reject) => {
      client.Decide(request, metadata, {deadline: Date.now() + timeoutMs}, (error, decision) =>
        error || !decision ? reject(error) : resolve(decision),
      );
    });
}

/** Codes where trying again can help: the Router is briefly unable, not unwilling. */
const RETRYABLE = new Set([grpc.status.UNAVAILABLE, grpc.status.RESOURCE_EXHAUSTED]);

/**
 * Retry middleware: wraps a promise call, retrying retryable failures with
 * exponential backoff and full jitter (a random delay up to base·2^n, capped),
 * which keeps many clients that failed together from retrying in lockstep.
 * A server that says when to come back (grpc-retry-pushback-ms) is believed.
 * @param {Decide} call
 * @param {{ maxAttempts?: number, baseMs?: number, capMs?: number }} [options]
 * @returns {Decide}
 */
function withRetry(call, {maxAttempts = 4, baseMs = 100, capMs = 2_000} = {}) {
  return async (request, options) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call(request, options);
      } catch (error) {
        const failure = /** @type {grpc.ServiceError} */ (error);
        if (!RETRYABLE.has(failure.code) || attempt === maxAttempts) {
          throw failure;
        }
        const pushback = Number(failure.metadata?.get('grpc-retry-pushback-ms')[0]);
        const delayMs = pushback > 0 ? pushback : Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));
        console.log(
          `attempt ${attempt}: ${grpc.status[failure.code]} (${failure.details}); retrying in ${Math.round(delayMs)} ms`,
        );
        await sleep(delayMs);
      }
    }
  };
}

// One client for the process: it keeps one HTTP/2 connection and runs every call over it.
const client = new proto.beamline.flow.v1.Router(addr, grpc.credentials.createInsecure());
const decide = withRetry(promiseDecide(client));

const metadata = new grpc.Metadata();
metadata.set('x-correlation-id', randomUUID());
if (process.env.BEAMLINE_FAULT) {
  metadata.set('x-beamline-fault', process.env.BEAMLINE_FAULT);
}

try {
  const decision = await decide(
    {
      // The same message_id on every retry: a sticky policy keeps it on one provider.
      message: {
        message_id: `msg-${randomUUID()}`,
        tenant_id: tenant,
        message_type: 'chat',
        payload: Buffer.from('{"text":"hello"}'),
      },
      context: {tier: 'standard'},
    },
    {metadata, timeoutMs: 2_000},
  );
  console.log(
    `decision provider=${decision.provider_id} priority=${decision.priority} reason=${decision.reason} ` +
      `expected_latency_ms=${decision.expected_latency_ms}`,
  );
} catch (error) {
  const failure = /** @type {grpc.ServiceError} */ (error);
  console.log(`failed: ${grpc.status[failure.code] ?? failure.code} (${failure.details ?? failure.message})`);
  process.exitCode = 1;
} finally {
  // Lets the process exit: the open channel would keep it alive.
  client.close();
}
