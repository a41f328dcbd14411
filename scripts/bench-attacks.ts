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
import http from 'node:http';
import http2 from 'node:http2';
import {createServer} from 'node:net';
import path from 'node:path';
import {h2HeldStreams} from '../playground-server/test/support/attacks';
import {FAULT_HEADER, GATEWAY_PATHS, SESSION_HEADER} from '../src/contract';

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

/** Sends `count` requests, `concurrency` at a time, and tallies the answers' statuses (or the failure). */
async function flood(count: number, concurrency: number, send: (i: number) => Promise<number | string>) {
  const tally = new Map<string, number>();
  let next = 0;
  await Promise.all(
    Array.from({length: concurrency}, async () => {
      while (next < count) {
        const i = next++;
        const outcome = String(await send(i).catch((error: Error) => error.message.slice(0, 40)));
        tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
      }
    }),
  );
  return [...tally].map(([outcome, n]) => `${outcome}: ${n}`).join(', ');
}

const decideDto = '{"version":"1","tenant_id":"t","request_id":"r","task":{"type":"t","payload":{}}}';

await run('HTTP/2 random :method values (2 000 to the facade)', async (url, measure) => {
  const session = http2.connect(url);
  session.on('error', () => {});
  const statuses = await flood(2_000, 100, (i) => {
    return new Promise<number>((resolve, reject) => {
      const stream = session.request({':method': `M${i.toString(36)}X`, ':path': GATEWAY_PATHS.decide});
      stream.on('response', (headers) => resolve(Number(headers[':status'])));
      stream.on('error', reject);
      stream.resume();
      stream.end();
    });
  });
  session.close();
  await measure();
  const text = await (await fetch(`${url}/metrics`)).text();
  const series = text.split('\n').filter((line) => line.startsWith('gateway_http_requests_total{')).length;
  return `${statuses}; gateway_http_requests_total series: ${series}, /metrics ${(text.length / 1024).toFixed(0)} KiB`;
});

await run('15 KB session and tenant ids (3 000 requests, each id new)', async (url, measure) => {
  const long = (i: number) => `${i}-${'k'.repeat(15_000)}`;
  const statuses = await flood(3_000, 32, async (i) => {
    const facade = i % 2 === 1;
    const answer = await fetch(`${url}${facade ? GATEWAY_PATHS.decide : '/beamline.flow.v1.Router/Decide'}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(facade ? {'x-tenant-id': long(i)} : {[SESSION_HEADER]: long(i)}),
      },
      body: facade ? decideDto : '{"message":{"tenantId":"t","messageId":"m"}}',
    });
    await answer.arrayBuffer();
    return answer.status;
  });
  await measure();
  return statuses;
});

await run(
  'calls held by injected latency (1 500 at once over 1 500 connections, latency=5s, one address; MAX_HELD_CALLS=500)',
  async (url, measure) => {
    const agent = new http.Agent({keepAlive: true, maxSockets: 1_500});
    const {hostname, port} = new URL(url);
    const flooded = flood(1_500, 1_500, (i) => {
      return new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: hostname,
            port,
            method: 'POST',
            path: '/beamline.flow.v1.Router/Decide',
            headers: {
              'content-type': 'application/json',
              [FAULT_HEADER]: 'latency=5s',
              [SESSION_HEADER]: `s${i % 300}`,
            },
            agent,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end('{"message":{"tenantId":"t","messageId":"m"}}');
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await measure();
    const statuses = await flooded;
    agent.destroy();
    return statuses;
  },
  {MAX_HELD_CALLS: '500'},
);

await run('facade event streams from one address (400 at once)', async (url, measure) => {
  const open: http.ClientRequest[] = [];
  const statuses = await flood(400, 400, (i) => {
    return new Promise<string>((resolve, reject) => {
      const req = http.get(`${url}${GATEWAY_PATHS.stream}?tenant_id=t${i}`, {agent: false}, (res) => {
        res.once('data', (chunk: Buffer) =>
          resolve(res.statusCode === 200 ? chunk.toString().trim() || 'empty' : String(res.statusCode)),
        );
      });
      req.on('error', reject);
      open.push(req);
    });
  });
  await measure();
  for (const req of open) req.destroy();
  return statuses;
});

await run('deeply nested JSON to the facade (200 bodies, 30 000 levels)', async (url, measure) => {
  const nested = `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;
  const statuses = await flood(200, 16, async () => {
    const answer = await fetch(`${url}${GATEWAY_PATHS.decide}`, {
      method: 'POST',
      headers: {'content-type': 'application/json', 'x-tenant-id': `deep-${Math.random()}`},
      body: decideDto.replace('"payload":{}', `"payload":${nested}`),
    });
    await answer.arrayBuffer();
    return answer.status;
  });
  await measure();
  return statuses;
});

await run(
  'absolute-form targets past the per-client burst (500 × POST http://x/api/…; RATE_LIMIT_BURST=100, 10/s)',
  async (url, measure) => {
    const {hostname, port} = new URL(url);
    const agent = new http.Agent({keepAlive: true, maxSockets: 32});
    const statuses = await flood(500, 32, (i) => {
      return new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: hostname,
            port,
            method: 'POST',
            path: `http://x${GATEWAY_PATHS.decide}`,
            headers: {'content-type': 'application/json', 'x-tenant-id': `abs-${i}`},
            agent,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(decideDto);
      });
    });
    agent.destroy();
    await measure();
    return statuses;
  },
  {RATE_LIMIT_BURST: '100', RATE_LIMIT_PER_SECOND: '10'},
);
