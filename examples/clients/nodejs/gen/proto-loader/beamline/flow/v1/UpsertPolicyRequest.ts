// Original file: proto/beamline/flow/v1/flow.proto

import type { AdminPolicy as _beamline_flow_v1_AdminPolicy, AdminPolicy__Output as _beamline_flow_v1_AdminPolicy__Output } from '../../../beamline/flow/v1/AdminPolicy.js';

/**
 * Input of RouterAdmin.UpsertPolicy.
 */
export interface UpsertPolicyRequest {
  /**
   * Tenant that owns the policy. Required.
   */
  'tenant_id'?: (string);
  /**
   * The policy to create or replace (matched by policy_id). Required.
   */
  'policy'?: (_beamline_flow_v1_AdminPolicy | null);
}

/**
 * Input of RouterAdmin.UpsertPolicy.
 */
export interface UpsertPolicyRequest__Output {
  /**
   * Tenant that owns the policy. Required.
   */
  'tenant_id': (string);
  /**
   * The policy to create or replace (matched by policy_id). Required.
   */
  'policy': (_beamline_flow_v1_AdminPolicy__Output | null);
}
