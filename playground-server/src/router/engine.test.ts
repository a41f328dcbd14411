import {describe, expect, it} from 'vitest';
import {compilePolicy} from './compile-policy.js';
import {defaultPolicy} from './default-policy.js';
import {decide, pickWeighted} from './engine.js';
import {providerProfile} from './providers.js';
import {policy, routeRequest} from './test-helpers.js';

const builtIn = compilePolicy(defaultPolicy());

describe('decide', () => {
  it('fills every field of the decision', () => {
    const decision = decide(builtIn, routeRequest({messageType: 'chat'}), {correlationId: 'c-9'});
    expect(decision).toEqual({
      providerId: expect.stringMatching(/^(alpha|beta)$/),
      reason: 'sticky',
      priority: decision.providerId === 'alpha' ? 1 : 2,
      expectedLatencyMs: BigInt(providerProfile(decision.providerId as string).expectedLatencyMs),
      expectedCost: providerProfile(decision.providerId as string).expectedCost,
      metadata: {policy_id: 'default', router: 'embedded', correlation_id: 'c-9'},
    });
  });

  it('leaves correlation_id out when the caller sent none', () => {
    expect(decide(builtIn, routeRequest()).metadata).not.toHaveProperty('correlation_id');
  });

  describe('rules', () => {
    it('routes by the first preferred provider of a matching rule', () => {
      const decision = decide(builtIn, routeRequest({messageType: 'batch'}));
      expect(decision).toMatchObject({
        providerId: 'bulk',
        reason: 'rule:message_type == "batch"',
        priority: 1,
        expectedLatencyMs: 900n,
        metadata: {rule: 'message_type == "batch"'},
      });
    });

    it('matches on context', () => {
      const decision = decide(builtIn, routeRequest({messageId: 'x'}, {context: {tier: 'gold'}}));
      expect(decision).toMatchObject({providerId: 'alpha', reason: 'rule:context.tier == "gold"'});
    });

    it('lets the first matching rule win', () => {
      const twoRules = compilePolicy(
        policy({
          policyId: 'p',
          providers: [
            {id: 'a', weight: 1},
            {id: 'b', weight: 1},
          ],
          rules: [
            {match: 'metadata.region == "eu"', prefer: ['b']},
            {match: '*', prefer: ['a']},
          ],
        }),
      );
      expect(decide(twoRules, routeRequest({metadata: {region: 'eu'}})).providerId).toBe('b');
      expect(decide(twoRules, routeRequest({metadata: {region: 'us'}})).providerId).toBe('a');
    });

    it('skips preferred providers the policy lacks, and ranks by place in prefer', () => {
      const compiled = compilePolicy(
        policy({
          policyId: 'p',
          providers: [
            {id: 'a', weight: 1},
            {id: 'b', weight: 1},
          ],
          rules: [{match: '*', prefer: ['gone', 'b']}],
        }),
      );
      expect(decide(compiled, routeRequest())).toMatchObject({providerId: 'b', priority: 2});
    });

    it('falls back when no preferred provider is in the policy', () => {
      const compiled = compilePolicy(
        policy({
          policyId: 'p',
          providers: [
            {id: 'a', weight: 1},
            {id: 'b', weight: 1},
          ],
          rules: [{match: '*', prefer: ['gone', 'also-gone'], fallback: 'b'}],
        }),
      );
      expect(decide(compiled, routeRequest())).toMatchObject({
        providerId: 'b',
        reason: 'fallback',
        priority: 3,
        metadata: {rule: '*'},
      });
    });

    it('falls through to the weighted choice when a rule has nothing to offer', () => {
      const compiled = compilePolicy(
        policy({
          policyId: 'p',
          providers: [{id: 'a', weight: 1}],
          rules: [{match: '*', prefer: ['gone']}],
        }),
      );
      const decision = decide(compiled, routeRequest());
      expect(decision).toMatchObject({providerId: 'a', reason: 'weighted', priority: 1});
      expect(decision.metadata).not.toHaveProperty('rule');
    });
  });

  describe('weighted choice', () => {
    const share = (compiled: ReturnType<typeof compilePolicy>, n: number) => {
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const id = decide(compiled, routeRequest({messageId: `msg-${i}`})).providerId as string;
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      return counts;
    };

    it('splits traffic by weight and never picks a zero-weight provider', () => {
      const counts = share(builtIn, 20_000);
      expect(counts.get('bulk')).toBeUndefined();
      expect((counts.get('alpha') ?? 0) / 20_000).toBeCloseTo(0.7, 1);
      expect((counts.get('beta') ?? 0) / 20_000).toBeCloseTo(0.3, 1);
    });

    it('ranks providers by weight, heaviest first', () => {
      const compiled = compilePolicy(
        policy({
          policyId: 'p',
          providers: [
            {id: 'light', weight: 1},
            {id: 'heavy', weight: 9},
          ],
        }),
      );
      const decisions = Array.from({length: 200}, (_, i) => decide(compiled, routeRequest({messageId: `m${i}`})));
      expect(decisions.find((d) => d.providerId === 'heavy')?.priority).toBe(1);
      expect(decisions.find((d) => d.providerId === 'light')?.priority).toBe(2);
    });

    it('is sticky by message id: retries with new trace ids and timestamps stay put', () => {
      for (let i = 0; i < 50; i++) {
        const first = decide(builtIn, routeRequest({messageId: `m${i}`, traceId: 't1', timestampMs: 1n}));
        const retry = decide(builtIn, routeRequest({messageId: `m${i}`, traceId: 't2', timestampMs: 2n}));
        expect(retry.providerId).toBe(first.providerId);
        expect(retry.reason).toBe('sticky');
      }
    });

    it('is reproducible but not sticky without `sticky`: a new timestamp may move a message', () => {
      const loose = compilePolicy(policy({...defaultPolicy(), sticky: false, rules: []}));
      const at = (timestampMs: bigint) => decide(loose, routeRequest({messageId: 'same', timestampMs})).providerId;
      expect(at(5n)).toBe(at(5n));
      expect(decide(loose, routeRequest()).reason).toBe('weighted');
      const seen = new Set(Array.from({length: 50}, (_, i) => at(BigInt(i))));
      expect(seen).toEqual(new Set(['alpha', 'beta']));
    });
  });
});

describe('pickWeighted', () => {
  const providers = [
    {id: 'a', weight: 1},
    {id: 'b', weight: 3},
  ];
  it.each([
    [0, 'a'],
    [0.2499, 'a'],
    [0.25, 'b'],
    [0.9999999, 'b'],
  ])('point %d → %s', (point, id) => {
    expect(pickWeighted(providers, point).id).toBe(id);
  });
});

describe('providerProfile', () => {
  it('derives a stable, bounded profile for providers it does not know', () => {
    const profile = providerProfile('someone-new');
    expect(providerProfile('someone-new')).toEqual(profile);
    expect(profile.expectedLatencyMs).toBeGreaterThanOrEqual(50);
    expect(profile.expectedLatencyMs).toBeLessThan(250);
    expect(profile.expectedCost).toBeGreaterThanOrEqual(0.0005);
    expect(profile.expectedCost).toBeLessThanOrEqual(0.005);
    expect(providerProfile('toString').expectedLatencyMs).toBeGreaterThanOrEqual(50);
  });
});
