// The server's own limit (the dial's "rate limit"): every request must get through, twice over —
// first retrying refused calls at once, then waiting as long as the server's pushback says.
// pushback.ts (the tab) reads `grpc-retry-pushback-ms` and `retry-after` from the error.
import {constantBackoff} from './backoff';
import {pushbackFromError} from './pushback';
import {retry} from './retry';

const requestsPerRound = 20;

async function round(name: string, honourPushback: boolean) {
  log(`${name}: ${requestsPerRound} requests, as fast as the server lets them through`);
  const started = now();
  let calls = 0;
  let refused = 0;
  for (let i = 1; i <= requestsPerRound; i++) {
    await retry(() => router.decide({message: {messageId: `${name}-${i}`, tenantId: tenant}}, {timeoutMs: 1_000}), {
      maxAttempts: 50,
      retryableCodes: [Code.ResourceExhausted],
      backoff: constantBackoff(10), // used when there is no pushback, or it is ignored
      pushback: honourPushback ? pushbackFromError : false,
      onEvent(event) {
        if (event.type !== 'attempt') return;
        calls++;
        const outcome = event.code === undefined ? 'ok' : codeName(event.code);
        if (event.code !== undefined) refused++;
        chart.point({
          attempt: event.attempt,
          delayMs: event.delayMs,
          outcome,
          latencyMs: event.endedAt - event.startedAt,
        });
        const error = event.error instanceof ConnectError ? event.error : undefined;
        if (error && refused === 1) {
          log(
            `refused: retry-after: ${error.metadata.get('retry-after')} s, grpc-retry-pushback-ms: ${error.metadata.get('grpc-retry-pushback-ms')}`,
          );
        }
      },
    }).catch((error) => log(`${name}-${i} gave up: ${ConnectError.from(error).message}`));
  }
  const seconds = (now() - started) / 1000;
  log(`${name}: ${requestsPerRound} requests in ${seconds.toFixed(1)} s took ${calls} calls, ${refused} refused`);
}

await round('ignoring pushback', false);
await sleep(1_000); // let the server's bucket fill up again
await round('honouring pushback', true);
