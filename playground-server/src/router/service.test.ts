import {Code, createClient, createRouterTransport} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {Router, RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';
import {createEmbeddedRouter} from './service.js';
import {failure} from '../../test/support/failure.js';

const ADMIN_KEY = 'test-admin-key';
const admin = {headers: {'x-api-key': ADMIN_KEY}};

function clients() {
  const backend = createEmbeddedRouter({adminApiKey: ADMIN_KEY});
  const transport = createRouterTransport((router) => {
    router.service(Router, backend.router);
    router.service(RouterAdmin, backend.admin);
  });
  return {router: createClient(Router, transport), admin: createClient(RouterAdmin, transport)};
}

const euPolicy = {
  policyId: 'eu',
  providers: [
    {id: 'frankfurt', weight: 1},
    {id: 'dublin', weight: 1},
  ],
  rules: [{match: 'metadata.region == "ie"', prefer: ['dublin']}],
};

describe('Router.Decide', () => {
  it('decides with the built-in default policy for any tenant, echoing the correlation id', async () => {
    const {router} = clients();
    let responseHeader: Headers | undefined;
    const decision = await router.decide(
      {message: {tenantId: 'first-visit', messageId: 'm-1', messageType: 'chat'}},
      {headers: {'x-correlation-id': 'corr-7'}, onHeader: (h) => (responseHeader = h)},
    );
    expect(['alpha', 'beta']).toContain(decision.providerId);
    expect(decision.reason).toBe('sticky');
    expect(decision.metadata).toMatchObject({policy_id: 'default', correlation_id: 'corr-7'});
    expect(responseHeader?.get('x-correlation-id')).toBe('corr-7');
  });

  it('treats an explicit policy_id "default" like an empty one', async () => {
    const {router} = clients();
    const message = {tenantId: 't', messageId: 'm-1'};
    const implicit = await router.decide({message});
    const explicit = await router.decide({message, policyId: 'default'});
    expect(explicit).toEqual(implicit);
  });

  it.each<[string, Parameters<ReturnType<typeof clients>['router']['decide']>[0], string]>([
    ['no message', {policyId: 'default'}, 'message is required'],
    ['no tenant', {message: {messageId: 'm'}}, 'message.tenant_id is required'],
    ['no message id', {message: {tenantId: 't'}}, 'message.message_id is required'],
    [
      'negative timestamp',
      {message: {tenantId: 't', messageId: 'm', timestampMs: -1n}},
      'message.timestamp_ms must not be negative, got -1',
    ],
    [
      'overlong trace id',
      {message: {tenantId: 't', messageId: 'm', traceId: 'x'.repeat(300)}},
      'message.trace_id must be at most 256 characters, got 300',
    ],
    [
      'control character in message type',
      {message: {tenantId: 't', messageId: 'm', messageType: 'a\u0007'}},
      'message.message_type must not contain control characters',
    ],
  ])('rejects %s with INVALID_ARGUMENT naming the field', async (_name, request, message) => {
    const error = await failure(clients().router.decide(request));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe(message);
  });

  it('answers NOT_FOUND naming tenant and policy for an unknown policy', async () => {
    const error = await failure(
      clients().router.decide({message: {tenantId: 'acme', messageId: 'm'}, policyId: 'nope'}),
    );
    expect(error.code).toBe(Code.NotFound);
    expect(error.rawMessage).toBe('policy "nope" not found for tenant "acme"');
  });
});

describe('RouterAdmin', () => {
  it.each([
    ['no key', {}, 'RouterAdmin calls need the admin key in x-api-key or authorization metadata'],
    ['a wrong key', {'x-api-key': 'guess'}, 'the admin key is not valid'],
    ['a wrong bearer', {authorization: 'Bearer guess'}, 'the admin key is not valid'],
  ])('refuses calls with %s as UNAUTHENTICATED', async (_name, headers, message) => {
    const error = await failure(clients().admin.listPolicies({tenantId: 'acme'}, {headers}));
    expect(error.code).toBe(Code.Unauthenticated);
    expect(error.rawMessage).toContain(message);
  });

  it.each([{'x-api-key': ADMIN_KEY}, {authorization: `Bearer ${ADMIN_KEY}`}, {authorization: ADMIN_KEY}])(
    'accepts the key as %j',
    async (headers) => {
      const listed = await clients().admin.listPolicies({tenantId: 'acme'}, {headers});
      expect(listed.policies.map((p) => p.policyId)).toEqual(['default']);
    },
  );

  it("upserts, reads, lists and deletes a tenant's policy, and Decide follows it", async () => {
    const {router, admin: adminClient} = clients();
    expect(await adminClient.upsertPolicy({tenantId: 'acme', policy: euPolicy}, admin)).toMatchObject({ok: true});

    const got = await adminClient.getPolicy({tenantId: 'acme', policyId: 'eu'}, admin);
    expect(got.policy).toMatchObject(euPolicy);
    const listed = await adminClient.listPolicies({tenantId: 'acme'}, admin);
    expect(listed.policies.map((p) => p.policyId)).toEqual(['default', 'eu']);

    const decision = await router.decide({
      message: {tenantId: 'acme', messageId: 'm', metadata: {region: 'ie'}},
      policyId: 'eu',
    });
    expect(decision).toMatchObject({providerId: 'dublin', reason: 'rule:metadata.region == "ie"'});

    expect(await adminClient.deletePolicy({tenantId: 'acme', policyId: 'eu'}, admin)).toMatchObject({ok: true});
    const gone = await failure(router.decide({message: {tenantId: 'acme', messageId: 'm'}, policyId: 'eu'}));
    expect(gone.code).toBe(Code.NotFound);
  });

  it("keeps one tenant's policies away from another tenant", async () => {
    const {router, admin: adminClient} = clients();
    await adminClient.upsertPolicy({tenantId: 'acme', policy: euPolicy}, admin);
    const error = await failure(router.decide({message: {tenantId: 'globex', messageId: 'm'}, policyId: 'eu'}));
    expect(error.rawMessage).toBe('policy "eu" not found for tenant "globex"');
  });

  it.each<[string, () => Promise<unknown>, Code, string]>([
    [
      'upsert without tenant',
      () => clients().admin.upsertPolicy({policy: euPolicy}, admin),
      Code.InvalidArgument,
      'tenant_id is required',
    ],
    [
      'upsert without policy',
      () => clients().admin.upsertPolicy({tenantId: 'acme'}, admin),
      Code.InvalidArgument,
      'policy is required',
    ],
    [
      'upsert of an invalid policy',
      () => clients().admin.upsertPolicy({tenantId: 'acme', policy: {...euPolicy, providers: []}}, admin),
      Code.InvalidArgument,
      'policy.providers must list at least one provider',
    ],
    [
      'get without policy id',
      () => clients().admin.getPolicy({tenantId: 'acme'}, admin),
      Code.InvalidArgument,
      'policy_id is required',
    ],
    [
      'get of an unknown policy',
      () => clients().admin.getPolicy({tenantId: 'acme', policyId: 'nope'}, admin),
      Code.NotFound,
      'policy "nope" not found for tenant "acme"',
    ],
    [
      'delete of an unknown policy',
      () => clients().admin.deletePolicy({tenantId: 'acme', policyId: 'nope'}, admin),
      Code.NotFound,
      'policy "nope" not found for tenant "acme"',
    ],
    [
      'delete of the built-in policy',
      () => clients().admin.deletePolicy({tenantId: 'acme', policyId: 'default'}, admin),
      Code.FailedPrecondition,
      'policy "default" is built in and read-only',
    ],
    [
      'upsert over the built-in policy',
      () =>
        clients().admin.upsertPolicy(
          {tenantId: 'demo', policy: {policyId: 'default', providers: [{id: 'evil', weight: 1}]}},
          admin,
        ),
      Code.FailedPrecondition,
      'policy "default" is built in and read-only',
    ],
    [
      'a rule match longer than 512 characters',
      () =>
        clients().admin.upsertPolicy(
          {
            tenantId: 'acme',
            policy: {
              policyId: 'big',
              providers: [{id: 'a', weight: 1}],
              rules: [{match: `message_type == "${'x'.repeat(600)}"`, prefer: ['a']}],
            },
          },
          admin,
        ),
      Code.InvalidArgument,
      'policy.rules[0].match must be at most 512 characters',
    ],
    [
      'a policy over 16 KiB',
      () =>
        clients().admin.upsertPolicy(
          {
            tenantId: 'acme',
            policy: {
              policyId: 'big',
              providers: Array.from({length: 64}, (_, i) => ({id: `${'p'.repeat(250)}${i}`, weight: 1})),
            },
          },
          admin,
        ),
      Code.InvalidArgument,
      'bytes encoded; at most 16384 allowed',
    ],
    [
      'list without tenant',
      () => clients().admin.listPolicies({}, admin),
      Code.InvalidArgument,
      'tenant_id is required',
    ],
    [
      'a rule preferring more than 16 providers',
      () =>
        clients().admin.upsertPolicy(
          {
            tenantId: 'acme',
            policy: {
              policyId: 'big',
              providers: [{id: 'a', weight: 1}],
              rules: [{match: '*', prefer: Array.from({length: 17}, () => 'a')}],
            },
          },
          admin,
        ),
      Code.InvalidArgument,
      'policy.rules[0].prefer may list at most 16 providers, got 17',
    ],
  ])('rejects %s', async (_name, call, code, message) => {
    const error = await failure(call());
    expect(error.code).toBe(code);
    expect(error.rawMessage).toContain(message);
  });

  it("keeps one reader's policies away from another reader's routing", async () => {
    const {router, admin: adminClient} = clients();
    const reader = (session: string) => ({headers: {...admin.headers, 'x-beamline-session': session}});
    const euPolicy = {policyId: 'eu', providers: [{id: 'eu-west', weight: 1}]};
    await adminClient.upsertPolicy({tenantId: 'demo', policy: euPolicy}, reader('alice'));
    const request = {message: {tenantId: 'demo', messageId: 'm-1'}, policyId: 'eu'};
    expect((await router.decide(request, reader('alice'))).providerId).toBe('eu-west');
    expect((await failure(router.decide(request, reader('bob')))).code).toBe(Code.NotFound);
    expect((await failure(router.decide(request))).code).toBe(Code.NotFound);
    const listed = await adminClient.listPolicies({tenantId: 'demo'}, reader('bob'));
    expect(listed.policies.map((policy) => policy.policyId)).toEqual(['default']);
  });
});
