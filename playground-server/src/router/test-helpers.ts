import {create, type MessageInitShape} from '@bufbuild/protobuf';
import {
  AdminPolicySchema,
  RouteRequestSchema,
  type AdminPolicy,
  type Message,
  type RouteRequest,
} from '@beamline/api/beamline/flow/v1/flow_pb';

export function policy(init: MessageInitShape<typeof AdminPolicySchema>): AdminPolicy {
  return create(AdminPolicySchema, init);
}

type MessageFields = Partial<Omit<Message, '$typeName' | '$unknown'>>;
type RequestFields = Partial<Pick<RouteRequest, 'policyId' | 'context'>>;

/** A valid Decide request for tenant "acme"; the arguments override fields. */
export function routeRequest(message: MessageFields = {}, rest: RequestFields = {}): RouteRequest {
  return create(RouteRequestSchema, {
    message: {tenantId: 'acme', messageId: 'm-1', ...message},
    ...rest,
  });
}
