// Each request has one overall deadline (1 s); each attempt gets at most 300 ms of it.
// The dial makes the Router slow and uneven; deadline.ts and retry.ts are in the other tabs.
import {fullJitterBackoff} from './backoff';
import {attemptBudgetMs} from './deadline';
import {retry} from './retry';

const overallMs = 1_000; // the caller's deadline: all attempts and waits included
const attemptMs = 300; // one attempt's timeout
const limitLine = () => chart.point({series: 'attempt', outcome: 'attempt', value: attemptMs});
limitLine();

for (let i = 1; now() < 8_000; i++) {
  const request = {message: {messageId: `order-${i}`, tenantId: tenant}};
  const started = now();
  const left = () =>
    chart.point({series: 'budget', outcome: 'budget', value: Math.max(0, overallMs - (now() - started))});
  left(); // a new request: the whole budget
  await retry(
    async ({attempt, deadline, signal}) => {
      // Pass on what is left: the Router sees it as `connect-timeout-ms` and stops working when it runs out.
      const timeoutMs = Math.ceil(attemptBudgetMs({deadline, attemptTimeoutMs: attemptMs}));
      left();
      const sent = now();
      try {
        await router.decide(request, {signal, timeoutMs});
        chart.point({attempt, outcome: 'ok', latencyMs: now() - sent});
      } catch (error) {
        chart.point({attempt, outcome: codeName(ConnectError.from(error).code), latencyMs: now() - sent});
        throw error;
      }
    },
    {
      timeoutMs: overallMs,
      attemptTimeoutMs: attemptMs,
      maxAttempts: 5,
      retryableCodes: [Code.DeadlineExceeded, Code.Unavailable],
      backoff: fullJitterBackoff({baseMs: 50, capMs: 200}),
      onEvent(event) {
        if (event.type === 'give-up' && event.reason === 'deadline') {
          log(
            `request ${i}: deadline reached after ${event.attempt} attempts (${Math.round(now() - started)} ms), no sleep past it`,
          );
        }
      },
    },
  ).then(
    () => log(`request ${i}: ok in ${Math.round(now() - started)} ms`),
    (error) => log(`request ${i}: failed, ${ConnectError.from(error).rawMessage}`),
  );
  left(); // what was left when it ended
}
limitLine();
