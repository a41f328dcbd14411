// Original file: proto/beamline/flow/v1/flow.proto


/**
 * Input of RouterAdmin.GetPolicy.
 */
export interface GetPolicyRequest {
  /**
   * Tenant that owns the policy. Required.
   */
  'tenant_id'?: (string);
  /**
   * Policy to read. Required.
   */
  'policy_id'?: (string);
}

/**
 * Input of RouterAdmin.GetPolicy.
 */
export interface GetPolicyRequest__Output {
  /**
   * Tenant that owns the policy. Required.
   */
  'tenant_id': (string);
  /**
   * Policy to read. Required.
   */
  'policy_id': (string);
}
