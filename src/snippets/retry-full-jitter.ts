// Exponential backoff with full jitter. The fault dial above sets how often the
// Router fails your calls; change a knob, press Run (Ctrl/Cmd+Enter), compare the charts.
const base = 100; // ms: upper bound of the first retry's delay
const cap = 2_000; // ms: no delay is ever longer than this
const maxAttempts = 6; // counts the first call
const retryable = new Set([Code.Unavailable, Code.ResourceExhausted]);

/** AWS "Exponential Backoff And Jitter": sleep = random(0, min(cap, base · 2^retry)). */
function fullJitter(retry: number): number {
  return Math.random() * Math.min(cap, base * 2 ** retry);
}

async function decideWithRetry(request: RouteRequestInit): Promise<RouteDecision> {
  let delayMs = 0;
  for (let attempt = 1; ; attempt++) {
    await sleep(delayMs);
    const started = now();
    try {
      const decision = await router.decide(request, {timeoutMs: 2_000});
      chart.point({attempt, delayMs, outcome: 'ok', latencyMs: now() - started});
      log(`attempt ${attempt} ok after waiting ${Math.round(delayMs)} ms → ${decision.providerId}`);
      return decision;
    } catch (thrown) {
      const error = ConnectError.from(thrown);
      const outcome = codeName(error.code);
      chart.point({attempt, delayMs, outcome, latencyMs: now() - started});
      log(`attempt ${attempt} failed: ${outcome} after waiting ${Math.round(delayMs)} ms`);
      if (!retryable.has(error.code) || attempt >= maxAttempts) throw error;
      delayMs = fullJitter(attempt - 1);
    }
  }
}

for (let i = 1; i <= 5; i++) {
  const request = {message: {messageId: `order-${i}`, tenantId: tenant, messageType: 'chat'}};
  try {
    const decision = await decideWithRetry(request);
    log(`request ${i}: routed to ${decision.providerId} (${decision.reason})`);
  } catch (error) {
    log(`request ${i}: gave up — ${ConnectError.from(error).message}`);
  }
}
