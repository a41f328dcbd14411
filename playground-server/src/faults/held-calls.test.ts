import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {createHeldCalls} from './held-calls.js';

describe('createHeldCalls', () => {
  it('holds up to max calls at once and refuses the next with RESOURCE_EXHAUSTED and retry hints', async () => {
    const wakes: (() => void)[] = [];
    const gate = createHeldCalls(3, () => new Promise<void>((resolve) => wakes.push(resolve)));
    const signal = new AbortController().signal;
    const sleeping = [gate.sleep(10_000, signal), gate.sleep(10_000, signal), gate.sleep(10_000, signal)];
    expect(gate.held()).toBe(3);
    const refused = await gate.sleep(10_000, signal).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConnectError);
    expect((refused as ConnectError).code).toBe(Code.ResourceExhausted);
    expect((refused as ConnectError).rawMessage).toMatch(/already holds 3 calls in injected latency/);
    expect((refused as ConnectError).metadata.get('retry-after')).toBe('1');
    // A call that ends frees its place.
    wakes.shift()!();
    await sleeping[0];
    expect(gate.held()).toBe(2);
    const again = gate.sleep(1, signal);
    expect(gate.held()).toBe(3);
    for (const wake of wakes) wake();
    await Promise.all([...sleeping, again]);
    expect(gate.held()).toBe(0);
  });

  it('frees the place of a call whose wait was cut short', async () => {
    const gate = createHeldCalls(
      1,
      (_ms, signal) => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    );
    const cut = new AbortController();
    const waiting = gate.sleep(10_000, cut.signal).catch(() => 'cut');
    cut.abort(new Error('gone'));
    expect(await waiting).toBe('cut');
    expect(gate.held()).toBe(0);
  });
});
