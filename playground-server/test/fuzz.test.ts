/**
 * Fuzz: 10 000 malformed requests (seeded, so a failure replays) across
 * Connect, gRPC-Web, gRPC and the HTTP facade, against a server in its own
 * process. The server must answer each with a client error — no 5xx, no
 * INTERNAL/UNKNOWN/UNAVAILABLE/DATA_LOSS status, no stack trace in any
 * body — stay up, log no error, and give its memory back. (Some damaged
 * messages still decode into a valid request; those are answered, fine.)
 *
 * Replay another run: FUZZ_SEED=<n> npx vitest run playground-server/test/fuzz.test.ts
 */
import {spawn, type ChildProcess} from 'node:child_process';
import http from 'node:http';
import http2 from 'node:http2';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createClient} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {seededRandom} from '@beamline/resilience/random';
import {malformedCase, type FuzzCase} from './support/malformed.js';
import {grpcWebStatus, http1Request, http2Request, type RawRequest, type RawResponse} from './support/raw-http.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_101);
const CASES = 10_000;
const CONCURRENCY = 32;
/** gRPC statuses that blame the server: UNKNOWN, INTERNAL, UNAVAILABLE, DATA_LOSS. */
const SERVER_FAULT_STATUSES = new Set(['2', '13', '14', '15']);
const STACK_TRACE = /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/;

let child: ChildProcess;
let url: string;
const serverErrors: string[] = [];
const replies = new Map<string, (value: unknown) => void>();

function ask<T>(key: string, message?: string): Promise<T> {
  return new Promise((resolve) => {
    replies.set(key, resolve as (value: unknown) => void);
    if (message) child.send(message);
  });
}

beforeAll(async () => {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'support/fuzz-target.ts');
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.on('message', (message: Record<string, unknown>) => {
    if (typeof message.error === 'string') serverErrors.push(message.error);
    for (const key of Object.keys(message)) replies.get(key)?.(message[key] === undefined ? message : message);
  });
  url = ((await ask<{url: string}>('url')) as {url: string}).url;
}, 30_000);
afterAll(() => {
  child?.disconnect();
});

async function heapUsed(): Promise<number> {
  return ((await ask<{heapUsed: number}>('heapUsed', 'heap')) as {heapUsed: number}).heapUsed;
}

/** Why an answer is wrong, or undefined when it is a proper client error. */
function problem(fuzz: FuzzCase, response: RawResponse): string | undefined {
  if (response.status >= 500 && !(response.status === 501 && fuzz.unsupportedEncoding)) {
    return `HTTP ${response.status}`;
  }
  const status = fuzz.request.headers?.['content-type']?.startsWith('application/grpc-web')
    ? grpcWebStatus(response)
    : (response.trailers['grpc-status'] ?? response.headers['grpc-status']);
  if (status !== undefined && SERVER_FAULT_STATUSES.has(status)) {
    return `grpc-status ${status} (${decodeURIComponent(response.trailers['grpc-message'] ?? response.headers['grpc-message'] ?? '')})`;
  }
  const text = response.body.toString('latin1') + JSON.stringify(response.trailers);
  if (STACK_TRACE.test(text)) {
    return `stack trace in the answer: ${text.slice(0, 200)}`;
  }
  return undefined;
}

