// Original file: proto/beamline/flow/v1/flow.proto

import type { AdminProvider as _beamline_flow_v1_AdminProvider, AdminProvider__Output as _beamline_flow_v1_AdminProvider__Output } from '../../../beamline/flow/v1/AdminProvider.js';
import type { AdminRule as _beamline_flow_v1_AdminRule, AdminRule__Output as _beamline_flow_v1_AdminRule__Output } from '../../../beamline/flow/v1/AdminRule.js';

/**
 * A routing policy of one tenant.
 */
export interface AdminPolicy {
  /**
   * Name of the policy, unique per tenant. Requests select it with
   * RouteRequest.policy_id.
   */
  'policy_id'?: (string);
  /**
   * The providers traffic may go to, with their weights. At least one is
   * required, and at least one weight must be above zero.
   */
  'providers'?: (_beamline_flow_v1_AdminProvider)[];
  /**
   * When true, the weighted choice depends only on the tenant and the
   * message id, so every retry of a message lands on the same provider.
   * When false, it also depends on trace_id and timestamp_ms.
   */
  'sticky'?: (boolean);
  /**
   * Rules tried in order before the weighted choice; the first rule whose
   * `match` holds decides.
   */
  'rules'?: (_beamline_flow_v1_AdminRule)[];
}

/**
 * A routing policy of one tenant.
 */
export interface AdminPolicy__Output {
  /**
   * Name of the policy, unique per tenant. Requests select it with
   * RouteRequest.policy_id.
   */
  'policy_id': (string);
  /**
   * The providers traffic may go to, with their weights. At least one is
   * required, and at least one weight must be above zero.
   */
  'providers': (_beamline_flow_v1_AdminProvider__Output)[];
  /**
   * When true, the weighted choice depends only on the tenant and the
   * message id, so every retry of a message lands on the same provider.
   * When false, it also depends on trace_id and timestamp_ms.
   */
  'sticky': (boolean);
  /**
   * Rules tried in order before the weighted choice; the first rule whose
   * `match` holds decides.
   */
  'rules': (_beamline_flow_v1_AdminRule__Output)[];
}
