// Original file: proto/beamline/flow/v1/flow.proto


/**
 * Input of RouterAdmin.ListPolicies.
 */
export interface ListPoliciesRequest {
  /**
   * Tenant whose policies to list. Required.
   */
  'tenant_id'?: (string);
}

/**
 * Input of RouterAdmin.ListPolicies.
 */
export interface ListPoliciesRequest__Output {
  /**
   * Tenant whose policies to list. Required.
   */
  'tenant_id': (string);
}
