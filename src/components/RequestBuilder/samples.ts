import type {JsonObject} from './schema';

/**
 * A request worth sending for each method, in proto3 JSON, for the reader's
 * own tenant: policies a reader writes never change another reader's routing.
 */
export function sampleRequest(methodId: string, tenant: string): JsonObject {
  switch (methodId) {
    case 'beamline.flow.v1.Router/Decide':
      return {
        message: {
          messageId: 'msg-1',
          tenantId: tenant,
          traceId: 'trace-builder-1',
          messageType: 'chat',
          metadata: {region: 'eu'},
        },
        policyId: 'default',
        context: {tier: 'free'},
      };
    case 'beamline.flow.v1.RouterAdmin/UpsertPolicy':
      return {
        tenantId: tenant,
        policy: {
          policyId: 'eu-first',
          providers: [
            {id: 'alpha', weight: 1},
            {id: 'beta', weight: 3},
          ],
          sticky: true,
          rules: [{match: 'metadata.region == "eu"', prefer: ['beta'], fallback: 'alpha'}],
        },
      };
    case 'beamline.flow.v1.RouterAdmin/GetPolicy':
      return {tenantId: tenant, policyId: 'default'};
    case 'beamline.flow.v1.RouterAdmin/DeletePolicy':
      return {tenantId: tenant, policyId: 'eu-first'};
    case 'beamline.flow.v1.RouterAdmin/ListPolicies':
      return {tenantId: tenant};
    default:
      return {};
  }
}
