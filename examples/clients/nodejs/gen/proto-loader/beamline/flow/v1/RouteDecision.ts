// Original file: proto/beamline/flow/v1/flow.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Output of Router.Decide: where to send the message, and why.
 */
export interface RouteDecision {
  /**
   * The chosen provider, one of the policy's provider ids.
   */
  'provider_id'?: (string);
  /**
   * Why this provider was chosen, for example `rule:message_type == "batch"`,
   * `fallback`, `sticky` or `weighted`.
   */
  'reason'?: (string);
  /**
   * Rank of the chosen provider among the candidates the policy offered;
   * 1 is the first choice.
   */
  'priority'?: (number);
  /**
   * Latency the Router expects from the provider, in milliseconds.
   */
  'expected_latency_ms'?: (number | string | Long);
  /**
   * Cost the Router expects for this message at the provider, in the
   * provider's billing unit.
   */
  'expected_cost'?: (number | string);
  /**
   * Extra facts about the decision, for example `policy_id` and the
   * caller's `correlation_id`.
   */
  'metadata'?: ({[key: string]: string});
}

/**
 * Output of Router.Decide: where to send the message, and why.
 */
export interface RouteDecision__Output {
  /**
   * The chosen provider, one of the policy's provider ids.
   */
  'provider_id': (string);
  /**
   * Why this provider was chosen, for example `rule:message_type == "batch"`,
   * `fallback`, `sticky` or `weighted`.
   */
  'reason': (string);
  /**
   * Rank of the chosen provider among the candidates the policy offered;
   * 1 is the first choice.
   */
  'priority': (number);
  /**
   * Latency the Router expects from the provider, in milliseconds.
   */
  'expected_latency_ms': (string);
  /**
   * Cost the Router expects for this message at the provider, in the
   * provider's billing unit.
   */
  'expected_cost': (number);
  /**
   * Extra facts about the decision, for example `policy_id` and the
   * caller's `correlation_id`.
   */
  'metadata': ({[key: string]: string});
}
