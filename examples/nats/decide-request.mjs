// The caller's side of request-reply, what c-gateway does for
// POST /api/v1/routes/decide: publish the request with a reply subject and
// wait for one answer, with a timeout. No responder at all is reported at
// once (the server says "no responders"), not after the timeout.
//
//   NATS_URL=nats://127.0.0.1:4222 node examples/nats/decide-request.mjs
import {connect, ErrorCode, JSONCodec} from 'nats';

const SUBJECT = process.env.ROUTER_DECIDE_SUBJECT ?? 'beamline.router.v1.decide';
const nc = await connect({servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222'});
const json = JSONCodec();

async function decide(body) {
  try {
    const reply = await nc.request(SUBJECT, json.encode(body), {timeout: 2_000});
    return json.decode(reply.data);
  } catch (error) {
    if (error.code === ErrorCode.NoResponders) {
      return {ok: false, error: {code: 'unavailable', message: `no Router is subscribed to ${SUBJECT}`}};
    }
    if (error.code === ErrorCode.Timeout) {
      return {ok: false, error: {code: 'timeout', message: 'the Router did not answer within 2 s'}};
    }
    throw error;
  }
}

const good = await decide({
  version: '1',
  tenant_id: 'acme',
  request_id: 'r-1',
  task: {type: 'batch', payload: {size: 3}},
});
console.log('decide r-1:', JSON.stringify(good));

const missingTask = await decide({version: '1', tenant_id: 'acme', request_id: 'r-2'});
console.log('decide r-2:', JSON.stringify(missingTask));

await nc.drain();
process.exitCode = good.ok ? 0 : 2;
