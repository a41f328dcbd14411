// A JetStream durable consumer that cannot lose a job: explicit acks,
// redelivery with backoff when a job is not acked, at most MAX_DELIVER
// tries, then the job goes to a dead-letter subject instead of vanishing.
//
//   NATS_URL=nats://127.0.0.1:4222 node examples/nats/jetstream-worker.mjs
//
// It publishes three jobs (one of them poison: no task.type), works them
// off and stops when each is either done or dead-lettered.
import {AckPolicy, connect, headers, JSONCodec, nanos} from 'nats';

const STREAM = 'BEAMLINE_JOBS';
const SUBJECT = 'beamline.jobs.decide';
const DEAD_STREAM = 'BEAMLINE_JOBS_DEAD';
const DEAD_SUBJECT = 'beamline.jobs.dead';
const CONSUMER = 'decide-worker';
const MAX_DELIVER = 3;
// Waits before the 2nd and 3rd delivery of a job that was not acked.
const BACKOFF_MS = [100, 300];

const nc = await connect({servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222'});
const jsm = await nc.jetstreamManager();
const js = nc.jetstream();
const json = JSONCodec();

// Idempotent setup: a fresh stream for the jobs, one for the dead letters.
for (const [name, subject] of [
  [STREAM, SUBJECT],
  [DEAD_STREAM, DEAD_SUBJECT],
]) {
  await jsm.streams.delete(name).catch(() => {});
  await jsm.streams.add({name, subjects: [subject]});
}
await jsm.consumers.add(STREAM, {
  durable_name: CONSUMER,
  ack_policy: AckPolicy.Explicit,
  max_deliver: MAX_DELIVER,
  // Redelivery waits (the server's, for a job neither acked nor nak'ed):
  // first try, then +100 ms, then +300 ms.
  backoff: BACKOFF_MS.map((ms) => nanos(ms)),
});

const jobs = [
  {request_id: 'j-1', task: {type: 'text.generate'}},
  {request_id: 'j-2'}, // poison: the handler rejects it every time
  {request_id: 'j-3', task: {type: 'batch'}},
];
const publishedAt = Date.now();
for (const job of jobs) {
  // The ack from the stream means the job is stored: it survives this process.
  await js.publish(SUBJECT, json.encode(job), {msgID: job.request_id});
}

function handle(job) {
  if (typeof job.task?.type !== 'string') {
    throw new Error('task.type is required');
  }
  return job.task.type === 'batch' ? 'bulk' : 'alpha';
}

const consumer = await js.consumers.get(STREAM, CONSUMER);
const messages = await consumer.consume();
let settled = 0;
for await (const message of messages) {
  const job = json.decode(message.data);
  const delivery = message.info.redeliveryCount; // 1 on the first delivery
  const at = `+${String(Date.now() - publishedAt).padStart(4)} ms`;
  try {
    const provider = handle(job);
    message.ack();
    console.log(`${at} ${job.request_id} delivery ${delivery}: done → ${provider}`);
    settled++;
  } catch (error) {
    if (delivery < MAX_DELIVER) {
      // No ack: the server redelivers after the next backoff step.
      console.log(`${at} ${job.request_id} delivery ${delivery}: failed (${error.message}), will be redelivered`);
      continue;
    }
    // Last try failed: park the job where a person or a repair job can see it,
    // then tell the server to stop redelivering it.
    const h = headers();
    h.set('Beamline-Error', error.message);
    h.set('Beamline-Deliveries', String(delivery));
    h.set('Beamline-Original-Subject', message.subject);
    await js.publish(DEAD_SUBJECT, message.data, {headers: h});
    message.term();
    console.log(`${at} ${job.request_id} delivery ${delivery}: failed, moved to ${DEAD_SUBJECT}`);
    settled++;
  }
  if (settled === jobs.length) {
    messages.stop();
  }
}

const dead = await jsm.streams.getMessage(DEAD_STREAM, {last_by_subj: DEAD_SUBJECT});
console.log(
  `dead letter: ${json.decode(dead.data).request_id} after ${dead.header.get('Beamline-Deliveries')} deliveries: ` +
    dead.header.get('Beamline-Error'),
);
await nc.drain();
