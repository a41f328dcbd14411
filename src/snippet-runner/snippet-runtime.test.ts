import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Code, ConnectError} from '@connectrpc/connect';
import {startServer} from '../../playground-server/src/server';
import {FACILITATOR_KEY_HEADER, type RoomAggregate, roomPaths} from '../contract/room';
import type {WorkerEvent} from './protocol';
import {createSnippetRuntime} from './snippet-runtime';

// The runtime a snippet gets, against a real playground-server over real HTTP
// (connect-web's fetch transport works in Node as in the worker).
describe('snippet runtime', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({port: 0});
  });
  afterAll(() => server?.close());

  const runtime = (events: WorkerEvent[] = [], session = 'test-session', room?: string) =>
    createSnippetRuntime({
      apiBaseUrl: server.url,
      session,
      ...(room ? {room} : {}),
      emit: (event) => events.push(event),
    });
  const request = {message: {messageId: 'm-1', tenantId: 'demo', messageType: 'chat'}};

  it('router.decide reaches the embedded Router', async () => {
    const decision = await runtime().router.decide(request);
    expect(decision.providerId).not.toBe('');
    expect(decision.metadata.policy_id).toBe('default');
  });

  it('fault() sends x-beamline-fault on the next calls, and null clears it', async () => {
    const api = runtime();
    api.fault('error=1;code=resource_exhausted');
    const failure = await api.router.decide(request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConnectError);
    expect((failure as ConnectError).code).toBe(Code.ResourceExhausted);
    expect(api.codeName((failure as ConnectError).code)).toBe('resource_exhausted');
    api.fault(null);
    await expect(api.router.decide(request)).resolves.toMatchObject({reason: expect.any(String)});
  });

  it('fault() reports the spec now in force, so the page can show what the calls really carry', () => {
    const events: WorkerEvent[] = [];
    const api = runtime(events);
    api.fault(' error=0.9;code=unavailable ');
    api.fault('  ');
    expect(events.map((event) => event.type === 'fault' && event.spec)).toEqual(['error=0.9;code=unavailable', null]);
  });

  it('sends the session header, so a server-side rate limit belongs to one reader', async () => {
    const reader = runtime([], 'reader-a');
    const other = runtime([], 'reader-b');
    reader.fault('ratelimit=1/m');
    other.fault('ratelimit=1/m');
    await reader.router.decide(request);
    await expect(reader.router.decide(request)).rejects.toMatchObject({code: Code.ResourceExhausted});
    await expect(other.router.decide(request)).resolves.toBeDefined();
  });

  it("sends the reader's room, and marks a call repeating a message id as a retry (grpc-previous-rpc-attempts)", async () => {
    const setScenario = (scenario: unknown) =>
      fetch(`${server.url}${roomPaths.scenario('rt-room')}`, {
        method: 'PUT',
        headers: {[FACILITATOR_KEY_HEADER]: server.facilitatorKey},
        body: JSON.stringify(scenario),
      });
    await setScenario({kind: 'outage', seconds: 60});
    const api = runtime([], 'reader-r', 'rt-room');
    await expect(api.router.decide(request)).rejects.toMatchObject({code: Code.Unavailable});
    await expect(runtime().router.decide(request)).resolves.toBeDefined();
    await setScenario({kind: 'calm'});
    await api.router.decide(request);
    await api.router.decide(request);
    await api.router.decide({message: {...request.message, messageId: 'm-2'}});
    const stream = await fetch(`${server.url}${roomPaths.dashboard('rt-room')}?key=${server.facilitatorKey}`);
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!/event: aggregate\ndata: .*\n/.test(text)) text += (await reader.read()).value;
    await reader.cancel();
    const aggregate = JSON.parse(/event: aggregate\ndata: (.*)\n/.exec(text)![1]!) as RoomAggregate;
    expect(aggregate.totals).toMatchObject({calls: 3, first: 1, retries: 2});
    expect(aggregate.participants).toBe(1);
  });

  it('tells of a call that got no answer at all, not of an answered error nor of a deadline the snippet set', async () => {
    let told = 0;
    const unanswered = () => told++;
    const answered = createSnippetRuntime({apiBaseUrl: server.url, session: 's', emit: () => {}, unanswered});
    answered.fault('error=1;code=unavailable;latency=300ms');
    await expect(answered.router.decide(request)).rejects.toMatchObject({code: Code.Unavailable});
    await expect(answered.router.decide(request, {timeoutMs: 20})).rejects.toMatchObject({
      code: Code.DeadlineExceeded,
    });
    expect(told).toBe(0);
    // Port 1: nothing listens there, the call is refused.
    const gone = createSnippetRuntime({apiBaseUrl: 'http://127.0.0.1:1', session: 's', emit: () => {}, unanswered});
    await expect(gone.router.decide(request)).rejects.toBeInstanceOf(ConnectError);
    expect(told).toBe(1);
  });

  it("gives the snippet the reader's own tenant, derived from the session", () => {
    expect(runtime([], '0123456789abcdef').tenant).toBe('reader-0123456789abcdef');
    expect(runtime([], 'fedcba9876543210').tenant).not.toBe(runtime([], '0123456789abcdef').tenant);
  });

  it('log and chart.point become events stamped with the time since the run started', async () => {
    const events: WorkerEvent[] = [];
    const api = runtime(events);
    await api.sleep(20);
    api.log('decision', {providerId: 'alpha', expectedLatencyMs: 5n});
    api.chart.point({outcome: 'ok', attempt: 1});
    expect(events[0]).toMatchObject({
      type: 'log',
      level: 'log',
      text: 'decision {"providerId":"alpha","expectedLatencyMs":"5"}',
    });
    expect(events[1]).toMatchObject({type: 'point', point: {outcome: 'ok', attempt: 1}});
    const t = (events[1] as Extract<WorkerEvent, {type: 'point'}>).point.t;
    expect(t).toBeGreaterThanOrEqual(15);
    expect(t).toBeLessThan(5_000);
  });
});
