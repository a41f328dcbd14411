import {Code} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {DEFAULT_LEDGER_LIMITS, LedgerStore} from './ledger-store.js';

const pay = (reference: string, idempotencyKey = '', amountCents = 500n) => ({reference, amountCents, idempotencyKey});

describe('LedgerStore (IETF Idempotency-Key draft semantics)', () => {
  it('without a key, every call appends: a repeated request is a duplicate entry', () => {
    const store = new LedgerStore();
    store.append('reader-a', pay('order-1'));
    const again = store.append('reader-a', pay('order-1'));
    expect(again).toMatchObject({entriesForReference: 2, replayed: false, balanceCents: 1000n});
  });

  it('with a key, the first result is stored and replayed; nothing is appended again', () => {
    const store = new LedgerStore();
    const first = store.append('reader-a', pay('order-1', 'k-1'));
    const retry = store.append('reader-a', pay('order-1', 'k-1'));
    expect(retry).toEqual({...first, replayed: true});
    expect(store.append('reader-a', pay('order-2')).balanceCents).toBe(1000n);
  });

  it('refuses a key reused for another request, saying why', () => {
    const store = new LedgerStore();
    store.append('reader-a', pay('order-1', 'k-1'));
    expect(() => store.append('reader-a', pay('order-2', 'k-1'))).toThrow(
      expect.objectContaining({
        code: Code.InvalidArgument,
        rawMessage: expect.stringMatching(/first used for another/),
      }),
    );
    expect(() => store.append('reader-a', pay('order-1', 'k-1', 999n))).toThrow(/another request/);
  });

  it('keys expire: after keyTtlMs the same key appends again', () => {
    let now = 50_000; // lru-cache reads a start time of 0 as "no TTL"
    const store = new LedgerStore({...DEFAULT_LEDGER_LIMITS, keyTtlMs: 1_000}, () => now);
    store.append('reader-a', pay('order-1', 'k-1'));
    now = 50_999;
    expect(store.append('reader-a', pay('order-1', 'k-1')).replayed).toBe(true);
    now = 51_001;
    expect(store.append('reader-a', pay('order-1', 'k-1'))).toMatchObject({replayed: false, entriesForReference: 2});
  });

  it("one reader's keys and entries never touch another's", () => {
    const store = new LedgerStore();
    store.append('reader-a', pay('order-1', 'k-1'));
    expect(store.append('reader-b', pay('order-1', 'k-1'))).toMatchObject({replayed: false, entriesForReference: 1});
  });

  it('bounds readers, keys, and the lengths of keys and references', () => {
    const store = new LedgerStore({...DEFAULT_LEDGER_LIMITS, maxReaders: 2, maxKeysPerReader: 2});
    store.append('a', pay('order-1', 'k-1'));
    store.append('a', pay('order-2', 'k-2'));
    store.append('a', pay('order-3', 'k-3')); // k-1 is the least recently used: dropped
    expect(store.append('a', pay('order-1', 'k-1')).replayed).toBe(false);
    store.append('b', pay('x'));
    store.append('c', pay('x')); // reader a's ledger is dropped, not reader c refused
    expect(store.append('a', pay('order-9')).balanceCents).toBe(500n);
    expect(() => store.append('a', pay('r', 'k'.repeat(129)))).toThrow(/at most 128/);
    expect(() => store.append('a', pay('r'.repeat(129)))).toThrow(/at most 128/);
    expect(() => store.append('a', pay(''))).toThrow(/reference is required/);
  });
});
