import {describe, expect, it} from 'vitest';
import {abortReason, linkedController, raceAbort} from './abort';

describe('abort helpers', () => {
  it('abortReason gives the reason, or an AbortError', () => {
    const a = new AbortController();
    a.abort('why');
    expect(abortReason(a.signal)).toBe('why');
    const b = new AbortController();
    b.abort();
    expect((abortReason(b.signal) as DOMException).name).toBe('AbortError');
  });

  it('linkedController aborts with the first parent, and stops listening after dispose', () => {
    const p1 = new AbortController();
    const p2 = new AbortController();
    const linked = linkedController(p1.signal, undefined, p2.signal);
    p2.abort('p2');
    expect(linked.controller.signal.reason).toBe('p2');
    const other = linkedController(p1.signal);
    other.dispose();
    p1.abort('p1');
    expect(other.controller.signal.aborted).toBe(false);
    const already = linkedController(p1.signal);
    expect(already.controller.signal.reason).toBe('p1');
  });

  it('raceAbort settles with the promise, or rejects on abort', async () => {
    const c = new AbortController();
    await expect(raceAbort(Promise.resolve(1), c.signal)).resolves.toBe(1);
    const pending = raceAbort(new Promise(() => {}), c.signal);
    c.abort(new Error('gone'));
    await expect(pending).rejects.toThrow('gone');
  });
});
