// Original file: proto/beamline/flow/v1/flow.proto


/**
 * Output of RouterAdmin.UpsertPolicy.
 */
export interface UpsertPolicyResponse {
  /**
   * True when the policy was stored.
   */
  'ok'?: (boolean);
}

/**
 * Output of RouterAdmin.UpsertPolicy.
 */
export interface UpsertPolicyResponse__Output {
  /**
   * True when the policy was stored.
   */
  'ok': (boolean);
}
