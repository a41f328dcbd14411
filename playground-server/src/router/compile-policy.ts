import {toBinary} from '@bufbuild/protobuf';
import {type AdminPolicy, AdminPolicySchema} from '@beamline/api/beamline/flow/v1/flow_pb';
import {MatchSyntaxError, parseMatch, type Matcher} from './match.js';
import {invalidArgument, requireText} from './validate.js';

/** Upper bounds that keep one policy from making Decide slow. */
export const MAX_PROVIDERS = 64;
export const MAX_RULES = 64;
/** Bounds on one rule and on the whole policy, so the store's memory and ListPolicies' answer stay small. */
export const MAX_MATCH_LENGTH = 512;
export const MAX_PREFER = 16;
export const MAX_POLICY_BYTES = 16 * 1024;

export interface CompiledRule {
  readonly match: string;
  readonly matches: Matcher;
  readonly prefer: readonly string[];
  readonly fallback: string;
}

export interface WeightedProvider {
  readonly id: string;
  readonly weight: number;
}

/** A policy checked once at upsert time, ready for many Decide calls. */
export interface CompiledPolicy {
  /** The policy as the tenant stored it; what GetPolicy and ListPolicies return. */
  readonly source: AdminPolicy;
  readonly id: string;
  readonly sticky: boolean;
  readonly providerIds: ReadonlySet<string>;
  /** Providers with a weight above zero, in the order the policy lists them. */
  readonly weighted: readonly WeightedProvider[];
  readonly rules: readonly CompiledRule[];
}

/**
 * Checks a policy and prepares it for Decide. Throws INVALID_ARGUMENT naming
 * the offending field, e.g. `policy.rules[1].match: unknown field "foo"…`.
 */
export function compilePolicy(policy: AdminPolicy, path = 'policy'): CompiledPolicy {
  const id = requireText(policy.policyId, `${path}.policy_id`);
  const bytes = toBinary(AdminPolicySchema, policy).byteLength;
  if (bytes > MAX_POLICY_BYTES) {
    throw invalidArgument(`${path} is ${bytes} bytes encoded; at most ${MAX_POLICY_BYTES} allowed`);
  }
  if (policy.providers.length === 0) {
    throw invalidArgument(`${path}.providers must list at least one provider`);
  }
  if (policy.providers.length > MAX_PROVIDERS) {
    throw invalidArgument(
      `${path}.providers may list at most ${MAX_PROVIDERS} providers, got ${policy.providers.length}`,
    );
  }
  const providerIds = new Set<string>();
  policy.providers.forEach((provider, i) => {
    const field = `${path}.providers[${i}]`;
    const providerId = requireText(provider.id, `${field}.id`);
    if (providerIds.has(providerId)) {
      throw invalidArgument(`${field}.id ${JSON.stringify(providerId)} is listed twice`);
    }
    if (!Number.isFinite(provider.weight) || provider.weight < 0) {
      throw invalidArgument(`${field}.weight must be a finite number >= 0, got ${provider.weight}`);
    }
    providerIds.add(providerId);
  });
  const weighted = policy.providers
    .filter((provider) => provider.weight > 0)
    .map(({id: providerId, weight}) => ({id: providerId, weight}));
  if (weighted.length === 0) {
    throw invalidArgument(`${path}.providers needs at least one provider with a weight above 0`);
  }
  if (policy.rules.length > MAX_RULES) {
    throw invalidArgument(`${path}.rules may list at most ${MAX_RULES} rules, got ${policy.rules.length}`);
  }
  const rules = policy.rules.map((rule, i): CompiledRule => {
    const field = `${path}.rules[${i}]`;
    if (rule.match.length > MAX_MATCH_LENGTH) {
      throw invalidArgument(`${field}.match must be at most ${MAX_MATCH_LENGTH} characters, got ${rule.match.length}`);
    }
    if (rule.prefer.length > MAX_PREFER) {
      throw invalidArgument(`${field}.prefer may list at most ${MAX_PREFER} providers, got ${rule.prefer.length}`);
    }
    let matches: Matcher;
    try {
      matches = parseMatch(rule.match);
    } catch (error) {
      if (error instanceof MatchSyntaxError) {
        throw invalidArgument(`${field}.match: ${error.message}`);
      }
      throw error;
    }
    rule.prefer.forEach((preferred, j) => requireText(preferred, `${field}.prefer[${j}]`));
    if (rule.fallback !== '' && !providerIds.has(rule.fallback)) {
      throw invalidArgument(`${field}.fallback ${JSON.stringify(rule.fallback)} is not one of ${path}.providers`);
    }
    if (rule.prefer.length === 0 && rule.fallback === '') {
      throw invalidArgument(`${field} needs prefer or fallback`);
    }
    return {match: rule.match, matches, prefer: rule.prefer, fallback: rule.fallback};
  });
  return {source: policy, id, sticky: policy.sticky, providerIds, weighted, rules};
}
