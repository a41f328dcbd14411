import {describe, expect, it} from 'vitest';
import {createClientRateLimit, rateLimitError} from './client-rate-limit.js';
import {retryHeaders} from './retry-headers.js';

function limiter(perSecond = 5, burst = 5) {
  let now = 1_000;
  const check = createClientRateLimit({perSecond, burst, sessionsPerAddress: 10, now: () => now});
  return {check, advance: (ms: number) => (now += ms)};
}

describe('the per-client limit', () => {
  it('a room of 200 readers behind one address, each within the per-client rate, is all served', () => {
    const {check, advance} = limiter(500, 2_000);
    let refused = 0;
    // 200 sessions × 5 requests each second (the retry snippet's bursts) for 10 s: 1 000/s from one address.
    for (let second = 0; second < 10; second++) {
      for (let reader = 0; reader < 200; reader++) {
        for (let i = 0; i < 5; i++) if (!check({address: '10.0.0.1', session: `reader-${reader}`}).allowed) refused++;
      }
      advance(1_000);
    }
    expect(refused).toBe(0);
  });

  it('the same traffic without sessions is one client, and is refused', () => {
    const {check} = limiter(500, 2_000);
    let refused = 0;
    for (let i = 0; i < 3_000; i++) if (!check({address: '10.0.0.1'}).allowed) refused++;
    expect(refused).toBe(1_000);
  });

  it('an abusive session is limited on its own; the other readers behind its address are not', () => {
    const {check} = limiter();
    for (let i = 0; i < 5; i++) expect(check({address: 'nat', session: 'loop'}).allowed).toBe(true);
    expect(check({address: 'nat', session: 'loop'})).toEqual({allowed: false, retryAfterMs: 200});
    expect(check({address: 'nat', session: 'polite'}).allowed).toBe(true);
  });

  it('minting new session ids does not escape the limit: the address may send 10 clients\u2019 worth', () => {
    const {check} = limiter();
    let allowed = 0;
    for (let i = 0; i < 200; i++) if (check({address: 'nat', session: `fresh-${i}`}).allowed) allowed++;
    expect(allowed).toBe(50);
  });

  it('an over-long session id is not a session: the request counts against its address', () => {
    const {check} = limiter();
    const long = 'x'.repeat(129);
    for (let i = 0; i < 5; i++) check({address: 'a', session: long});
    expect(check({address: 'a'}).allowed).toBe(false);
  });

  it('the message, Retry-After and grpc-retry-pushback-ms agree', () => {
    expect(retryHeaders(2)).toEqual({'retry-after': '1', 'grpc-retry-pushback-ms': '2'});
    expect(retryHeaders(1_500)).toEqual({'retry-after': '2', 'grpc-retry-pushback-ms': '1500'});
    expect(rateLimitError(1_500).rawMessage).toBe(
      'too many requests from your session or address; retry in 1500 ms (Retry-After: 2 s)',
    );
  });
});
