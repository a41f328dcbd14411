// Client-side adaptive throttling (Google SRE book, "Handling Overload") while the Router is overloaded:
// from 2 s to 6 s it accepts only 5 calls a second and refuses the rest with RESOURCE_EXHAUSTED.
// The throttle is in adaptive-throttle.ts: edit it too, then Run.
import {AdaptiveThrottle} from './adaptive-throttle';
import {RejectedError} from './errors';

const windowMs = 2_000; // the book keeps 2 minutes; 2 s lets you watch it
const throttle = new AdaptiveThrottle({k: 2, windowMs});
const perSecond = 20; // what the application asks for, throughout
const scriptedOverload = true; // false: the dial's rate limit decides what the Router accepts

function phase(at: number): [string, string | null] {
  if (at < 2_000) return ['healthy', null];
  if (at < 6_000) return ['overloaded: the Router accepts 5/s', 'ratelimit=5/s'];
  return ['recovered', null];
}

// Every 500 ms, chart what happened in it (as per-second rates) and the current probability.
const tally = {accepted: 0, refused: 0, dropped: 0};
const sampler = (async () => {
  while (now() < 9_000) {
    await sleep(500);
    chart.point({series: 'accepted', outcome: 'ok', value: tally.accepted * 2});
    chart.point({series: 'refused', outcome: 'resource_exhausted', value: tally.refused * 2});
    chart.point({series: 'dropped', outcome: 'rejected', value: tally.dropped * 2});
    chart.point({series: 'p', outcome: 'p', value: throttle.probability()});
    Object.assign(tally, {accepted: 0, refused: 0, dropped: 0});
  }
})();

const calls: Promise<void>[] = [];
let current = '';
for (let i = 1; now() < 9_000; i++) {
  const [name, spec] = phase(now());
  if (name !== current && scriptedOverload) {
    fault(spec);
    log(`${name} (local rejection probability now ${throttle.probability().toFixed(2)})`);
    current = name;
  }
  calls.push(
    throttle
      .execute(({signal}) =>
        router.decide({message: {messageId: `m-${i}`, tenantId: tenant}}, {signal, timeoutMs: 1_000}),
      )
      .then(() => void tally.accepted++)
      .catch((error) => {
        if (error instanceof RejectedError)
          tally.dropped++; // never left the client
        else tally.refused++; // the Router spent work refusing it
      }),
  );
  await sleep(1_000 / perSecond);
}
await Promise.all([sampler, ...calls]);
const {requests, accepts} = throttle.counts();
log(`last ${windowMs / 1000} s: ${requests} requests, ${accepts} accepted → p = ${throttle.probability().toFixed(2)}`);
