// Original file: proto/beamline/flow/v1/flow.proto


/**
 * A provider a policy can route to.
 */
export interface AdminProvider {
  /**
   * Provider id, unique within the policy.
   */
  'id'?: (string);
  /**
   * Share of weighted traffic, relative to the other providers' weights.
   * Zero keeps the provider out of the weighted choice while rules can
   * still prefer it. Must be finite and not negative.
   */
  'weight'?: (number | string);
}

/**
 * A provider a policy can route to.
 */
export interface AdminProvider__Output {
  /**
   * Provider id, unique within the policy.
   */
  'id': (string);
  /**
   * Share of weighted traffic, relative to the other providers' weights.
   * Zero keeps the provider out of the weighted choice while rules can
   * still prefer it. Must be finite and not negative.
   */
  'weight': (number);
}
