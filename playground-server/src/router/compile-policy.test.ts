import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {compilePolicy, MAX_PROVIDERS, MAX_RULES} from './compile-policy.js';
import {defaultPolicy} from './default-policy.js';
import {policy} from './test-helpers.js';

const valid = {
  policyId: 'p',
  providers: [
    {id: 'a', weight: 1},
    {id: 'b', weight: 0},
  ],
};

function rejection(init: Parameters<typeof policy>[0]): ConnectError {
  try {
    compilePolicy(policy(init));
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.InvalidArgument);
    return error as ConnectError;
  }
  throw new Error('expected the policy to be rejected');
}

describe('compilePolicy', () => {
  it('accepts the built-in default policy', () => {
    const compiled = compilePolicy(defaultPolicy());
    expect(compiled.id).toBe('default');
    expect(compiled.weighted.map((p) => p.id)).toEqual(['alpha', 'beta']);
    expect(compiled.rules).toHaveLength(2);
  });

  it('keeps the source for GetPolicy and leaves zero weights out of the weighted choice', () => {
    const source = policy(valid);
    const compiled = compilePolicy(source);
    expect(compiled.source).toBe(source);
    expect(compiled.weighted).toEqual([{id: 'a', weight: 1}]);
    expect([...compiled.providerIds]).toEqual(['a', 'b']);
  });

  it('allows prefer to name providers the policy lacks (they are skipped at decide time)', () => {
    expect(() => compilePolicy(policy({...valid, rules: [{match: '*', prefer: ['gone', 'a']}]}))).not.toThrow();
  });

  it.each<[string, Parameters<typeof policy>[0], string]>([
    ['policy_id', {...valid, policyId: ''}, 'policy.policy_id is required'],
    ['providers', {policyId: 'p'}, 'policy.providers must list at least one provider'],
    ['provider id', {policyId: 'p', providers: [{id: '', weight: 1}]}, 'policy.providers[0].id is required'],
    [
      'duplicate provider',
      {
        policyId: 'p',
        providers: [
          {id: 'a', weight: 1},
          {id: 'a', weight: 2},
        ],
      },
      'policy.providers[1].id "a" is listed twice',
    ],
    [
      'negative weight',
      {policyId: 'p', providers: [{id: 'a', weight: -1}]},
      'policy.providers[0].weight must be a finite number >= 0, got -1',
    ],
    [
      'infinite weight',
      {policyId: 'p', providers: [{id: 'a', weight: Infinity}]},
      'policy.providers[0].weight must be a finite number >= 0, got Infinity',
    ],
    [
      'NaN weight',
      {policyId: 'p', providers: [{id: 'a', weight: NaN}]},
      'policy.providers[0].weight must be a finite number >= 0, got NaN',
    ],
    [
      'all weights zero',
      {policyId: 'p', providers: [{id: 'a', weight: 0}]},
      'policy.providers needs at least one provider with a weight above 0',
    ],
    [
      'bad match',
      {
        ...valid,
        rules: [
          {match: '*', prefer: ['a']},
          {match: 'tier == "x"', prefer: ['a']},
        ],
      },
      'policy.rules[1].match: unknown field "tier"',
    ],
    [
      'empty prefer entry',
      {...valid, rules: [{match: '*', prefer: ['a', '']}]},
      'policy.rules[0].prefer[1] is required',
    ],
    [
      'unknown fallback',
      {...valid, rules: [{match: '*', fallback: 'zzz'}]},
      'policy.rules[0].fallback "zzz" is not one of policy.providers',
    ],
    ['rule without a target', {...valid, rules: [{match: '*'}]}, 'policy.rules[0] needs prefer or fallback'],
    [
      'too many providers',
      {
        policyId: 'p',
        providers: Array.from({length: MAX_PROVIDERS + 1}, (_, i) => ({id: `p${i}`, weight: 1})),
      },
      `policy.providers may list at most ${MAX_PROVIDERS} providers, got ${MAX_PROVIDERS + 1}`,
    ],
    [
      'too many rules',
      {...valid, rules: Array.from({length: MAX_RULES + 1}, () => ({match: '*', prefer: ['a']}))},
      `policy.rules may list at most ${MAX_RULES} rules, got ${MAX_RULES + 1}`,
    ],
    ['long id', {...valid, policyId: 'x'.repeat(257)}, 'policy.policy_id must be at most 256 characters, got 257'],
    ['control characters', {...valid, policyId: 'a\nb'}, 'policy.policy_id must not contain control characters'],
  ])('rejects %s', (_name, init, message) => {
    expect(rejection(init).rawMessage).toContain(message);
  });
});
