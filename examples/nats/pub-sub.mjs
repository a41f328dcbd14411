// Publish/subscribe: every subscriber of a subject gets every message
// published on it while it is subscribed; nobody listening, nothing kept.
//
//   NATS_URL=nats://127.0.0.1:4222 node examples/nats/pub-sub.mjs
import {connect, JSONCodec} from 'nats';

const nc = await connect({servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222'});
const json = JSONCodec();

// `>` matches one or more tokens: every tenant's events.
const subscription = nc.subscribe('beamline.events.>', {max: 3});
const received = (async () => {
  for await (const message of subscription) {
    const event = json.decode(message.data);
    console.log(`received on ${message.subject}: ${event.type} ${event.message_id}`);
  }
})();

for (const [tenant, id] of [
  ['acme', 'm-1'],
  ['acme', 'm-2'],
  ['globex', 'm-3'],
]) {
  nc.publish(`beamline.events.${tenant}.routed`, json.encode({type: 'routed', message_id: id}));
}

// The subscription ends itself after `max` messages.
await received;
// drain: let in-flight messages finish, then close.
await nc.drain();
