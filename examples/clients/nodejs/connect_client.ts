// Calls the Beamline Router with Connect-ES over gRPC (HTTP/2), with a retry
// interceptor. Connect-ES is what this guide's playground uses in the
// browser; on Node the same generated code and interceptors work over gRPC.
//
//   BEAMLINE_HTTP_URL  base URL of the Router (default http://localhost:3000, the playground-server;
//                      gRPC goes over cleartext HTTP/2 on the same port)
//   BEAMLINE_TENANT    tenant to route for (default demo)
//   BEAMLINE_FAULT     optional x-beamline-fault header, for the playground only (e.g. "error=1;code=unavailable")
//
// Run: npx tsx connect_client.ts. Exit status 0 with a decision, 1 without.
import {randomUUID} from 'node:crypto';
import {setTimeout as sleep} from 'node:timers/promises';
import {Code, ConnectError, createClient, type Interceptor} from '@connectrpc/connect';
import {createGrpcTransport} from '@connectrpc/connect-node';
import {Router} from './gen/beamline/flow/v1/flow_pb.ts';

const baseUrl = process.env.BEAMLINE_HTTP_URL ?? 'http://localhost:3000';
const tenant = process.env.BEAMLINE_TENANT ?? 'demo';

/** Codes where trying again can help: the Router is briefly unable, not unwilling. */
const RETRYABLE = new Set([Code.Unavailable, Code.ResourceExhausted]);

/**
 * Retries a unary call with exponential backoff and full jitter. An
 * interceptor, so every method of every client built on the transport gets
 * it. The caller's deadline (timeoutMs) covers each attempt.
 */
function retry({maxAttempts = 4, baseMs = 100, capMs = 2_000} = {}): Interceptor {
  return (next) => async (req) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await next(req);
      } catch (error) {
        const failure = ConnectError.from(error);
        if (req.stream || !RETRYABLE.has(failure.code) || attempt === maxAttempts || req.signal.aborted) {
          throw failure;
        }
        const pushback = Number(failure.metadata.get('grpc-retry-pushback-ms'));
        const delayMs = pushback > 0 ? pushback : Math.random() * Math.min(capMs, baseMs * 2 ** (attempt - 1));
        console.log(
          `attempt ${attempt}: ${Code[failure.code]} (${failure.rawMessage}); retrying in ${Math.round(delayMs)} ms`,
        );
        await sleep(delayMs, undefined, {signal: req.signal});
      }
    }
  };
}

/** Adds the same headers to every call: correlation id, and the playground's fault header when asked for. */
const headers: Interceptor = (next) => (req) => {
  req.header.set('x-correlation-id', randomUUID());
  if (process.env.BEAMLINE_FAULT) {
    req.header.set('x-beamline-fault', process.env.BEAMLINE_FAULT);
  }
  return next(req);
};

// One transport for the process: it keeps one HTTP/2 connection and runs every call over it.
// The first interceptor is the outermost: the headers are set once, and every retry carries them.
const transport = createGrpcTransport({baseUrl, interceptors: [headers, retry()]});
const router = createClient(Router, transport);

try {
  const decision = await router.decide(
    {
      // The same messageId on every retry: a sticky policy keeps it on one provider.
      message: {
        messageId: `msg-${randomUUID()}`,
        tenantId: tenant,
        messageType: 'chat',
        timestampMs: BigInt(Date.now()),
      },
      context: {tier: 'standard'},
    },
    {timeoutMs: 2_000},
  );
  console.log(
    `decision provider=${decision.providerId} priority=${decision.priority} reason=${decision.reason} ` +
      `expected_latency_ms=${decision.expectedLatencyMs}`,
  );
} catch (error) {
  const failure = ConnectError.from(error);
  console.log(`failed: ${Code[failure.code]} (${failure.rawMessage})`);
  process.exitCode = 1;
}
