// Original file: proto/beamline/flow/v1/flow.proto

import type { AdminPolicy as _beamline_flow_v1_AdminPolicy, AdminPolicy__Output as _beamline_flow_v1_AdminPolicy__Output } from '../../../beamline/flow/v1/AdminPolicy.js';

/**
 * Output of RouterAdmin.GetPolicy.
 */
export interface GetPolicyResponse {
  /**
   * The stored policy.
   */
  'policy'?: (_beamline_flow_v1_AdminPolicy | null);
}

/**
 * Output of RouterAdmin.GetPolicy.
 */
export interface GetPolicyResponse__Output {
  /**
   * The stored policy.
   */
  'policy': (_beamline_flow_v1_AdminPolicy__Output | null);
}
