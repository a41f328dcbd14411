// Original file: proto/beamline/flow/v1/flow.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A unit of work a client asks the Router to place with a provider.
 */
export interface Message {
  /**
   * Unique id of this message, chosen by the client. Reuse it when retrying
   * the same message: sticky policies route a message id to the same
   * provider every time. Required.
   */
  'message_id'?: (string);
  /**
   * The tenant the message belongs to; policies are looked up per tenant.
   * Required.
   */
  'tenant_id'?: (string);
  /**
   * Distributed-tracing id (for example a W3C trace id). Optional; the
   * Router passes it through and may use it to spread non-sticky traffic.
   */
  'trace_id'?: (string);
  /**
   * What kind of work this is (for example "chat" or "batch"). Policy rules
   * can match on it: `message_type == "chat"`.
   */
  'message_type'?: (string);
  /**
   * Opaque payload for the provider. The Router does not inspect it.
   */
  'payload'?: (Buffer | Uint8Array | string);
  /**
   * Free-form string attributes. Policy rules can match on them:
   * `metadata.region == "eu"`.
   */
  'metadata'?: ({[key: string]: string});
  /**
   * When the client created the message, in milliseconds since the Unix
   * epoch. Optional; must not be negative.
   */
  'timestamp_ms'?: (number | string | Long);
}

/**
 * A unit of work a client asks the Router to place with a provider.
 */
export interface Message__Output {
  /**
   * Unique id of this message, chosen by the client. Reuse it when retrying
   * the same message: sticky policies route a message id to the same
   * provider every time. Required.
   */
  'message_id': (string);
  /**
   * The tenant the message belongs to; policies are looked up per tenant.
   * Required.
   */
  'tenant_id': (string);
  /**
   * Distributed-tracing id (for example a W3C trace id). Optional; the
   * Router passes it through and may use it to spread non-sticky traffic.
   */
  'trace_id': (string);
  /**
   * What kind of work this is (for example "chat" or "batch"). Policy rules
   * can match on it: `message_type == "chat"`.
   */
  'message_type': (string);
  /**
   * Opaque payload for the provider. The Router does not inspect it.
   */
  'payload': (Buffer);
  /**
   * Free-form string attributes. Policy rules can match on them:
   * `metadata.region == "eu"`.
   */
  'metadata': ({[key: string]: string});
  /**
   * When the client created the message, in milliseconds since the Unix
   * epoch. Optional; must not be negative.
   */
  'timestamp_ms': (string);
}
