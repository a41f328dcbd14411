import {Code, createClient, createRouterTransport} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import {Router, RouterAdmin} from '@beamline/api/beamline/flow/v1/flow_pb';
import {createEmbeddedRouter} from '../router/service.js';
import {FAULT_INJECTED_HEADER, FAULT_LATENCY_HEADER} from '../../../src/contract/index.js';
import {createApplyFaults, type FaultOptions} from './apply.js';
import {createFaultInterceptor} from './interceptor.js';
import {sleep as realSleep} from './sleep.js';
import {failure} from '../../test/support/failure.js';

const request = {message: {tenantId: 'acme', messageId: 'm-1'}};

function clients(options: FaultOptions = {}) {
  const backend = createEmbeddedRouter({adminApiKey: 'key'});
  const transport = createRouterTransport(
    (router) => {
      router.service(Router, backend.router);
      router.service(RouterAdmin, backend.admin);
    },
    {router: {interceptors: [createFaultInterceptor(createApplyFaults(options))]}},
  );
  return {router: createClient(Router, transport), admin: createClient(RouterAdmin, transport)};
}

/** Returns the given values in turn, like a seeded random source would. */
function sequence(...values: number[]): () => number {
  return () => {
    const next = values.shift();
    if (next === undefined) throw new Error('random source exhausted');
    return next;
  };
}

const noSleep = () => Promise.resolve();

const fault = (spec: string, more: Record<string, string> = {}) => ({
  headers: {'x-beamline-fault': spec, ...more},
});

