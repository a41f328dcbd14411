// Original file: proto/beamline/flow/v1/flow.proto


/**
 * Output of RouterAdmin.DeletePolicy.
 */
export interface DeletePolicyResponse {
  /**
   * True when the policy was deleted.
   */
  'ok'?: (boolean);
}

/**
 * Output of RouterAdmin.DeletePolicy.
 */
export interface DeletePolicyResponse__Output {
  /**
   * True when the policy was deleted.
   */
  'ok': (boolean);
}
