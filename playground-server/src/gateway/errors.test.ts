import {Code, ConnectError} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {errorBody, fromRouterError, GatewayError} from './errors.js';

const ENDPOINT = '/api/v1/routes/decide';

function mapped(code: Code, metadata: Record<string, string> = {}, message = 'boom') {
  const error = fromRouterError(new ConnectError(message, code, metadata), ENDPOINT, 1_700_000_000_000, 5);
  return {
    status: error.status,
    code: error.code,
    headers: error.headers,
    details: error.details,
    message: error.message,
  };
}

describe('fromRouterError', () => {
  it("maps the Router's codes as c-gateway maps the Router's replies", () => {
    expect(mapped(Code.InvalidArgument)).toMatchObject({status: 400, code: 'invalid_request', message: 'boom'});
    expect(mapped(Code.NotFound)).toMatchObject({status: 404, code: 'policy_not_found'});
    expect(mapped(Code.Unauthenticated)).toMatchObject({status: 401, code: 'unauthorized'});
    expect(mapped(Code.PermissionDenied)).toMatchObject({status: 403, code: 'forbidden'});
    expect(mapped(Code.Internal)).toMatchObject({status: 500, code: 'internal'});
    expect(mapped(Code.Unknown)).toMatchObject({status: 500, code: 'internal'});
  });

  it('turns transport trouble into 503 unavailable', () => {
    for (const code of [Code.Unavailable, Code.DeadlineExceeded, Code.Canceled, Code.Aborted]) {
      expect(mapped(code)).toMatchObject({status: 503, code: 'unavailable', headers: {}});
    }
    expect(mapped(Code.Unavailable).message).toBe('router or NATS unavailable (boom)');
  });

  it("turns the Router's pushback into 503 service_overloaded with Retry-After: 30", () => {
    expect(mapped(Code.ResourceExhausted)).toMatchObject({
      status: 503,
      code: 'service_overloaded',
      headers: {'Retry-After': '30'},
      message: 'Router is overloaded, please retry later',
    });
  });

  it("turns the ratelimit fault into c-gateway's 429 with X-RateLimit-* and the bucket's Retry-After", () => {
    const limited = mapped(Code.ResourceExhausted, {'x-beamline-fault-injected': 'ratelimit', 'retry-after': '2'});
    expect(limited).toEqual({
      status: 429,
      code: 'rate_limit_exceeded',
      message: `Rate limit exceeded for endpoint ${ENDPOINT}`,
      headers: {
        'X-RateLimit-Limit': '5',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1700000002',
        'Retry-After': '2',
      },
      details: {endpoint: ENDPOINT, limit: 5, retry_after_seconds: 2},
    });
  });
});

describe('errorBody', () => {
  it("is c-gateway's envelope", () => {
    const body = errorBody(new GatewayError('invalid_request', 'missing X-Tenant-ID header'), {
      request_id: '',
      trace_id: 't',
      tenant_id: '',
    });
    expect(JSON.stringify(body)).toBe(
      '{"ok":false,"error":{"code":"invalid_request","message":"missing X-Tenant-ID header","intake_error_code":null,"details":{}},' +
        '"context":{"request_id":"","trace_id":"t","tenant_id":""}}',
    );
  });
});
