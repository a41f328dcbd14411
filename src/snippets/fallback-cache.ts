// Where each answer comes from during a scripted Router outage: the Router, a fresh cache, a stale cache, or a default.
// fallback.ts is in the other tab: edit it too, then Run.
import {FallbackCache, withFallback} from './fallback';

const ttlMs = 1_000; // an answer this young is served without calling the Router
const staleIfErrorMs = 3_000; // how long past that a cached answer may stand in for a failure
const useDefault = true; // false: when nothing cached is usable, the caller gets the error

const cache = new FallbackCache<RouteDecision>({ttlMs, staleIfErrorMs, maxEntries: 100});
const defaultRoute = (): RouteDecision => ({
  providerId: 'provider-default', // a route nobody chose for this message: it may be the wrong one
  reason: 'static default',
  priority: 0,
  expectedLatencyMs: 0n,
  expectedCost: 0,
  metadata: {},
});

function phase(at: number): [string, string] {
  if (at < 3_000) return ['healthy', 'latency=20ms'];
  if (at < 9_000) return ['outage', 'error=1;code=unavailable;latency=20ms'];
  return ['recovered', 'latency=20ms'];
}

const types = ['chat', 'email', 'sms', 'push']; // one cache entry per message type
const tally: Record<string, Record<string, number>> = {};
let current = '';
let calls = 0;
for (let i = 0; now() < 12_000; i++) {
  const [name, spec] = phase(now());
  if (name !== current) {
    fault(spec);
    chart.point({series: 'phase', outcome: name});
    log(`${name}: ${spec}`);
    current = name;
  }
  const messageType = types[i % types.length] ?? 'chat';
  const request = {message: {messageId: `m-${i}`, tenantId: tenant, messageType}};
  let outcome: string;
  let age = 0;
  try {
    const answer = await withFallback(
      messageType,
      () => {
        calls++;
        return router.decide(request, {timeoutMs: 1_000});
      },
      {cache, fallback: useDefault ? defaultRoute : undefined},
    );
    outcome = answer.source;
    age = answer.ageMs ?? 0;
  } catch (error) {
    outcome = codeName(ConnectError.from(error).code);
  }
  chart.point({outcome, value: age});
  const counts = (tally[name] ??= {});
  counts[outcome] = (counts[outcome] ?? 0) + 1;
  await sleep(50);
}
for (const [name, counts] of Object.entries(tally)) {
  log(
    `${name} answers: ${Object.entries(counts)
      .map(([source, n]) => `${n} ${source}`)
      .join(', ')}`,
  );
}
log(`${calls} calls to the Router`);
