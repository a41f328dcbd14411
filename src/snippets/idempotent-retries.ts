// Side effects per logical request, with and without an idempotency key, while some answers arrive too late.
// retry.ts is in the other tab; the ledger is a playground-only service that appends one entry per call it processes.
import {fullJitterBackoff} from './backoff';
import {retry} from './retry';

const tailShare = 0.3; // 30 % of answers leave the server 400 ms after it appended the entry
fault(`latency=10ms;tail=${tailShare}:400ms`);
const attemptTimeoutMs = 200; // we stop waiting before the late answers arrive
const keyPerAttempt = false; // true: a fresh key on every attempt (a common bug)

const runForMs = 12_000;
// References are new on every run: your ledger keeps the entries of earlier runs.
const run = Math.random().toString(36).slice(2, 6);
const newKey = () => `pay-${Math.random().toString(36).slice(2, 12)}`;
const totals = {'without key': {requests: 0, duplicates: 0}, 'with key': {requests: 0, duplicates: 0, replays: 0}};

async function pay(lane: 'without key' | 'with key', reference: string): Promise<void> {
  const requestKey = newKey(); // one key per logical request, made before the first attempt
  let answer: Awaited<ReturnType<typeof ledger.append>> | undefined;
  try {
    await retry(
      async ({signal}) => {
        const idempotencyKey = lane === 'without key' ? '' : keyPerAttempt ? newKey() : requestKey;
        answer = await ledger.append(
          {reference, amountCents: 500n, idempotencyKey},
          {signal, timeoutMs: attemptTimeoutMs},
        );
      },
      {
        maxAttempts: 4,
        retryableCodes: [Code.DeadlineExceeded, Code.Unavailable],
        backoff: fullJitterBackoff({baseMs: 20, capMs: 200}),
      },
    );
  } catch (error) {
    log(`${reference}: gave up, ${ConnectError.from(error).rawMessage}`);
    return;
  }
  if (!answer) return;
  const total = totals[lane];
  total.requests += 1;
  total.duplicates += answer.entriesForReference - 1;
  if (answer.replayed && 'replays' in total) total.replays += 1;
  chart.point({outcome: lane, value: answer.entriesForReference});
}

for (let i = 1; now() < runForMs; i++) {
  await pay('without key', `order-${run}-${i}`);
  await pay('with key', `order-${run}-${i}-k`);
}
for (const [lane, total] of Object.entries(totals)) {
  const replays = 'replays' in total ? `, ${total.replays} answered from a stored result` : '';
  log(`${lane}: ${total.requests} payments, ${total.duplicates} duplicate entries${replays}`);
}
