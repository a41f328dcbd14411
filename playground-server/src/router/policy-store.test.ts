import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {compilePolicy} from './compile-policy.js';
import {defaultPolicy} from './default-policy.js';
import {PolicyStore, policyBytes} from './policy-store.js';
import {policy} from './test-helpers.js';

const own = (policyId: string) => compilePolicy(policy({policyId, providers: [{id: 'mine', weight: 1}]}));

function codeOf(action: () => void): Code | undefined {
  try {
    action();
  } catch (error) {
    return ConnectError.from(error).code;
  }
  return undefined;
}

describe('PolicyStore', () => {
  it('gives every tenant the built-in policies', () => {
    const store = new PolicyStore([compilePolicy(defaultPolicy())]);
    expect(store.get('anyone', 'default')?.id).toBe('default');
    expect(store.get('anyone', 'other')).toBeUndefined();
    expect(store.list('anyone').map((p) => p.id)).toEqual(['default']);
  });

  it('keeps scopes apart and keeps the built-in policies read-only', () => {
    const store = new PolicyStore([compilePolicy(defaultPolicy())]);
    store.upsert('acme', own('eu'));
    expect(store.get('acme', 'eu')?.weighted[0]?.id).toBe('mine');
    expect(store.get('globex', 'eu')).toBeUndefined();
    expect(store.list('acme').map((p) => p.id)).toEqual(['default', 'eu']);
    expect(codeOf(() => store.upsert('acme', own('default')))).toBe(Code.FailedPrecondition);
    expect(store.get('acme', 'default')?.weighted[0]?.id).toBe('alpha');
  });

  it('answers NOT_FOUND and FAILED_PRECONDITION on deletes it cannot do', () => {
    const store = new PolicyStore([compilePolicy(defaultPolicy())]);
    expect(codeOf(() => store.delete('acme', 'nope'))).toBe(Code.NotFound);
    expect(codeOf(() => store.delete('acme', 'default'))).toBe(Code.FailedPrecondition);
  });

  const limits = {maxTenants: 2, maxPoliciesPerTenant: 1, maxBytes: 1 << 20, ttlMs: 60_000};

  it('bounds the policies of one scope, but always allows replacing', () => {
    const store = new PolicyStore([], limits);
    store.upsert('acme', own('a'));
    expect(codeOf(() => store.upsert('acme', own('a')))).toBeUndefined();
    expect(codeOf(() => store.upsert('acme', own('b')))).toBe(Code.ResourceExhausted);
  });

  it('never locks out a new scope: the least recently used one is forgotten instead', () => {
    const store = new PolicyStore([], limits);
    store.upsert('a', own('p'));
    store.upsert('b', own('p'));
    store.get('a', 'p');
    expect(codeOf(() => store.upsert('c', own('p')))).toBeUndefined();
    expect(store.get('c', 'p')).toBeDefined();
    expect(store.get('a', 'p')).toBeDefined();
    expect(store.get('b', 'p')).toBeUndefined();
  });

  it('holds at most maxBytes of policies, forgetting the least recently used scopes beyond', () => {
    const size = policyBytes(own('p'));
    const store = new PolicyStore([], {...limits, maxTenants: 1_000, maxBytes: size * 3});
    for (const scope of ['a', 'b', 'c', 'd', 'e']) store.upsert(scope, own('p'));
    expect(['a', 'b', 'c', 'd', 'e'].filter((scope) => store.get(scope, 'p') !== undefined)).toEqual(['c', 'd', 'e']);
  });
});
