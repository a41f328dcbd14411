// Tail latency and what hedging does to it: each round sends one plain request and one hedged request.
// hedge.ts (gRFC A6 hedging) and retry-throttle.ts are in the other tabs: edit them too, then Run.
import {hedge} from './hedge';
import {RetryThrottle} from './retry-throttle';

const tailShare = 0.05; // 5 % of calls take tailMs longer: a GC pause, a cold cache, a slow replica
const tailMs = 800;
fault(`latency=20ms;jitter=20ms;tail=${tailShare}:${tailMs}ms`);

const maxAttempts = 3; // the original and up to two hedges (A6 caps this at 5)
const hedgingDelayMs = 60; // a little above a normal call's p95 (20–40 ms + the network)
const throttle = new RetryThrottle({maxTokens: 10, tokenRatio: 0.1}); // A6 throttling applies to hedges too

const runForMs = 15_000;
const took = {plain: [] as number[], hedged: [] as number[]};
let hedgedCalls = 0;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function report(): void {
  for (const lane of ['plain', 'hedged'] as const) {
    chart.point({series: `p99 ${lane}`, outcome: lane, value: percentile(took[lane], 99)});
  }
  chart.point({series: 'extra', outcome: 'extra', value: hedgedCalls / took.hedged.length - 1});
}

for (let i = 1; now() < runForMs; i++) {
  const request = {message: {messageId: `order-${i}`, tenantId: tenant}};

  let started = now();
  await router.decide(request, {timeoutMs: 5_000});
  took.plain.push(now() - started);
  chart.point({outcome: 'plain', latencyMs: now() - started});

  started = now();
  await hedge(
    ({signal}) => {
      hedgedCalls++; // a cancelled loser still reached the Router: it costs a call
      return router.decide(request, {signal, timeoutMs: 5_000});
    },
    {maxAttempts, hedgingDelayMs, nonFatalCodes: [Code.Unavailable], throttle, timeoutMs: 5_000},
  );
  took.hedged.push(now() - started);
  chart.point({outcome: 'hedged', latencyMs: now() - started});

  if (i % 10 === 0) report();
}
report();
for (const lane of ['plain', 'hedged'] as const) {
  const values = took[lane];
  log(
    `${lane}: ${values.length} requests, p50 ${percentile(values, 50).toFixed(0)} ms, ` +
      `p95 ${percentile(values, 95).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms`,
  );
}
log(`hedging cost: ${(hedgedCalls / took.hedged.length - 1).toFixed(2)} extra calls per request`);
