import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdminPolicy as _beamline_flow_v1_AdminPolicy, AdminPolicy__Output as _beamline_flow_v1_AdminPolicy__Output } from './beamline/flow/v1/AdminPolicy.js';
import type { AdminProvider as _beamline_flow_v1_AdminProvider, AdminProvider__Output as _beamline_flow_v1_AdminProvider__Output } from './beamline/flow/v1/AdminProvider.js';
import type { AdminRule as _beamline_flow_v1_AdminRule, AdminRule__Output as _beamline_flow_v1_AdminRule__Output } from './beamline/flow/v1/AdminRule.js';
import type { DeletePolicyRequest as _beamline_flow_v1_DeletePolicyRequest, DeletePolicyRequest__Output as _beamline_flow_v1_DeletePolicyRequest__Output } from './beamline/flow/v1/DeletePolicyRequest.js';
import type { DeletePolicyResponse as _beamline_flow_v1_DeletePolicyResponse, DeletePolicyResponse__Output as _beamline_flow_v1_DeletePolicyResponse__Output } from './beamline/flow/v1/DeletePolicyResponse.js';
import type { GetPolicyRequest as _beamline_flow_v1_GetPolicyRequest, GetPolicyRequest__Output as _beamline_flow_v1_GetPolicyRequest__Output } from './beamline/flow/v1/GetPolicyRequest.js';
import type { GetPolicyResponse as _beamline_flow_v1_GetPolicyResponse, GetPolicyResponse__Output as _beamline_flow_v1_GetPolicyResponse__Output } from './beamline/flow/v1/GetPolicyResponse.js';
import type { ListPoliciesRequest as _beamline_flow_v1_ListPoliciesRequest, ListPoliciesRequest__Output as _beamline_flow_v1_ListPoliciesRequest__Output } from './beamline/flow/v1/ListPoliciesRequest.js';
import type { ListPoliciesResponse as _beamline_flow_v1_ListPoliciesResponse, ListPoliciesResponse__Output as _beamline_flow_v1_ListPoliciesResponse__Output } from './beamline/flow/v1/ListPoliciesResponse.js';
import type { Message as _beamline_flow_v1_Message, Message__Output as _beamline_flow_v1_Message__Output } from './beamline/flow/v1/Message.js';
import type { RouteDecision as _beamline_flow_v1_RouteDecision, RouteDecision__Output as _beamline_flow_v1_RouteDecision__Output } from './beamline/flow/v1/RouteDecision.js';
import type { RouteRequest as _beamline_flow_v1_RouteRequest, RouteRequest__Output as _beamline_flow_v1_RouteRequest__Output } from './beamline/flow/v1/RouteRequest.js';
import type { RouterClient as _beamline_flow_v1_RouterClient, RouterDefinition as _beamline_flow_v1_RouterDefinition } from './beamline/flow/v1/Router.js';
import type { RouterAdminClient as _beamline_flow_v1_RouterAdminClient, RouterAdminDefinition as _beamline_flow_v1_RouterAdminDefinition } from './beamline/flow/v1/RouterAdmin.js';
import type { UpsertPolicyRequest as _beamline_flow_v1_UpsertPolicyRequest, UpsertPolicyRequest__Output as _beamline_flow_v1_UpsertPolicyRequest__Output } from './beamline/flow/v1/UpsertPolicyRequest.js';
import type { UpsertPolicyResponse as _beamline_flow_v1_UpsertPolicyResponse, UpsertPolicyResponse__Output as _beamline_flow_v1_UpsertPolicyResponse__Output } from './beamline/flow/v1/UpsertPolicyResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  beamline: {
    flow: {
      v1: {
        AdminPolicy: MessageTypeDefinition<_beamline_flow_v1_AdminPolicy, _beamline_flow_v1_AdminPolicy__Output>
        AdminProvider: MessageTypeDefinition<_beamline_flow_v1_AdminProvider, _beamline_flow_v1_AdminProvider__Output>
        AdminRule: MessageTypeDefinition<_beamline_flow_v1_AdminRule, _beamline_flow_v1_AdminRule__Output>
        DeletePolicyRequest: MessageTypeDefinition<_beamline_flow_v1_DeletePolicyRequest, _beamline_flow_v1_DeletePolicyRequest__Output>
        DeletePolicyResponse: MessageTypeDefinition<_beamline_flow_v1_DeletePolicyResponse, _beamline_flow_v1_DeletePolicyResponse__Output>
        GetPolicyRequest: MessageTypeDefinition<_beamline_flow_v1_GetPolicyRequest, _beamline_flow_v1_GetPolicyRequest__Output>
        GetPolicyResponse: MessageTypeDefinition<_beamline_flow_v1_GetPolicyResponse, _beamline_flow_v1_GetPolicyResponse__Output>
        ListPoliciesRequest: MessageTypeDefinition<_beamline_flow_v1_ListPoliciesRequest, _beamline_flow_v1_ListPoliciesRequest__Output>
        ListPoliciesResponse: MessageTypeDefinition<_beamline_flow_v1_ListPoliciesResponse, _beamline_flow_v1_ListPoliciesResponse__Output>
        Message: MessageTypeDefinition<_beamline_flow_v1_Message, _beamline_flow_v1_Message__Output>
        RouteDecision: MessageTypeDefinition<_beamline_flow_v1_RouteDecision, _beamline_flow_v1_RouteDecision__Output>
        RouteRequest: MessageTypeDefinition<_beamline_flow_v1_RouteRequest, _beamline_flow_v1_RouteRequest__Output>
        /**
         * Routes messages to providers.
         * 
         * Errors: INVALID_ARGUMENT (a required field is missing or malformed; the
         * message names the field), NOT_FOUND (no such policy for the tenant),
         * RESOURCE_EXHAUSTED, INTERNAL, UNAVAILABLE. The Router reads a correlation
         * id from the `x-correlation-id` request metadata.
         */
        Router: SubtypeConstructor<typeof grpc.Client, _beamline_flow_v1_RouterClient> & { service: _beamline_flow_v1_RouterDefinition }
        /**
         * Manages routing policies. Every call must carry the admin key in the
         * `x-api-key` or `authorization` metadata; otherwise it fails with
         * UNAUTHENTICATED.
         */
        RouterAdmin: SubtypeConstructor<typeof grpc.Client, _beamline_flow_v1_RouterAdminClient> & { service: _beamline_flow_v1_RouterAdminDefinition }
        UpsertPolicyRequest: MessageTypeDefinition<_beamline_flow_v1_UpsertPolicyRequest, _beamline_flow_v1_UpsertPolicyRequest__Output>
        UpsertPolicyResponse: MessageTypeDefinition<_beamline_flow_v1_UpsertPolicyResponse, _beamline_flow_v1_UpsertPolicyResponse__Output>
      }
    }
  }
}