describe('fault injection', () => {
  it('leaves requests without the header alone', async () => {
    let header: Headers | undefined;
    const decision = await clients({random: sequence()}).router.decide(request, {
      onHeader: (h) => (header = h),
    });
    expect(decision.providerId).not.toBe('');
    expect(header?.has(FAULT_INJECTED_HEADER)).toBe(false);
    expect(header?.has(FAULT_LATENCY_HEADER)).toBe(false);
  });

  it('fails with UNAVAILABLE by default and marks the failure as injected', async () => {
    const error = await failure(clients().router.decide(request, fault('error=1')));
    expect(error.code).toBe(Code.Unavailable);
    expect(error.rawMessage).toBe('injected fault: unavailable (x-beamline-fault: error=1)');
    expect(error.metadata.get(FAULT_INJECTED_HEADER)).toBe('unavailable');
  });

  it.each([
    ['resource_exhausted', Code.ResourceExhausted],
    ['internal', Code.Internal],
    ['deadline_exceeded', Code.DeadlineExceeded],
    ['not_found', Code.NotFound],
  ])('fails with the requested code %s', async (name, code) => {
    const error = await failure(clients().router.decide(request, fault(`error=1;code=${name}`)));
    expect(error.code).toBe(code);
    expect(error.metadata.get(FAULT_INJECTED_HEADER)).toBe(name);
  });

  it('fails with the given probability, drawing from the injected random source', async () => {
    const {router} = clients({random: sequence(0.29, 0.3, 0.99)});
    const outcomes = await Promise.allSettled([
      router.decide(request, fault('error=0.3')),
      router.decide(request, fault('error=0.3')),
      router.decide(request, fault('error=0.3')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });

  it('never fails with error=0 and never draws for it', async () => {
    const {router} = clients({random: sequence()});
    await expect(router.decide(request, fault('error=0;code=internal'))).resolves.toBeDefined();
  });

  it('adds latency plus uniform jitter and reports the delay', async () => {
    const slept: number[] = [];
    const {router} = clients({
      random: sequence(0.5),
      sleep: async (ms) => void slept.push(ms),
    });
    let header: Headers | undefined;
    await router.decide(request, {...fault('latency=80ms;jitter=40ms'), onHeader: (h) => (header = h)});
    expect(slept).toEqual([100]);
    expect(header?.get(FAULT_LATENCY_HEADER)).toBe('100');
  });

  it('delays before failing, and reports the delay on the failure too', async () => {
    const slept: number[] = [];
    const {router} = clients({random: sequence(0), sleep: async (ms) => void slept.push(ms)});
    const error = await failure(router.decide(request, fault('latency=1.5s;error=1')));
    expect(slept).toEqual([1500]);
    expect(error.metadata.get(FAULT_LATENCY_HEADER)).toBe('1500');
  });

  it("really waits, and the wait ends at the call's deadline", async () => {
    const {router} = clients();
    const started = performance.now();
    await router.decide(request, fault('latency=60ms'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);

    const deadlineStart = performance.now();
    const error = await failure(router.decide(request, {...fault('latency=5s'), timeoutMs: 50}));
    expect(error.code).toBe(Code.DeadlineExceeded);
    expect(performance.now() - deadlineStart).toBeLessThan(1000);
  });

  it('stops waiting on the server when the caller gives up', async () => {
    let serverWaitEnded: number | undefined;
    const {router} = clients({
      sleep: (ms, signal) => realSleep(ms, signal).finally(() => (serverWaitEnded = performance.now())),
    });
    const abort = new AbortController();
    const started = performance.now();
    setTimeout(() => abort.abort(), 30);
    const error = await failure(router.decide(request, {...fault('latency=5s'), signal: abort.signal}));
    expect(error.code).toBe(Code.Canceled);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(serverWaitEnded).toBeDefined();
    expect(serverWaitEnded! - started).toBeLessThan(1000);
  });

  describe('ratelimit', () => {
    it('refuses over the limit with RESOURCE_EXHAUSTED and retry hints, per session', async () => {
      let now = 0;
      const {router} = clients({now: () => now});
      const alice = fault('ratelimit=2/s', {'x-beamline-session': 'alice'});
      await router.decide(request, alice);
      await router.decide(request, alice);
      const error = await failure(router.decide(request, alice));
      expect(error.code).toBe(Code.ResourceExhausted);
      expect(error.rawMessage).toContain('rate limit of 2 per second exceeded for session "alice"');
      expect(error.metadata.get(FAULT_INJECTED_HEADER)).toBe('ratelimit');
      expect(error.metadata.get('retry-after')).toBe('1');
      expect(error.metadata.get('grpc-retry-pushback-ms')).toBe('500');

      const bob = fault('ratelimit=2/s', {'x-beamline-session': 'bob'});
      await expect(router.decide(request, bob)).resolves.toBeDefined();

      now = 500;
      await expect(router.decide(request, alice)).resolves.toBeDefined();
    });

    it('refuses a session id too long to key a bucket', async () => {
      const error = await failure(
        clients().router.decide(request, fault('ratelimit=5/s', {'x-beamline-session': 's'.repeat(129)})),
      );
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toBe('x-beamline-session: is 129 characters long; at most 128 allowed');
    });

    it('needs a session header', async () => {
      const error = await failure(clients().router.decide(request, fault('ratelimit=5/s')));
      expect(error.code).toBe(Code.InvalidArgument);
      expect(error.rawMessage).toBe(
        'x-beamline-fault: ratelimit needs a x-beamline-session header naming your session',
      );
    });
  });

  it('rejects a malformed spec with INVALID_ARGUMENT that is not marked as injected', async () => {
    const error = await failure(clients().router.decide(request, fault('error=1.5')));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toBe('x-beamline-fault: error must be between 0 and 1, got 1.5');
    expect(error.metadata.has(FAULT_INJECTED_HEADER)).toBe(false);
  });

  it('applies to RouterAdmin as well', async () => {
    const error = await failure(
      clients().admin.listPolicies({tenantId: 'acme'}, fault('error=1;code=internal', {'x-api-key': 'key'})),
    );
    expect(error.code).toBe(Code.Internal);
  });

  it("keeps one caller's faults away from a concurrent caller", async () => {
    const {router} = clients();
    const started = performance.now();
    const faulty = failure(router.decide(request, fault('error=1;latency=150ms')));
    const clean = router.decide(request).then((decision) => ({
      decision,
      elapsed: performance.now() - started,
    }));
    const [faultyError, cleanResult] = await Promise.all([faulty, clean]);
    expect(faultyError.code).toBe(Code.Unavailable);
    expect(cleanResult.decision.providerId).not.toBe('');
    expect(cleanResult.elapsed).toBeLessThan(100);
  });

  it('reports each injected fault by kind', async () => {
    const kinds: string[] = [];
    const {router} = clients({random: sequence(0.1), sleep: noSleep, onInjected: (kind) => kinds.push(kind)});
    await failure(router.decide(request, fault('latency=5ms;error=0.5;code=internal')));
    const limited = fault('ratelimit=1/m', {'x-beamline-session': 's'});
    await router.decide(request, limited);
    await failure(router.decide(request, limited));
    expect(kinds).toEqual(['latency', 'internal', 'ratelimit']);
  });
});
