// A client-side token bucket in front of router.decide: bursts up to `capacity`, then `refillPerSecond`.
// The bucket itself is in token-bucket.ts: edit it too, then Run.
import {RejectedError} from './errors';
import {TokenBucket} from './token-bucket';

const bucket = new TokenBucket({capacity: 5, refillPerSecond: 2});

// What the application wants: [until ms, calls per second, name].
const phases: Array<[number, number, string]> = [
  [1_000, 2, 'steady 2/s, the refill rate'],
  [1_250, 20, 'burst of 20/s for a quarter second: the stored tokens absorb it'],
  [4_500, 5, 'steady 5/s, above the refill rate'],
  [6_500, 1, 'quiet 1/s: the bucket fills up again'],
  [8_000, 20, 'another burst of 20/s'],
];
const phaseAt = (at: number) => phases.find(([until]) => at < until) ?? phases[phases.length - 1];

// Sample the level for the line, independently of the calls.
const sampler = (async () => {
  while (now() < 8_000) {
    chart.point({series: 'tokens', outcome: 'tokens', value: bucket.tokens()});
    await sleep(50);
  }
})();

const calls: Promise<void>[] = [];
const tally = new Map<string, {admitted: number; refused: number}>();
for (let i = 1; now() < 8_000; i++) {
  const [, perSecond, name] = phaseAt(now());
  if (!tally.has(name)) log(name);
  const counts = tally.get(name) ?? {admitted: 0, refused: 0};
  tally.set(name, counts);
  const level = bucket.tokens(); // the dot's height: tokens when the call arrived
  calls.push(
    bucket
      .execute(() => router.decide({message: {messageId: `m-${i}`, tenantId: tenant}}, {timeoutMs: 1_000}))
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
await Promise.all([sampler, ...calls]);
for (const [name, {admitted, refused}] of tally) log(`${name}: ${admitted} admitted, ${refused} refused`);
