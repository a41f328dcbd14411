// Original file: proto/beamline/flow/v1/flow.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeletePolicyRequest as _beamline_flow_v1_DeletePolicyRequest, DeletePolicyRequest__Output as _beamline_flow_v1_DeletePolicyRequest__Output } from '../../../beamline/flow/v1/DeletePolicyRequest.js';
import type { DeletePolicyResponse as _beamline_flow_v1_DeletePolicyResponse, DeletePolicyResponse__Output as _beamline_flow_v1_DeletePolicyResponse__Output } from '../../../beamline/flow/v1/DeletePolicyResponse.js';
import type { GetPolicyRequest as _beamline_flow_v1_GetPolicyRequest, GetPolicyRequest__Output as _beamline_flow_v1_GetPolicyRequest__Output } from '../../../beamline/flow/v1/GetPolicyRequest.js';
import type { GetPolicyResponse as _beamline_flow_v1_GetPolicyResponse, GetPolicyResponse__Output as _beamline_flow_v1_GetPolicyResponse__Output } from '../../../beamline/flow/v1/GetPolicyResponse.js';
import type { ListPoliciesRequest as _beamline_flow_v1_ListPoliciesRequest, ListPoliciesRequest__Output as _beamline_flow_v1_ListPoliciesRequest__Output } from '../../../beamline/flow/v1/ListPoliciesRequest.js';
import type { ListPoliciesResponse as _beamline_flow_v1_ListPoliciesResponse, ListPoliciesResponse__Output as _beamline_flow_v1_ListPoliciesResponse__Output } from '../../../beamline/flow/v1/ListPoliciesResponse.js';
import type { UpsertPolicyRequest as _beamline_flow_v1_UpsertPolicyRequest, UpsertPolicyRequest__Output as _beamline_flow_v1_UpsertPolicyRequest__Output } from '../../../beamline/flow/v1/UpsertPolicyRequest.js';
import type { UpsertPolicyResponse as _beamline_flow_v1_UpsertPolicyResponse, UpsertPolicyResponse__Output as _beamline_flow_v1_UpsertPolicyResponse__Output } from '../../../beamline/flow/v1/UpsertPolicyResponse.js';

/**
 * Manages routing policies. Every call must carry the admin key in the
 * `x-api-key` or `authorization` metadata; otherwise it fails with
 * UNAUTHENTICATED.
 */
export interface RouterAdminClient extends grpc.Client {
  /**
   * Deletes one of the tenant's policies.
   */
  DeletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  DeletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  DeletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  DeletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Deletes one of the tenant's policies.
   */
  deletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  deletePolicy(argument: _beamline_flow_v1_DeletePolicyRequest, callback: grpc.requestCallback<_beamline_flow_v1_DeletePolicyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Reads one of the tenant's policies.
   */
  GetPolicy(argument: _beamline_flow_v1_GetPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  GetPolicy(argument: _beamline_flow_v1_GetPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  GetPolicy(argument: _beamline_flow_v1_GetPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  GetPolicy(argument: _beamline_flow_v1_GetPolicyRequest, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Reads one of the tenant's policies.
   */
  getPolicy(argument: _beamline_flow_v1_GetPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _beamline_flow_v1_GetPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _beamline_flow_v1_GetPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  getPolicy(argument: _beamline_flow_v1_GetPolicyRequest, callback: grpc.requestCallback<_beamline_flow_v1_GetPolicyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Lists the tenant's policies.
   */
  ListPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  ListPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  ListPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  ListPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Lists the tenant's policies.
   */
  listPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  listPolicies(argument: _beamline_flow_v1_ListPoliciesRequest, callback: grpc.requestCallback<_beamline_flow_v1_ListPoliciesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates the policy, or replaces the tenant's policy with the same id.
   */
  UpsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  UpsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  UpsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  UpsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates the policy, or replaces the tenant's policy with the same id.
   */
  upsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  upsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  upsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  upsertPolicy(argument: _beamline_flow_v1_UpsertPolicyRequest, callback: grpc.requestCallback<_beamline_flow_v1_UpsertPolicyResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Manages routing policies. Every call must carry the admin key in the
 * `x-api-key` or `authorization` metadata; otherwise it fails with
 * UNAUTHENTICATED.
 */
export interface RouterAdminHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Deletes one of the tenant's policies.
   */
  DeletePolicy: grpc.handleUnaryCall<_beamline_flow_v1_DeletePolicyRequest__Output, _beamline_flow_v1_DeletePolicyResponse>;
  
  /**
   * Reads one of the tenant's policies.
   */
  GetPolicy: grpc.handleUnaryCall<_beamline_flow_v1_GetPolicyRequest__Output, _beamline_flow_v1_GetPolicyResponse>;
  
  /**
   * Lists the tenant's policies.
   */
  ListPolicies: grpc.handleUnaryCall<_beamline_flow_v1_ListPoliciesRequest__Output, _beamline_flow_v1_ListPoliciesResponse>;
  
  /**
   * Creates the policy, or replaces the tenant's policy with the same id.
   */
  UpsertPolicy: grpc.handleUnaryCall<_beamline_flow_v1_UpsertPolicyRequest__Output, _beamline_flow_v1_UpsertPolicyResponse>;
  
}

export interface RouterAdminDefinition extends grpc.ServiceDefinition {
  DeletePolicy: MethodDefinition<_beamline_flow_v1_DeletePolicyRequest, _beamline_flow_v1_DeletePolicyResponse, _beamline_flow_v1_DeletePolicyRequest__Output, _beamline_flow_v1_DeletePolicyResponse__Output>
  GetPolicy: MethodDefinition<_beamline_flow_v1_GetPolicyRequest, _beamline_flow_v1_GetPolicyResponse, _beamline_flow_v1_GetPolicyRequest__Output, _beamline_flow_v1_GetPolicyResponse__Output>
  ListPolicies: MethodDefinition<_beamline_flow_v1_ListPoliciesRequest, _beamline_flow_v1_ListPoliciesResponse, _beamline_flow_v1_ListPoliciesRequest__Output, _beamline_flow_v1_ListPoliciesResponse__Output>
  UpsertPolicy: MethodDefinition<_beamline_flow_v1_UpsertPolicyRequest, _beamline_flow_v1_UpsertPolicyResponse, _beamline_flow_v1_UpsertPolicyRequest__Output, _beamline_flow_v1_UpsertPolicyResponse__Output>
}
