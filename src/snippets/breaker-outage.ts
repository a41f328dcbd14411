// A circuit breaker around router.decide, during a scripted Router outage.
// The breaker itself is in the other tabs: edit them too, then Run.
import {CircuitBreaker} from './circuit-breaker';
import {ConsecutiveBreaker} from './consecutive-breaker';
import {RejectedError} from './errors';

const scriptedOutage = true; // false: only the fault dial decides what fails

const breaker = new CircuitBreaker({
  breaker: new ConsecutiveBreaker(5), // open after 5 failures in a row
  openMs: 2_000, // seed 001 waits 30 s; 2 s lets you watch it here
  halfOpen: {permittedCalls: 1, successesToClose: 2},
  onStateChange: ({from, to}) => {
    chart.point({series: 'state', outcome: to});
    log(`circuit ${from} → ${to}`);
  },
});
chart.point({series: 'state', outcome: breaker.state});

function phase(at: number): string | null {
  if (!scriptedOutage) return null;
  if (at >= 2_000 && at < 6_000) return 'error=1;code=unavailable;latency=20ms'; // the outage
  return 'error=0.1;code=unavailable;latency=20ms;jitter=20ms'; // even a healthy Router fails 1 call in 10
}

let lastPhase: string | null | undefined;
while (now() < 12_000) {
  const next = phase(now());
  if (next !== lastPhase && scriptedOutage) {
    fault(next);
    log(next?.startsWith('error=1;') ? 'Router outage begins' : lastPhase ? 'Router recovers' : 'Router healthy');
    lastPhase = next;
  }
  const started = now();
  try {
    await breaker.execute(({signal}) =>
      router.decide({message: {messageId: `m-${started}`, tenantId: tenant}}, {timeoutMs: 1_000, signal}),
    );
    chart.point({outcome: 'ok', latencyMs: now() - started});
  } catch (error) {
    // A rejected call never reached the Router: that is the point of the breaker.
    const outcome = error instanceof RejectedError ? 'rejected' : codeName(ConnectError.from(error).code);
    chart.point({outcome, latencyMs: now() - started});
  }
  await sleep(100);
}
log(`done: circuit is ${breaker.state}`);
