/** Workshop rooms over real HTTP: the facilitator's key, scenarios on both doors, the SSE streams. */
import {Code, createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  FACILITATOR_KEY_HEADER,
  PREVIOUS_ATTEMPTS_HEADER,
  ROOM_FAULT_HEADER,
  ROOM_HEADER,
  type RoomAggregate,
  type RoomState,
  roomPaths,
} from '../../src/contract/room.js';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {silentLogger} from '../src/logger.js';
import {type RunningServer, startServer} from '../src/server.js';
import {failure} from './support/failure.js';

const key = 'test-facilitator-key';
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({logger: silentLogger, facilitatorKey: key});
});
afterAll(() => server.close());

const request = {message: {tenantId: 'acme', messageId: 'm-1'}};
const connect = () => createClient(Router, createConnectTransport({baseUrl: server.url, httpVersion: '1.1'}));
const grpc = () => createClient(Router, createGrpcTransport({baseUrl: server.url}));

function setScenario(
  room: string,
  scenario: unknown,
  headers: Record<string, string> = {[FACILITATOR_KEY_HEADER]: key},
) {
  return fetch(`${server.url}${roomPaths.scenario(room)}`, {
    method: 'PUT',
    headers: {'content-type': 'application/json', ...headers},
    body: JSON.stringify(scenario),
  });
}

function facadeDecide(room: string) {
  return fetch(`${server.url}/api/v1/routes/decide`, {
    method: 'POST',
    headers: {'content-type': 'application/json', 'x-tenant-id': 'acme', [ROOM_HEADER]: room},
    body: JSON.stringify({version: '1', tenant_id: 'acme', request_id: 'r-1', task: {type: 'chat', payload: {}}}),
  });
}

/** Reads Server-Sent Events from `path` until `enough` says so; returns them by order. */
async function readEvents(path: string, enough: (events: Array<{event: string; data: unknown}>) => boolean) {
  const abort = new AbortController();
  const response = await fetch(`${server.url}${path}`, {signal: abort.signal});
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: Array<{event: string; data: unknown}> = [];
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of response.body!) {
    buffered += decoder.decode(chunk, {stream: true});
    let end = buffered.indexOf('\n\n');
    while (end !== -1) {
      const block = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data) events.push({event, data: JSON.parse(data)});
      end = buffered.indexOf('\n\n');
    }
    if (enough(events)) break;
  }
  abort.abort();
  return events;
}

describe('the facilitator API', () => {
  it('refuses without the key (401) or with a wrong one (403), and says why', async () => {
    const missing = await setScenario('a', {kind: 'outage'}, {});
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as {error: string}).error).toMatch(
      /needs the facilitator key: open the facilitator URL/,
    );
    const wrong = await setScenario('a', {kind: 'outage'}, {[FACILITATOR_KEY_HEADER]: 'guess'});
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as {error: string}).error).toMatch(/wrong facilitator key/);
    const dashboard = await fetch(`${server.url}${roomPaths.dashboard('a')}`);
    expect(dashboard.status).toBe(401);
    // Nothing changed.
    expect(await connect().decide(request, {headers: {[ROOM_HEADER]: 'a'}})).toBeDefined();
  });

  it('names a bad scenario exactly', async () => {
    const response = await setScenario('a', {kind: 'outage', seconds: 0});
    expect(response.status).toBe(400);
    expect(((await response.json()) as {error: string}).error).toBe(
      'bad scenario: seconds must be a number from 1 to 600, got 0',
    );
  });

  it('keeps the key it was given', () => {
    expect(server.facilitatorKey).toBe(key);
  });
});

