// A retry budget (gRFC A6 retry throttling) shared by every call, during a scripted Router outage.
// retry.ts and retry-throttle.ts are in the other tabs: edit them too, then Run.
import {fullJitterBackoff} from './backoff';
import {retry} from './retry';
import {RetryThrottle} from './retry-throttle';

const useBudget = true; // false: every request retries up to maxAttempts, outage or not
const scriptedOutage = true; // false: only the fault dial decides what fails
const throttle = new RetryThrottle({maxTokens: 10, tokenRatio: 0.5}); // A6's example uses 0.1
const tokens = () => chart.point({series: 'tokens', outcome: 'tokens', value: throttle.tokens});
chart.point({series: 'half', outcome: 'half', value: throttle.options.maxTokens / 2});
tokens();

function phase(at: number): [string, string] {
  if (at < 2_500) return ['healthy', 'error=0.1;code=unavailable;latency=20ms'];
  if (at < 6_500) return ['outage', 'error=0.9;code=unavailable;latency=20ms'];
  return ['recovery', 'error=0.1;code=unavailable;latency=20ms'];
}

const stats: Record<string, {requests: number; calls: number}> = {};
let current = '';
let throttled = false;
for (let i = 1; now() < 10_000; i++) {
  const [name, spec] = phase(now());
  if (name !== current && scriptedOutage) {
    fault(spec);
    log(`${name}: ${spec}`);
    current = name;
  }
  const counts = (stats[scriptedOutage ? name : 'all'] ??= {requests: 0, calls: 0});
  counts.requests++;
  await retry(
    ({signal}) => router.decide({message: {messageId: `m-${i}`, tenantId: tenant}}, {signal, timeoutMs: 1_000}),
    {
      maxAttempts: 3, // 3 tries per request: the amplification a budget caps
      retryableCodes: [Code.Unavailable],
      backoff: fullJitterBackoff({baseMs: 50, capMs: 200}),
      throttle: useBudget ? throttle : undefined,
      onEvent(event) {
        if (event.type === 'attempt') {
          counts.calls++;
          const outcome = event.code === undefined ? 'ok' : codeName(event.code);
          chart.point({
            attempt: event.attempt,
            outcome,
            latencyMs: event.endedAt - event.startedAt,
            delayMs: event.delayMs,
          });
          if (event.outcome === 'success') tokens();
        } else if (event.type === 'retry' || event.type === 'give-up') {
          tokens(); // after the failure has cost its token
          const stopped = event.type === 'give-up' && event.reason === 'throttled';
          if (stopped && !throttled) log(`request ${i}: budget at ${throttle.tokens} of 10 tokens, retries stop`);
          if (event.type === 'retry' && throttled) log(`request ${i}: budget above half again, retries resume`);
          if (stopped || event.type === 'retry') throttled = stopped;
        }
      },
    },
  ).catch(() => {}); // a failed request is charted; the loop goes on
  await sleep(100);
}
tokens();
chart.point({series: 'half', outcome: 'half', value: throttle.options.maxTokens / 2});
for (const [name, {requests, calls}] of Object.entries(stats)) {
  log(`${name}: ${requests} requests → ${calls} calls (${(calls / requests).toFixed(2)} per request)`);
}
