import {create} from '@bufbuild/protobuf';
import {AdminPolicySchema, type AdminPolicy} from '@beamline/api/beamline/flow/v1/flow_pb';

/** A RouteRequest with an empty policy_id uses this policy. */
export const DEFAULT_POLICY_ID = 'default';

/**
 * Every tenant can use this policy without creating anything, so the very
 * first Decide of a reader works. It shows each feature once: weights
 * (alpha 70 %, beta 30 %, bulk only through rules), stickiness, a rule with
 * a fallback and a plain preference rule.
 */
export function defaultPolicy(): AdminPolicy {
  return create(AdminPolicySchema, {
    policyId: DEFAULT_POLICY_ID,
    sticky: true,
    providers: [
      {id: 'alpha', weight: 70},
      {id: 'beta', weight: 30},
      {id: 'bulk', weight: 0},
    ],
    rules: [
      {match: 'message_type == "batch"', prefer: ['bulk'], fallback: 'beta'},
      {match: 'context.tier == "gold"', prefer: ['alpha']},
    ],
  });
}
