// Original file: proto/beamline/flow/v1/flow.proto

import type { AdminPolicy as _beamline_flow_v1_AdminPolicy, AdminPolicy__Output as _beamline_flow_v1_AdminPolicy__Output } from '../../../beamline/flow/v1/AdminPolicy.js';

/**
 * Output of RouterAdmin.ListPolicies.
 */
export interface ListPoliciesResponse {
  /**
   * Every policy the tenant can use, ordered by policy_id.
   */
  'policies'?: (_beamline_flow_v1_AdminPolicy)[];
}

/**
 * Output of RouterAdmin.ListPolicies.
 */
export interface ListPoliciesResponse__Output {
  /**
   * Every policy the tenant can use, ordered by policy_id.
   */
  'policies': (_beamline_flow_v1_AdminPolicy__Output)[];
}
