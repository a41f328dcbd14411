/**
 * The NATS lessons' example files (examples/nats/), run as a reader runs
 * them — `node examples/nats/<file>.mjs` — against a real nats-server
 * (Debian's package, installed by .ci/run) started here with JetStream on a
 * free port and a throwaway store.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const run = promisify(execFile);
const examples = path.resolve(__dirname, '../../examples/nats');
let server: ChildProcess;
let store: string;
let natsUrl: string;

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const {port} = probe.address() as {port: number};
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Runs one example to its end; resolves with what it printed and its exit code. */
async function example(file: string): Promise<{stdout: string; code: number}> {
  try {
    const {stdout} = await run(process.execPath, [path.join(examples, file)], {
      env: {...process.env, NATS_URL: natsUrl},
      timeout: 15_000,
    });
    return {stdout, code: 0};
  } catch (error) {
    const failed = error as {stdout?: string; stderr?: string; code?: number};
    if (typeof failed.code !== 'number') throw error;
    return {stdout: failed.stdout ?? '', code: failed.code};
  }
}

beforeAll(async () => {
  store = mkdtempSync(path.join(tmpdir(), 'nats-js-'));
  const port = await freePort();
  natsUrl = `nats://127.0.0.1:${port}`;
  server = spawn('nats-server', ['-js', '-a', '127.0.0.1', '-p', String(port), '-sd', store], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  let failed: Error | undefined;
  server.once('error', (error) => (failed = error));
  server.stderr!.on('data', (chunk) => (log += chunk));
  const ready = Date.now() + 10_000;
  while (!/Server is ready/.test(log)) {
    if (failed)
      throw new Error(`cannot run nats-server (apt-get install nats-server; .ci/run does): ${failed.message}`);
    if (server.exitCode !== null || Date.now() > ready) throw new Error(`nats-server did not start:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

afterAll(async () => {
  // JetStream writes to its store until it has exited: deleting it sooner fails with ENOTEMPTY.
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
  }
  if (store) rmSync(store, {recursive: true, force: true});
});

describe('NATS examples against a real nats-server', () => {
  it('pub-sub: a wildcard subscriber gets every tenant’s events', async () => {
    const {stdout, code} = await example('pub-sub.mjs');
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toEqual([
      'received on beamline.events.acme.routed: routed m-1',
      'received on beamline.events.acme.routed: routed m-2',
      'received on beamline.events.globex.routed: routed m-3',
    ]);
  });

  it('request-reply: with nobody subscribed, the requester is told at once that there are no responders', async () => {
    const started = performance.now();
    const {stdout, code} = await example('decide-request.mjs');
    expect(code).toBe(2);
    expect(stdout).toContain('"code":"unavailable","message":"no Router is subscribed to beamline.router.v1.decide"');
    expect(performance.now() - started).toBeLessThan(2_000 + 1_500); // not after the 2 s timeout per request
  });

  it('request-reply on beamline.router.v1.decide: a decision, and task.type required', async () => {
    const responder = spawn(process.execPath, [path.join(examples, 'decide-responder.mjs')], {
      env: {...process.env, NATS_URL: natsUrl},
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await once(responder.stdout!, 'data'); // "answering …": subscribed
      const {stdout, code} = await example('decide-request.mjs');
      expect(code).toBe(0);
      const [first, second] = stdout.trim().split('\n');
      expect(JSON.parse(first!.replace('decide r-1: ', ''))).toMatchObject({
        ok: true,
        decision: {provider_id: 'bulk'},
        context: {request_id: 'r-1'},
      });
      expect(JSON.parse(second!.replace('decide r-2: ', ''))).toEqual({
        ok: false,
        error: {code: 'invalid_request', message: 'task.type is required'},
      });
    } finally {
      responder.kill();
    }
  });

  it('JetStream worker: acks good jobs, redelivers a failing one with backoff, then dead-letters it', async () => {
    const {stdout, code} = await example('jetstream-worker.mjs');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    const at = (pattern: RegExp) => Number(/\+\s*(\d+) ms/.exec(lines.find((line) => pattern.test(line)) ?? '')?.[1]);
    expect(lines.filter((line) => /done/.test(line)).map((line) => line.replace(/^\+\s*\d+ ms /, ''))).toEqual([
      'j-1 delivery 1: done → alpha',
      'j-3 delivery 1: done → bulk',
    ]);
    // Redeliveries follow the consumer's backoff: +100 ms, then +300 ms.
    const first = at(/j-2 delivery 1/);
    const second = at(/j-2 delivery 2/);
    const third = at(/j-2 delivery 3: failed, moved to beamline\.jobs\.dead/);
    expect(second - first).toBeGreaterThanOrEqual(90);
    expect(third - second).toBeGreaterThanOrEqual(280);
    expect(lines.at(-1)).toBe('dead letter: j-2 after 3 deliveries: task.type is required');
  });
});
