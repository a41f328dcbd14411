// Original file: proto/beamline/flow/v1/flow.proto


/**
 * A rule of a policy: when `match` holds, route to the first provider of
 * `prefer` that the policy has, else to `fallback`.
 */
export interface AdminRule {
  /**
   * Condition on the request, for example `message_type == "chat"`,
   * `metadata.region == "eu" && context.tier != "free"`, or `*` (always).
   */
  'match'?: (string);
  /**
   * Provider ids in order of preference. Ids the policy does not list are
   * skipped, so a rule can name a provider that is only sometimes present.
   */
  'prefer'?: (string)[];
  /**
   * Provider to use when none of `prefer` is in the policy. Empty means
   * "fall through to the weighted choice".
   */
  'fallback'?: (string);
}

/**
 * A rule of a policy: when `match` holds, route to the first provider of
 * `prefer` that the policy has, else to `fallback`.
 */
export interface AdminRule__Output {
  /**
   * Condition on the request, for example `message_type == "chat"`,
   * `metadata.region == "eu" && context.tier != "free"`, or `*` (always).
   */
  'match': (string);
  /**
   * Provider ids in order of preference. Ids the policy does not list are
   * skipped, so a rule can name a provider that is only sometimes present.
   */
  'prefer': (string)[];
  /**
   * Provider to use when none of `prefer` is in the policy. Empty means
   * "fall through to the weighted choice".
   */
  'fallback': (string);
}
