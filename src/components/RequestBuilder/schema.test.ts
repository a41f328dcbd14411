import {describe, expect, it} from 'vitest';
import {fromJson, ScalarType, toJson} from '@bufbuild/protobuf';
import {callAsCode} from './call-code';
import {sampleRequest} from './samples';
import {fieldTypeLabel, findMethod, methodId, parseScalar, services} from './schema';

describe('request builder schema', () => {
  const methods = services.flatMap((service) => service.methods);

  it('offers every method of Router and RouterAdmin, each with a sample that is a valid request', () => {
    expect(methods.map(methodId)).toEqual([
      'beamline.flow.v1.Router/Decide',
      'beamline.flow.v1.RouterAdmin/UpsertPolicy',
      'beamline.flow.v1.RouterAdmin/DeletePolicy',
      'beamline.flow.v1.RouterAdmin/GetPolicy',
      'beamline.flow.v1.RouterAdmin/ListPolicies',
    ]);
    for (const method of methods) {
      const sample = sampleRequest(methodId(method), 'reader-x');
      expect(Object.keys(sample).length, methodId(method)).toBeGreaterThan(0);
      // Round-trips through the generated schema unchanged: no field the schema lacks.
      expect(toJson(method.input, fromJson(method.input, sample))).toEqual(sample);
    }
    expect(findMethod('beamline.flow.v1.Router/Nope')).toBeUndefined();
  });

  it('labels fields the way the proto file spells their types', () => {
    const decide = findMethod('beamline.flow.v1.Router/Decide')!;
    expect(decide.input.fields.map((field) => `${field.name}: ${fieldTypeLabel(field)}`)).toEqual([
      'message: Message',
      'policy_id: string',
      'context: map<string, string>',
    ]);
    const upsert = findMethod('beamline.flow.v1.RouterAdmin/UpsertPolicy')!;
    const policy = upsert.input.fields.find((field) => field.name === 'policy')!.message!;
    expect(policy.fields.map(fieldTypeLabel)).toEqual([
      'string',
      'repeated AdminProvider',
      'bool',
      'repeated AdminRule',
    ]);
  });

  it('reads form text into proto3 JSON values and says why it cannot', () => {
    expect(parseScalar(ScalarType.STRING, '')).toBeUndefined();
    expect(parseScalar(ScalarType.INT64, ' 1700000000000 ')).toBe('1700000000000');
    expect(parseScalar(ScalarType.DOUBLE, '0.25')).toBe(0.25);
    expect(parseScalar(ScalarType.INT32, '')).toBeUndefined();
    expect(() => parseScalar(ScalarType.INT32, '1.5')).toThrow('int32 needs a whole number, got "1.5"');
    expect(() => parseScalar(ScalarType.INT64, '12ms')).toThrow('int64 needs a whole number');
    expect(() => parseScalar(ScalarType.DOUBLE, 'fast')).toThrow('double needs a number');
  });

  it('writes the call as Connect-ES code', () => {
    const decide = findMethod('beamline.flow.v1.Router/Decide')!;
    const code = callAsCode(decide, {policyId: 'default'}, 'grpc-web', true, [['X-Correlation-Id', 'c-1']], 2000);
    expect(code).toContain("createGrpcWebTransport({baseUrl: 'http://localhost:3000', useBinaryFormat: true})");
    expect(code).toContain('const client = createClient(Router, transport);');
    expect(code).toContain('fromJson(RouteRequestSchema, {');
    expect(code).toContain('timeoutMs: 2000');
    expect(code).toContain('headers: {"x-correlation-id":"c-1"}');
  });
});
