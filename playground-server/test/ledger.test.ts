/** The idempotency lesson's ledger and the latency tail, over real HTTP against a real server. */
import {Code, createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {FAULT_HEADER, FAULT_TAIL_HEADER, SESSION_HEADER} from '../../src/contract/index.js';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {Ledger} from '@beamline/api/beamline/playground/v1/ledger_pb';
import {silentLogger} from '../src/logger.js';
import {type RunningServer, startServer} from '../src/server.js';
import {failure} from './support/failure.js';

const reader = (session: string, fault?: string) => ({
  [SESSION_HEADER]: session,
  ...(fault ? {[FAULT_HEADER]: fault} : {}),
});

describe('Ledger and the latency tail', () => {
  let server: RunningServer;
  let ledger: ReturnType<typeof createClient<typeof Ledger>>;

  beforeAll(async () => {
    server = await startServer({logger: silentLogger});
    ledger = createClient(Ledger, createConnectTransport({baseUrl: server.url, httpVersion: '1.1'}));
  });
  afterAll(() => server?.close());

  it('a late answer after the server acted: the caller times out, yet the entry was written', async () => {
    const late = {headers: reader('s-late', 'tail=1:300ms'), timeoutMs: 100};
    const error = await failure(ledger.append({reference: 'order-1', amountCents: 500n}, late));
    expect(error.code).toBe(Code.DeadlineExceeded);
    const retry = await ledger.append({reference: 'order-1', amountCents: 500n}, {headers: reader('s-late')});
    expect(retry).toMatchObject({entriesForReference: 2, replayed: false, balanceCents: 1000n});
  });

  it('with an idempotency key, the retry after the timeout is answered from the stored result', async () => {
    const request = {reference: 'order-1', amountCents: 500n, idempotencyKey: 'pay-1'};
    const late = {headers: reader('s-key', 'tail=1:300ms'), timeoutMs: 100};
    expect((await failure(ledger.append(request, late))).code).toBe(Code.DeadlineExceeded);
    const retry = await ledger.append(request, {headers: reader('s-key')});
    expect(retry).toMatchObject({entriesForReference: 1, replayed: true, balanceCents: 500n});
    const reused = await failure(ledger.append({...request, reference: 'order-2'}, {headers: reader('s-key')}));
    expect(reused.code).toBe(Code.InvalidArgument);
    expect(reused.rawMessage).toMatch(/first used for another request/);
  });

  it("one reader's ledger is not another's", async () => {
    await ledger.append({reference: 'order-1', amountCents: 1n}, {headers: reader('s-a')});
    const other = await ledger.append({reference: 'order-1', amountCents: 1n}, {headers: reader('s-b')});
    expect(other.entriesForReference).toBe(1);
  });

  it('the tail delays the Router answer too, over gRPC, and says so in a header', async () => {
    const router = createClient(Router, createGrpcTransport({baseUrl: server.url}));
    let tail: string | null = null;
    const started = performance.now();
    await router.decide(
      {message: {tenantId: 'acme', messageId: 'm-1'}},
      {headers: reader('s-grpc', 'tail=1:200ms'), onHeader: (headers) => (tail = headers.get(FAULT_TAIL_HEADER))},
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(195);
    expect(tail).toBe('200');
  });

  it('a malformed tail is INVALID_ARGUMENT naming the problem', async () => {
    const error = await failure(
      ledger.append({reference: 'r', amountCents: 1n}, {headers: reader('s-bad', 'tail=5:10ms')}),
    );
    expect(error.code).toBe(Code.InvalidArgument);
    expect(error.rawMessage).toMatch(/x-beamline-fault: tail's share must be a number between 0 and 1/);
  });
});
