// Original file: proto/beamline/flow/v1/flow.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { RouteDecision as _beamline_flow_v1_RouteDecision, RouteDecision__Output as _beamline_flow_v1_RouteDecision__Output } from '../../../beamline/flow/v1/RouteDecision.js';
import type { RouteRequest as _beamline_flow_v1_RouteRequest, RouteRequest__Output as _beamline_flow_v1_RouteRequest__Output } from '../../../beamline/flow/v1/RouteRequest.js';

/**
 * Routes messages to providers.
 * 
 * Errors: INVALID_ARGUMENT (a required field is missing or malformed; the
 * message names the field), NOT_FOUND (no such policy for the tenant),
 * RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE. The Router reads a correlation
 * id from the `x-correlation-id` request metadata.
 */
export interface RouterClient extends grpc.Client {
  /**
   * Chooses a provider for one message under one of its tenant's policies.
   */
  Decide(argument: _beamline_flow_v1_RouteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  Decide(argument: _beamline_flow_v1_RouteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  Decide(argument: _beamline_flow_v1_RouteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  Decide(argument: _beamline_flow_v1_RouteRequest, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  /**
   * Chooses a provider for one message under one of its tenant's policies.
   */
  decide(argument: _beamline_flow_v1_RouteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  decide(argument: _beamline_flow_v1_RouteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  decide(argument: _beamline_flow_v1_RouteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  decide(argument: _beamline_flow_v1_RouteRequest, callback: grpc.requestCallback<_beamline_flow_v1_RouteDecision__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Routes messages to providers.
 * 
 * Errors: INVALID_ARGUMENT (a required field is missing or malformed; the
 * message names the field), NOT_FOUND (no such policy for the tenant),
 * RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE. The Router reads a correlation
 * id from the `x-correlation-id` request metadata.
 */
export interface RouterHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Chooses a provider for one message under one of its tenant's policies.
   */
  Decide: grpc.handleUnaryCall<_beamline_flow_v1_RouteRequest__Output, _beamline_flow_v1_RouteDecision>;
  
}

export interface RouterDefinition extends grpc.ServiceDefinition {
  Decide: MethodDefinition<_beamline_flow_v1_RouteRequest, _beamline_flow_v1_RouteDecision, _beamline_flow_v1_RouteRequest__Output, _beamline_flow_v1_RouteDecision__Output>
}
