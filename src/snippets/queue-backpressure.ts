// A bounded queue in front of router.decide: 2 calls at a time, 5 more may wait, none waits over 0.5 s.
// The dial's latency is how slow the Router is; the queue itself is in bounded-queue.ts.
import {BoundedQueue} from './bounded-queue';
import {RejectedError} from './errors';

let full = 0;
let timedOut = 0;
let mostWaiting = 0;
const queue = new BoundedQueue({
  concurrency: 2,
  maxQueue: 5,
  maxWaitMs: 500,
  onEvent: ({type, queued}) => {
    chart.point({series: 'queued', outcome: 'queued', value: queued});
    mostWaiting = Math.max(mostWaiting, queued);
    if (type === 'reject-full' && ++full % 10 === 1) log(`queue full (${queued} waiting): rejected at once`);
    if (type === 'timeout' && ++timedOut === 1) log('a call waited 500 ms in the queue and gave up');
  },
});

// Arrivals per second, by phase: the Router (about 200 ms a call, 2 at a time) serves about 10/s.
const phases: Array<[number, number, string]> = [
  [2_000, 6, 'light load, 6/s: nothing waits long'],
  [5_000, 25, 'overload, 25/s: the queue fills, the rest is rejected'],
  [8_000, 6, 'light load again: the queue drains'],
];

const calls: Promise<void>[] = [];
let phase = '';
for (let i = 1; now() < 8_000; i++) {
  const [, perSecond, name] = phases.find(([until]) => now() < until) ?? phases[phases.length - 1];
  if (name !== phase) log((phase = name));
  const arrived = now();
  calls.push(
    queue
      .execute(({signal}) =>
        router.decide({message: {messageId: `m-${i}`, tenantId: tenant}}, {signal, timeoutMs: 2_000}),
      )
      .then(() => chart.point({outcome: 'ok', latencyMs: now() - arrived}))
      .catch((error) => {
        const kind = error instanceof RejectedError ? error.kind : undefined;
        const outcome = kind === 'queue-full' ? 'rejected' : codeName(ConnectError.from(error).code);
        chart.point({outcome, latencyMs: now() - arrived});
      }),
  );
  await sleep(1_000 / perSecond);
}
await Promise.all(calls);
log(`done: ${full} rejected because the queue was full, ${timedOut} gave up waiting, at most ${mostWaiting} waiting`);
