/**
 * `npm run bench:attacks`: the hostile-client shapes of issue 13, each run
 * against a fresh playground-server process on loopback, with the server's
 * heap, resident memory and open file descriptors printed before, at the
 * peak of and after each attack. Figures only, nothing asserted (the unit
 * tests assert the behaviour).
 *
 * BENCH_SERVER_ROOT=<checkout> measures another checkout's server (e.g. an
 * older commit, for a before/after figure).
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {h2HeldStreams} from '../playground-server/test/support/attacks';

const root = path.resolve(process.env.BENCH_SERVER_ROOT ?? '.');

interface Sample {
  heapMiB: number;
  /** The server's own count of open HTTP/2 streams (NaN for a server without that gauge). */
  streams: number;
  rssMiB: number;
  fds: number;
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => probe.once('listening', resolve));
  const {port} = probe.address() as {port: number};
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(env: Record<string, string> = {}): Promise<{url: string; child: ChildProcess}> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'playground-server/src/main.ts'], {
    cwd: root,
    env: {...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'error', ...env},
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let tries = 0; tries < 400; tries++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return {url, child};
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error('server did not start');
}

/** Resident memory and fds from /proc (they answer even when the server does not); the JS heap from its /metrics. */
async function sample(url: string, pid: number): Promise<Sample | undefined> {
  let rssMiB: number;
  let fds: number;
  try {
    rssMiB = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
    fds = readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return undefined;
  }
  let heapMiB = Number.NaN;
  let streams = Number.NaN;
  try {
    const text = await (await fetch(`${url}/metrics`, {signal: AbortSignal.timeout(20_000)})).text();
    heapMiB = Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1]) / 2 ** 20;
    streams = Number(/^playground_http2_streams_open (\S+)/m.exec(text)?.[1] ?? Number.NaN);
  } catch {}
  return {heapMiB, streams, rssMiB, fds};
}

const show = (s: Sample | undefined) =>
  s
    ? `heap ${Number.isNaN(s.heapMiB) ? '(/metrics did not answer in 20 s)' : `${s.heapMiB.toFixed(0)} MiB`}, rss ${s.rssMiB.toFixed(0)} MiB, fds ${s.fds}, h2 streams held ${Number.isNaN(s.streams) ? 'n/a' : s.streams}`
    : 'process gone';

async function run(
  name: string,
  attack: (url: string, measure: () => Promise<void>) => Promise<string>,
  env?: Record<string, string>,
) {
  const {url, child} = await startServer(env);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`${code ?? signal}`)));
  try {
    const before = await sample(url, child.pid!);
    let peak: Sample | undefined;
    const outcome = await attack(url, async () => {
      peak = await sample(url, child.pid!);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await sample(url, child.pid!);
    const alive = child.exitCode === null && child.signalCode === null;
    console.log(`${name}: ${outcome}`);
    console.log(`  before: ${show(before)}`);
    console.log(`  during: ${show(peak)}`);
    console.log(`  after:  ${show(after)}; server ${alive ? 'up' : `exited (${await exited})`}`);
  } finally {
    child.kill('SIGKILL');
  }
}

await run(
  'h2 header amplification + held streams (10 sessions × 100 streams, 3 KB × 120 per stream, HPACK-indexed)',
  async (url, measure) => {
    const result = await h2HeldStreams({
      url,
      sessions: 10,
      streamsPerSession: 100,
      valueBytes: 3000,
      repeats: 120,
      holdMs: 6_000,
      whileHeld: measure,
    });
    return `1000 streams opened, ${result.held} still open on the client after 6 s`;
  },
);

await run('h2 held streams (5 sessions × 100 streams that never end their request)', async (url, measure) => {
  const result = await h2HeldStreams({
    url,
    sessions: 5,
    streamsPerSession: 100,
    valueBytes: 100,
    repeats: 1,
    holdMs: 3_000,
    whileHeld: measure,
  });
  return `${result.held} streams still open on the client after 3 s`;
});
