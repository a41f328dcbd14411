import {create} from '@bufbuild/protobuf';
import {describe, expect, it} from 'vitest';
import {RouteDecisionSchema} from '@beamline/api/beamline/flow/v1/flow_pb';
import {decisionBody, parseDecideDto, toRouteRequest} from './decide-dto.js';

const valid = {version: '1', tenant_id: 'acme', request_id: 'r-1', task: {type: 'chat', payload: {text: 'hi'}}};

function problem(body: unknown): string | undefined {
  const parsed = parseDecideDto(typeof body === 'string' ? body : JSON.stringify(body));
  return parsed.ok ? undefined : parsed.problem;
}

describe('parseDecideDto', () => {
  it("accepts c-gateway's DTO, with or without the optional fields", () => {
    expect(problem(valid)).toBeUndefined();
    expect(
      problem({...valid, policy_id: 'eu', context: {tier: 'gold'}, metadata: {a: 1}, trace_id: 't'}),
    ).toBeUndefined();
  });

  it('says which part is wrong', () => {
    expect(problem('{')).toBe('body is not valid JSON');
    expect(problem([valid])).toBe('body must be a JSON object');
    expect(problem({...valid, version: 1})).toBe('version must be the string "1"');
    expect(problem({...valid, version: '2'})).toBe('version must be the string "1"');
    expect(problem({...valid, tenant_id: undefined})).toBe('tenant_id must be a string');
    expect(problem({...valid, request_id: 7})).toBe('request_id must be a string');
    expect(problem({...valid, task: 'chat'})).toBe('task must be an object');
    expect(problem({...valid, task: {payload: {}}})).toBe('task.type must be a string');
    expect(problem({...valid, task: {type: 'chat', payload: 'x'}})).toBe('task.payload must be an object');
    expect(problem({...valid, policy_id: 3})).toBe('policy_id must be a string');
    expect(problem({...valid, context: ['tier']})).toBe('context must be an object');
  });
});

describe('toRouteRequest', () => {
  it("maps the DTO as c-gateway and the Router's NATS consumer do; the header's tenant wins", () => {
    const {dto} = parseDecideDto(
      JSON.stringify({
        ...valid,
        tenant_id: 'body-tenant',
        policy_id: 'eu',
        context: {tier: 'gold', n: 2, x: null},
        metadata: {flag: true},
      }),
    ) as {ok: true; dto: never};
    const request = toRouteRequest(dto, 'header-tenant', 'trace-9');
    expect(request.policyId).toBe('eu');
    expect(request.context).toEqual({tier: 'gold', n: '2'});
    expect(request.message).toMatchObject({
      messageId: 'r-1',
      tenantId: 'header-tenant',
      traceId: 'trace-9',
      messageType: 'chat',
      metadata: {flag: 'true'},
    });
    expect(new TextDecoder().decode(request.message!.payload)).toBe('{"text":"hi"}');
  });
});

describe('decisionBody', () => {
  it("has c-gateway's field names and numbers, and metadata only when there is some", () => {
    const decision = create(RouteDecisionSchema, {
      providerId: 'alpha',
      reason: 'sticky',
      priority: 1,
      expectedLatencyMs: 120n,
      expectedCost: 0.002,
    });
    expect(decisionBody(decision)).toEqual({
      provider_id: 'alpha',
      priority: 1,
      expected_latency_ms: 120,
      expected_cost: 0.002,
      reason: 'sticky',
    });
    expect(decisionBody({...decision, metadata: {policy_id: 'default'}}).metadata).toEqual({policy_id: 'default'});
  });
});
