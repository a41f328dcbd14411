import type {MessageInitShape} from '@bufbuild/protobuf';
import type {RouteDecisionSchema, RouteRequest} from '@beamline/api/beamline/flow/v1/flow_pb';
import type {CompiledPolicy, WeightedProvider} from './compile-policy.js';
import {unitHash} from './hash.js';
import type {RequestFacts} from './match.js';
import {providerProfile} from './providers.js';

export type RouteDecisionInit = MessageInitShape<typeof RouteDecisionSchema>;

export interface DecideOptions {
  /** From the caller's `x-correlation-id` metadata; echoed in the decision. */
  readonly correlationId?: string;
}

interface Choice {
  readonly providerId: string;
  readonly reason: string;
  readonly priority: number;
  readonly rule?: string;
}

/**
 * Routes one already-validated request under one policy. Pure: the same
 * request and policy always give the same decision.
 *
 * 1. The first rule whose `match` holds decides: the first of its `prefer`
 *    ids that the policy lists (reason `rule:<match>`), else its `fallback`
 *    (reason `fallback`); a rule with neither available falls through.
 * 2. Otherwise a weighted choice among providers with weight > 0, driven by
 *    a stable hash: of tenant_id and message_id when the policy is sticky
 *    (reason `sticky`: every retry of a message lands on the same provider),
 *    else of tenant_id, message_id, trace_id and timestamp_ms (reason
 *    `weighted`: a retry sent with a new timestamp may land elsewhere).
 *
 * `priority` is the chosen provider's rank among the candidates: its place
 * in `prefer`, `prefer.length + 1` for a fallback, and its place by weight
 * (heaviest first) for a weighted choice.
 */
export function decide(policy: CompiledPolicy, request: RouteRequest, options: DecideOptions = {}): RouteDecisionInit {
  const facts = requestFacts(request, policy.id);
  const choice = chooseByRule(policy, facts) ?? chooseByWeight(policy, request);
  const profile = providerProfile(choice.providerId);
  const metadata: Record<string, string> = {policy_id: policy.id, router: 'embedded'};
  if (choice.rule !== undefined) {
    metadata.rule = choice.rule;
  }
  if (options.correlationId) {
    metadata.correlation_id = options.correlationId;
  }
  return {
    providerId: choice.providerId,
    reason: choice.reason,
    priority: choice.priority,
    expectedLatencyMs: BigInt(profile.expectedLatencyMs),
    expectedCost: profile.expectedCost,
    metadata,
  };
}

function requestFacts(request: RouteRequest, policyId: string): RequestFacts {
  const message = request.message;
  return {
    message_type: message?.messageType ?? '',
    message_id: message?.messageId ?? '',
    tenant_id: message?.tenantId ?? '',
    trace_id: message?.traceId ?? '',
    policy_id: policyId,
    metadata: message?.metadata ?? {},
    context: request.context,
  };
}

function chooseByRule(policy: CompiledPolicy, facts: RequestFacts): Choice | undefined {
  for (const rule of policy.rules) {
    if (!rule.matches(facts)) {
      continue;
    }
    const preferred = rule.prefer.findIndex((id) => policy.providerIds.has(id));
    if (preferred !== -1) {
      return {
        providerId: rule.prefer[preferred]!,
        reason: `rule:${rule.match}`,
        priority: preferred + 1,
        rule: rule.match,
      };
    }
    if (rule.fallback !== '') {
      return {
        providerId: rule.fallback,
        reason: 'fallback',
        priority: rule.prefer.length + 1,
        rule: rule.match,
      };
    }
  }
  return undefined;
}

function chooseByWeight(policy: CompiledPolicy, request: RouteRequest): Choice {
  const {tenantId = '', messageId = '', traceId = '', timestampMs = 0n} = request.message ?? {};
  const point = policy.sticky
    ? unitHash(tenantId, messageId)
    : unitHash(tenantId, messageId, traceId, timestampMs.toString());
  const chosen = pickWeighted(policy.weighted, point);
  return {
    providerId: chosen.id,
    reason: policy.sticky ? 'sticky' : 'weighted',
    priority: rankByWeight(policy.weighted, chosen),
  };
}

/** Walks the cumulative weights; `point` is in [0, 1). */
export function pickWeighted(providers: readonly WeightedProvider[], point: number): WeightedProvider {
  const total = providers.reduce((sum, provider) => sum + provider.weight, 0);
  let target = point * total;
  for (const provider of providers) {
    if (target < provider.weight) {
      return provider;
    }
    target -= provider.weight;
  }
  // Only reachable through floating-point rounding at the very top end.
  return providers[providers.length - 1]!;
}

function rankByWeight(providers: readonly WeightedProvider[], chosen: WeightedProvider): number {
  // Sorting is stable, so equal weights keep the policy's order.
  return [...providers].sort((a, b) => b.weight - a.weight).indexOf(chosen) + 1;
}