describe('fuzz: malformed requests', () => {
  it(`answers ${CASES} of them (seed ${SEED}) with client errors, stays up and gives its memory back`, async () => {
    const agent = new http.Agent({keepAlive: true, maxSockets: CONCURRENCY});
    let session = http2.connect(url);
    const send = async (fuzz: FuzzCase): Promise<RawResponse> => {
      if (fuzz.transport === 'http1') {
        return http1Request(url, fuzz.request, agent);
      }
      if (session.destroyed || session.closed) {
        session = http2.connect(url);
      }
      return http2Request(session, fuzz.request);
    };

    // Warm up with valid calls, so that the baseline includes what any
    // first call allocates for good (compiled code, caches, pools).
    const client = createClient(Router, createConnectTransport({baseUrl: url, httpVersion: '1.1'}));
    const grpc = createClient(Router, createGrpcTransport({baseUrl: url}));
    for (let i = 0; i < 200; i++) {
      await Promise.all([
        client.decide({message: {tenantId: 't', messageId: `w${i}`}}),
        grpc.decide({message: {tenantId: 't', messageId: `w${i}`}}),
      ]);
    }
    const baseline = await heapUsed();

    const random = seededRandom(SEED);
    const cases = Array.from({length: CASES}, (_, index) => malformedCase(random, index));
    const failures: string[] = [];
    const kinds = new Map<string, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const index = next++;
        const fuzz = cases[index]!;
        kinds.set(fuzz.kind, (kinds.get(fuzz.kind) ?? 0) + 1);
        try {
          const wrong = problem(fuzz, await send(fuzz));
          if (wrong) failures.push(`#${index} ${fuzz.kind} ${fuzz.request.path}: ${wrong}`);
        } catch (error) {
          if (!fuzz.mayDrop) failures.push(`#${index} ${fuzz.kind}: no answer (${(error as Error).message})`);
        }
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({length: CONCURRENCY}, worker));
    const seconds = (performance.now() - started) / 1000;
    session.close();
    agent.destroy();

    // Still up and still right.
    expect((await client.decide({message: {tenantId: 't', messageId: 'after'}})).providerId).not.toBe('');
    const after = await heapUsed();
    console.log(
      `fuzz seed ${SEED}: ${CASES} requests in ${seconds.toFixed(1)} s; ` +
        `heap ${(baseline / 1e6).toFixed(1)} MB before, ${(after / 1e6).toFixed(1)} MB after; ` +
        [...kinds].map(([kind, n]) => `${kind} ${n}`).join(', '),
    );
    expect(failures.slice(0, 10)).toEqual([]);
    expect(child.exitCode).toBeNull();
    expect(serverErrors).toEqual([]);
    // Back near the baseline: a leak of even 1 KB per request would show as 10 MB.
    expect(after - baseline).toBeLessThan(Math.max(5e6, baseline * 0.25));
  }, 180_000);

  it('keeps no 15 KB keys: 1 500 made-up sessions and 1 500 made-up tenants leave the heap near its baseline', async () => {
    const agent = new http.Agent({keepAlive: true, maxSockets: CONCURRENCY});
    const baseline = await heapUsed();
    const long = (i: number) => `${i}-${'k'.repeat(15_000)}`;
    const requests = Array.from(
      {length: 3_000},
      (_, i): RawRequest =>
        i % 2 === 0
          ? {
              path: '/beamline.flow.v1.Router/Decide',
              headers: {'content-type': 'application/json', 'x-beamline-session': long(i)},
              body: new TextEncoder().encode('{"message":{"tenantId":"t","messageId":"m"}}'),
            }
          : {
              path: '/api/v1/routes/decide',
              headers: {'content-type': 'application/json', 'x-tenant-id': long(i)},
              body: new TextEncoder().encode(
                '{"version":"1","tenant_id":"t","request_id":"r","task":{"type":"t","payload":{}}}',
              ),
            },
    );
    let next = 0;
    const statuses = new Map<number, number>();
    await Promise.all(
      Array.from({length: CONCURRENCY}, async () => {
        while (next < requests.length) {
          const {status} = await http1Request(url, requests[next++]!, agent);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    agent.destroy();
    const after = await heapUsed();
    console.log(
      `15 KB keys: heap ${(baseline / 1e6).toFixed(1)} MB before, ${(after / 1e6).toFixed(1)} MB after 3 000 requests; ` +
        `statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect([...statuses.keys()].every((status) => status < 500)).toBe(true);
    // Kept as they came, the keys alone would be 45 MB.
    expect(after - baseline).toBeLessThan(10e6);
    expect(serverErrors).toEqual([]);
  }, 180_000);
});
