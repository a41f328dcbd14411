// A client-side token bucket in front of router.decide: bursts up to `capacity`, then `refillPerSecond`.
// The bucket itself is in token-bucket.ts: edit it too, then Run.
import {RejectedError} from './errors';
import {TokenBucket} from './token-bucket';

const bucket = new TokenBucket({capacity: 5, refillPerSecond: 2});

// What the application wants, phase by phase: [calls, calls per second, name]. Phases count calls, not
// the clock, so a slow start or a busy machine never skips the short burst.
const phases: Array<[number, number, string]> = [
  [2, 2, 'steady 2/s, the refill rate'],
  [5, 20, 'burst of 20/s for a quarter second: the stored tokens absorb it'],
  [16, 5, 'steady 5/s, above the refill rate'],
  [2, 1, 'quiet 1/s: the bucket fills up again'],
  [30, 20, 'another burst of 20/s'],
];

// Sample the level for the line, independently of the calls.
let sending = true;
const sampler = (async () => {
  while (sending) {
    chart.point({series: 'tokens', outcome: 'tokens', value: bucket.tokens()});
    await sleep(50);
  }
})();

const calls: Promise<void>[] = [];
const tally = new Map<string, {admitted: number; refused: number}>();
let i = 0;
for (const [count, perSecond, name] of phases) {
  log(name);
  const counts = {admitted: 0, refused: 0};
  tally.set(name, counts);
  for (let n = 0; n < count; n++) {
    const messageId = `m-${++i}`;
    const level = bucket.tokens(); // the dot's height: tokens when the call arrived
    calls.push(
      bucket
        .execute(() => router.decide({message: {messageId, tenantId: tenant}}, {timeoutMs: 1_000}))
        .then(() => {
          counts.admitted++;
          chart.point({outcome: 'ok', value: level});
        })
        .catch((error) => {
          // A RejectedError never left the client: no network call, no load on the Router.
          const refused = error instanceof RejectedError;
          if (refused) counts.refused++;
          chart.point({outcome: refused ? 'rejected' : codeName(ConnectError.from(error).code), value: level});
        }),
    );
    await sleep(1_000 / perSecond);
  }
}
sending = false;
await Promise.all([sampler, ...calls]);
for (const [name, {admitted, refused}] of tally) log(`${name}: ${admitted} admitted, ${refused} refused`);
