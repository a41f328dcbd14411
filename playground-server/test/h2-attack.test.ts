/**
 * One client attacking over cleartext HTTP/2, against a server in its own
 * process (its heap measured alone): HPACK-amplified header lists (a few KB
 * on the wire, hundreds of KB decoded) on streams that never end their
 * request, then small streams held open. The server must refuse the first,
 * cut the second at its request timeout and at the per-client stream cap,
 * keep its heap bounded, and answer normally afterwards.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {createClient} from '@connectrpc/connect';
import {createGrpcTransport} from '@connectrpc/connect-node';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {h2HeldStreams} from './support/attacks.js';

const REQUEST_TIMEOUT_MS = 1_500;
const STREAMS_PER_CLIENT = 300;

let child: ChildProcess;
let url: string;
const serverErrors: string[] = [];
const waiting = new Map<string, (message: Record<string, unknown>) => void>();

function ask(key: string, message?: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    waiting.set(key, resolve);
    if (message) child.send(message);
  });
}
const heapMiB = async () => ((await ask('heapUsed', 'heap')).heapUsed as number) / 2 ** 20;

beforeAll(async () => {
  const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'support/fuzz-target.ts');
  child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      TARGET_LIMITS: JSON.stringify({
        requestTimeoutMs: REQUEST_TIMEOUT_MS,
        http2MaxStreamsPerClient: STREAMS_PER_CLIENT,
      }),
    },
  });
  child.on('message', (message: Record<string, unknown>) => {
    if (typeof message.error === 'string') serverErrors.push(message.error);
    for (const key of Object.keys(message)) waiting.get(key)?.(message);
  });
  url = (await ask('url')).url as string;
}, 30_000);
afterAll(() => child?.disconnect());

/** What the server says it holds: its own gauge of open HTTP/2 streams. */
async function streamsOpen(): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^playground_http2_streams_open (\d+)/m.exec(text)?.[1]);
}

describe('HTTP/2 from one hostile client', () => {
  it('refuses amplified header lists and held streams, keeps its heap bounded and stays healthy', async () => {
    const grpc = createClient(Router, createGrpcTransport({baseUrl: url}));
    await grpc.decide({message: {tenantId: 't', messageId: 'warm-up'}});
    const baseline = await heapMiB();

    // 10 sessions × 100 streams whose 3 KB header value is repeated 50 times by
    // HPACK reference (150 KB decoded each, 150 MB in all), never ending their request.
    let amplifiedHeld = -1;
    let duringAmplified = 0;
    await h2HeldStreams({
      url,
      sessions: 10,
      streamsPerSession: 100,
      valueBytes: 3_000,
      repeats: 50,
      holdMs: 4_000,
      whileHeld: async () => {
        amplifiedHeld = await streamsOpen();
        duringAmplified = await heapMiB();
      },
    });
    expect(amplifiedHeld).toBe(0);

    // Small streams that never end: the per-client cap's worth are held, and only until the request timeout.
    // Watched from the start, since a loaded machine may take longer to open them than the server holds them.
    let mostHeld = 0;
    let duringHeld = 0;
    let attacking = true;
    const watched = (async () => {
      while (attacking) {
        const open = await streamsOpen();
        if (open > mostHeld) {
          mostHeld = open;
          duringHeld = await heapMiB();
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    let heldAtEnd = -1;
    await h2HeldStreams({
      url,
      sessions: 5,
      streamsPerSession: 100,
      valueBytes: 100,
      repeats: 1,
      holdMs: REQUEST_TIMEOUT_MS,
      // Still open on the client, but cut by the server at its request timeout (allowing for a loaded machine).
      whileHeld: async () => {
        const deadline = performance.now() + 8_000;
        heldAtEnd = await streamsOpen();
        while (heldAtEnd > 0 && performance.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          heldAtEnd = await streamsOpen();
        }
      },
    });
    attacking = false;
    await watched;
    expect(mostHeld).toBeGreaterThan(0);
    expect(mostHeld).toBeLessThanOrEqual(STREAMS_PER_CLIENT);
    expect(heldAtEnd).toBe(0);

    expect((await grpc.decide({message: {tenantId: 't', messageId: 'after'}})).providerId).not.toBe('');
    const after = await heapMiB();
    console.log(
      `h2 attack: heap ${baseline.toFixed(1)} MiB before, ${duringAmplified.toFixed(1)} MiB during the ` +
        `amplified streams, ${duringHeld.toFixed(1)} MiB with ${mostHeld} small streams held, ${after.toFixed(1)} MiB after`,
    );
    expect(duringAmplified - baseline).toBeLessThan(40);
    expect(duringHeld - baseline).toBeLessThan(40);
    expect(after - baseline).toBeLessThan(10);
    expect(child.exitCode).toBeNull();
    expect(serverErrors).toEqual([]);
  }, 60_000);
});