describe('room scenarios', () => {
  it("an outage fails every member's Router calls on both doors, and only in that room", async () => {
    const state = (await (await setScenario('outage-a', {kind: 'outage', seconds: 30})).json()) as RoomState;
    expect(state).toMatchObject({room: 'outage-a', scenario: {kind: 'outage', seconds: 30}});
    expect(state.endsAt! - state.startedAt).toBe(30_000);
    try {
      let trailers: Headers | undefined;
      const viaConnect = await failure(connect().decide(request, {headers: {[ROOM_HEADER]: 'outage-a'}}));
      expect(viaConnect.code).toBe(Code.Unavailable);
      expect(viaConnect.rawMessage).toMatch(/room "outage-a" outage: the Router is down for the whole room/);
      expect(viaConnect.metadata.get(ROOM_FAULT_HEADER)).toBe('outage');
      const viaGrpc = await failure(
        grpc().decide(request, {headers: {[ROOM_HEADER]: 'outage-a'}, onTrailer: (t) => (trailers = t)}),
      );
      expect(viaGrpc.code).toBe(Code.Unavailable);
      expect(viaGrpc.metadata.get(ROOM_FAULT_HEADER) ?? trailers?.get(ROOM_FAULT_HEADER)).toBe('outage');
      const viaFacade = await facadeDecide('outage-a');
      expect(viaFacade.status).toBe(503);
      expect(viaFacade.headers.get(ROOM_FAULT_HEADER)).toBe('outage');
      // Room B and the default room are untouched.
      expect((await connect().decide(request, {headers: {[ROOM_HEADER]: 'outage-b'}})).providerId).not.toBe('');
      expect((await connect().decide(request)).providerId).not.toBe('');
      expect((await facadeDecide('outage-b')).status).toBe(200);
    } finally {
      await setScenario('outage-a', {kind: 'calm'});
    }
  });

  it("the room's failure comes before the caller's own fault header, whose latency adds to the room's", async () => {
    await setScenario('layers', {kind: 'brownout', error: 0, latencyMs: 150});
    const started = performance.now();
    const error = await failure(
      connect().decide(request, {
        headers: {[ROOM_HEADER]: 'layers', 'x-beamline-fault': 'error=1;code=internal;latency=100ms'},
      }),
    );
    expect(error.code).toBe(Code.Internal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    await setScenario('layers', {kind: 'outage', seconds: 5});
    const roomFirst = await failure(
      connect().decide(request, {headers: {[ROOM_HEADER]: 'layers', 'x-beamline-fault': 'error=1;code=internal'}}),
    );
    expect(roomFirst.code).toBe(Code.Unavailable);
  });

  it('shared capacity serves N calls per second for the whole room and refuses the rest with RESOURCE_EXHAUSTED', async () => {
    await setScenario('shared', {kind: 'capacity', perSecond: 2});
    const client = connect();
    const started = performance.now();
    const outcomes = await Promise.all(
      Array.from({length: 12}, (_, i) =>
        client
          .decide(request, {headers: {[ROOM_HEADER]: 'shared', 'x-beamline-session': `s-${i % 3}`}})
          .then(() => 'ok')
          .catch((error) => Code[failureCode(error)]),
      ),
    );
    // A burst of one second's worth, plus what refilled while the calls arrived.
    const served = outcomes.filter((o) => o === 'ok').length;
    expect(served).toBeGreaterThanOrEqual(2);
    expect(served).toBeLessThanOrEqual(2 + Math.ceil(((performance.now() - started) / 1000) * 2));
    expect(outcomes.filter((o) => o === 'ResourceExhausted')).toHaveLength(12 - served);
  });

  it('refuses a malformed room code with INVALID_ARGUMENT', async () => {
    const error = await failure(connect().decide(request, {headers: {[ROOM_HEADER]: 'Not A Room!'}}));
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/x-beamline-room: a room code is 1-20 lower-case letters/);
  });
});

describe('room streams', () => {
  it("tells a member's banner the new scenario as soon as the facilitator switches it", async () => {
    const events = readEvents(`${roomPaths.events('banner')}?session=s-1`, (seen) => seen.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const switched = Date.now();
    await setScenario('banner', {kind: 'brownout', error: 0.3, latencyMs: 200});
    const [first, second] = await events;
    expect(first).toMatchObject({event: 'scenario', data: {room: 'banner', scenario: {kind: 'calm'}}});
    expect(second).toMatchObject({event: 'scenario', data: {scenario: {kind: 'brownout', error: 0.3, latencyMs: 200}}});
    expect(Date.now() - switched).toBeLessThan(500);
  });

  it("streams the dashboard's aggregate: calls by outcome, first attempts vs retries, participants", async () => {
    await setScenario('counted', {kind: 'outage', seconds: 60});
    const client = connect();
    const call = (session: string, previous: number) =>
      client
        .decide(request, {
          headers: {
            [ROOM_HEADER]: 'counted',
            'x-beamline-session': session,
            [PREVIOUS_ATTEMPTS_HEADER]: String(previous),
          },
        })
        .catch(() => undefined);
    await call('p-1', 0);
    await call('p-1', 1);
    await call('p-2', 0);
    await setScenario('counted', {kind: 'calm'});
    await call('p-2', 0);
    await call('p-2', 2);
    const events = await readEvents(`${roomPaths.dashboard('counted')}?key=${key}`, (seen) =>
      seen.some((e) => e.event === 'aggregate'),
    );
    const aggregate = events.find((e) => e.event === 'aggregate')!.data as RoomAggregate;
    expect(aggregate.participants).toBe(2);
    expect(aggregate.totals).toMatchObject({calls: 2, first: 1, retries: 1, outcomes: {ok: 2, unavailable: 0}});
    const lastMinute = aggregate.perSecond.reduce((sum, bin) => sum + bin.first + bin.retries, 0);
    expect(lastMinute).toBe(5);
    expect(aggregate.recovery?.bins.reduce((sum, bin) => sum + bin.outcomes.unavailable, 0)).toBe(3);
  });

  it('sends the aggregate at least once a second', async () => {
    const started = Date.now();
    const events = await readEvents(
      `${roomPaths.dashboard('ticks')}?key=${key}`,
      (seen) => seen.filter((e) => e.event === 'aggregate').length >= 3,
    );
    expect(events.filter((e) => e.event === 'aggregate')).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

function failureCode(error: unknown): Code {
  return (error as {code: Code}).code;
}
