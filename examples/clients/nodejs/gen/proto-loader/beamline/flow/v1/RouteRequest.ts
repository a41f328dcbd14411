// Original file: proto/beamline/flow/v1/flow.proto

import type { Message as _beamline_flow_v1_Message, Message__Output as _beamline_flow_v1_Message__Output } from '../../../beamline/flow/v1/Message.js';

/**
 * Input of Router.Decide.
 */
export interface RouteRequest {
  /**
   * The message to route. Required.
   */
  'message'?: (_beamline_flow_v1_Message | null);
  /**
   * Which of the tenant's policies to apply. Empty means "default".
   */
  'policy_id'?: (string);
  /**
   * Per-request attributes that are not part of the message itself (for
   * example the caller's tier). Policy rules can match on them:
   * `context.tier == "gold"`.
   */
  'context'?: ({[key: string]: string});
}

/**
 * Input of Router.Decide.
 */
export interface RouteRequest__Output {
  /**
   * The message to route. Required.
   */
  'message': (_beamline_flow_v1_Message__Output | null);
  /**
   * Which of the tenant's policies to apply. Empty means "default".
   */
  'policy_id': (string);
  /**
   * Per-request attributes that are not part of the message itself (for
   * example the caller's tier). Policy rules can match on them:
   * `context.tier == "gold"`.
   */
  'context': ({[key: string]: string});
}
