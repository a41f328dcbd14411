// Original file: proto/beamline/flow/v1/flow.proto


/**
 * Input of RouterAdmin.DeletePolicy.
 */
export interface DeletePolicyRequest {
  /**
   * Tenant that owns the policy. Required.
   */
  'tenant_id'?: (string);
  /**
   * Policy to delete. Required.
   */
  'policy_id'?: (string);
}

/**
 * Input of RouterAdmin.DeletePolicy.
 */
export interface DeletePolicyRequest__Output {
  /**
   * Tenant that owns the policy. Required.
   */
  'tenant_id': (string);
  /**
   * Policy to delete. Required.
   */
  'policy_id': (string);
}
