// The Router's side of request-reply on beamline.router.v1.decide: a
// stand-in that answers the way the Router's NATS consumer does, so the
// requester below runs without a Router. Instances in one queue group share
// the requests: start several and each request goes to one of them.
//
//   NATS_URL=nats://127.0.0.1:4222 node examples/nats/decide-responder.mjs
import {connect, JSONCodec} from 'nats';

const SUBJECT = process.env.ROUTER_DECIDE_SUBJECT ?? 'beamline.router.v1.decide';
const nc = await connect({servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222'});
const json = JSONCodec();

const subscription = nc.subscribe(SUBJECT, {queue: 'router'});
console.log(`answering ${SUBJECT}`);

for await (const message of subscription) {
  let request;
  try {
    request = json.decode(message.data);
  } catch {
    message.respond(json.encode({ok: false, error: {code: 'invalid_request', message: 'body is not JSON'}}));
    continue;
  }
  // The Router's consumer needs task.type (c-gateway checks `task` but does
  // not forward it: see the troubleshooting table in Section 6).
  if (typeof request?.task?.type !== 'string' || request.task.type === '') {
    message.respond(json.encode({ok: false, error: {code: 'invalid_request', message: 'task.type is required'}}));
    continue;
  }
  const provider = request.task.type === 'batch' ? 'bulk' : 'alpha';
  message.respond(
    json.encode({
      ok: true,
      decision: {provider_id: provider, priority: 1, expected_latency_ms: 120, expected_cost: 0.01, reason: 'weighted'},
      context: {request_id: request.request_id},
    }),
  );
}
