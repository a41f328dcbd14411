import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {compilePolicy} from './compile-policy.js';
import {defaultPolicy} from './default-policy.js';
import {PolicyStore} from './policy-store.js';
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

  it('keeps tenants apart and lets a tenant hide a built-in policy until it deletes its own', () => {
    const store = new PolicyStore([compilePolicy(defaultPolicy())]);
    store.upsert('acme', own('default'));
    store.upsert('acme', own('eu'));
    expect(store.get('acme', 'default')?.weighted[0]?.id).toBe('mine');
    expect(store.get('globex', 'default')?.weighted[0]?.id).toBe('alpha');
    expect(store.get('globex', 'eu')).toBeUndefined();
    expect(store.list('acme').map((p) => p.id)).toEqual(['default', 'eu']);
    store.delete('acme', 'default');
    expect(store.get('acme', 'default')?.weighted[0]?.id).toBe('alpha');
  });

  it('answers NOT_FOUND and FAILED_PRECONDITION on deletes it cannot do', () => {
    const store = new PolicyStore([compilePolicy(defaultPolicy())]);
    expect(codeOf(() => store.delete('acme', 'nope'))).toBe(Code.NotFound);
    expect(codeOf(() => store.delete('acme', 'default'))).toBe(Code.FailedPrecondition);
  });

  it('bounds tenants and policies per tenant, but always allows replacing', () => {
    const store = new PolicyStore([], {maxTenants: 1, maxPoliciesPerTenant: 1});
    store.upsert('acme', own('a'));
    expect(codeOf(() => store.upsert('acme', own('a')))).toBeUndefined();
    expect(codeOf(() => store.upsert('acme', own('b')))).toBe(Code.ResourceExhausted);
    expect(codeOf(() => store.upsert('globex', own('a')))).toBe(Code.ResourceExhausted);
  });
});
