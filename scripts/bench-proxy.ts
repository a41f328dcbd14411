/**
 * Proxy overhead — figures printed, not asserted.
 *
 *   npm run bench:proxy        (or: npx tsx scripts/bench-proxy.ts)
 *
 * Two playground-server processes on loopback, started as `npm start`
 * would (main.ts): one answering with the embedded Router ("direct"), one
 * forwarding to it over gRPC with ROUTER_URL ("proxy"). The same client
 * (this process) calls both in the same run: latency of sequential calls
 * (p50/p99, and what the proxy adds), then throughput with many calls in
 * flight. The per-client rate limit is off: every call comes from one
 * address.
 *
 * Throughput alternates direct and proxied windows (BENCH_ROUNDS of
 * BENCH_SECONDS each) and prints the median of each round's ratio next to
 * the goal (≥ 0.5× direct, issue 9): on a shared machine the load drifts
 * between windows, and a ratio taken within one round drifts least. It
 * also prints the CPU each process spent per call (/proc, Linux only) and
 * the ratio that makes — direct CPU per call over proxied, every process
 * on the path counted — which other engineers' load moves far less than
 * calls per second: on 2 cores the client, the proxy and the Router
 * compete for the cores, so that is the ratio the rates have when nothing
 * else runs.
 *
 * The Connect client sends binary calls, which the proxy passes through
 * without decoding them (playground-server/src/rpc/pass-through.ts);
 * `UPSTREAM_PASS_THROUGH=false npm run bench:proxy` measures connect-es's
 * decoding path instead, for a before/after on the same machine.
 *
 * `BENCH_ONLY=connect` (or `grpc`) measures one protocol, so an A/B of a
 * change runs twice as many rounds in the same time.
 */
import {readFileSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {createClient, type Client, type Transport} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {Router} from '@beamline/api/beamline/flow/v1/flow_pb';
import {MAIN_SCRIPT, startServerProcess, type ServerProcess} from '../playground-server/test/support/processes';
import {benchOnly, loadAverage, median, ms, percentile} from './bench/stats';

const LATENCY_CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = 64;
/** Issue 9, goal 6: proxied throughput at least half the direct one. */
const GOAL_RATIO = 0.5;
const request = {message: {tenantId: 'acme', messageId: 'm-1', messageType: 'batch'}};

async function latencies(client: Client<typeof Router>, calls: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await client.decide(request);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** CPU time (ms, user + system) a process has used so far, or undefined where /proc is missing. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name; utime and stime are the 12th and 13th, in clock ticks (100 per second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

interface Window {
  readonly callsPerSecond: number;
  /** CPU µs per call of each process, where known. */
  readonly cpuPerCall: Record<string, number | undefined>;
}

async function throughput(
  client: Client<typeof Router>,
  seconds: number,
  processes: Record<string, ServerProcess>,
): Promise<Window> {
  const pids = Object.entries(processes).map(([name, server]) => [name, server.child.pid] as const);
  const cpuBefore = pids.map(([, pid]) => cpuMs(pid));
  const clientBefore = process.cpuUsage();
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await client.decide(request);
      done++;
    }
  };
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  const clientUsed = process.cpuUsage(clientBefore);
  const cpuPerCall: Record<string, number | undefined> = {client: (clientUsed.user + clientUsed.system) / done};
  pids.forEach(([name, pid], i) => {
    const before = cpuBefore[i];
    const after = cpuMs(pid);
    cpuPerCall[name] = before === undefined || after === undefined ? undefined : ((after - before) * 1000) / done;
  });
  return {callsPerSecond: done / seconds, cpuPerCall};
}

/** The median over rounds of each process's CPU per call, e.g. "client 610 µs, router 700 µs". */
function cpuFigures(windows: readonly Window[]): string {
  const names = Object.keys(windows[0]!.cpuPerCall);
  const figures = names.flatMap((name) => {
    const values = windows.map((w) => w.cpuPerCall[name]).filter((v): v is number => v !== undefined);
    return values.length === 0 ? [] : [`${name} ${median(values).toFixed(0)} µs`];
  });
  return figures.length === 0 ? 'n/a' : figures.join(', ');
}

/**
 * The throughput ratio the two paths would have if their processes had the
 * cores to themselves: CPU per call along the direct path over CPU per
 * call along the proxied one, every process on the path counted.
 */
function cpuBoundRatio(direct: Window, proxied: Window): number | undefined {
  const total = (w: Window) => {
    const values = Object.values(w.cpuPerCall);
    return values.includes(undefined) ? undefined : values.reduce<number>((sum, v) => sum + v!, 0);
  };
  const [d, p] = [total(direct), total(proxied)];
  return d === undefined || p === undefined ? undefined : d / p;
}

const PROTOCOLS: Record<string, readonly [string, (baseUrl: string) => Transport]> = {
  grpc: ['gRPC (h2c)', (baseUrl) => createGrpcTransport({baseUrl})],
  connect: ['Connect (HTTP/1.1)', (baseUrl) => createConnectTransport({baseUrl, httpVersion: '1.1'})],
};

async function main(): Promise<void> {
  const only = benchOnly(Object.keys(PROTOCOLS));
  const protocols = Object.entries(PROTOCOLS)
    .filter(([key]) => only.has(key))
    .map(([, protocol]) => protocol);
  const env = {RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: 'error'};
  const direct = await startServerProcess(MAIN_SCRIPT, env);
  const proxy = await startServerProcess(MAIN_SCRIPT, {...env, ROUTER_URL: direct.url});
  console.log(
    `node ${process.version}, ${availableParallelism()} cores, ${loadAverage()}; ${LATENCY_CALLS} sequential calls, ` +
      `then ${ROUNDS} rounds of ${THROUGHPUT_SECONDS} s direct and ${THROUGHPUT_SECONDS} s proxied with ${CONCURRENCY} in flight`,
  );
  try {
    for (const [name, transport] of protocols) {
      const viaDirect = createClient(Router, transport(direct.url));
      const viaProxy = createClient(Router, transport(proxy.url));
      // Warm up both paths (JIT, connections) before measuring.
      await latencies(viaDirect, 300);
      await latencies(viaProxy, 300);
      const d = await latencies(viaDirect, LATENCY_CALLS);
      const p = await latencies(viaProxy, LATENCY_CALLS);
      const [d50, d99, p50, p99] = [percentile(d, 50), percentile(d, 99), percentile(p, 50), percentile(p, 99)];
      console.log(
        `${name} latency: direct p50 ${ms(d50)} p99 ${ms(d99)}; proxy p50 ${ms(p50)} p99 ${ms(p99)}; ` +
          `added p50 ${ms(p50 - d50)} p99 ${ms(p99 - d99)} (${loadAverage()})`,
      );
      const directWindows: Window[] = [];
      const proxyWindows: Window[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        directWindows.push(await throughput(viaDirect, THROUGHPUT_SECONDS, {router: direct}));
        proxyWindows.push(await throughput(viaProxy, THROUGHPUT_SECONDS, {proxy, router: direct}));
      }
      const ratios = directWindows.map((w, i) => proxyWindows[i]!.callsPerSecond / w.callsPerSecond);
      const ratio = median(ratios);
      console.log(
        `${name} throughput: direct ${median(directWindows.map((w) => w.callsPerSecond)).toFixed(0)} calls/s; ` +
          `proxy ${median(proxyWindows.map((w) => w.callsPerSecond)).toFixed(0)} calls/s; ` +
          `${ratio.toFixed(3)}× direct (goal ≥ ${GOAL_RATIO}×: ${ratio >= GOAL_RATIO ? 'met' : 'NOT met'}; ` +
          `rounds ${ratios.map((r) => r.toFixed(2)).join(' ')}) (${loadAverage()})`,
      );
      const cpuRatios = directWindows.flatMap((w, i) => {
        const estimate = cpuBoundRatio(w, proxyWindows[i]!);
        return estimate === undefined ? [] : [estimate];
      });
      const cpuRatio = median(cpuRatios);
      console.log(
        `${name} CPU per call: direct: ${cpuFigures(directWindows)}; proxied: ${cpuFigures(proxyWindows)}` +
          (cpuRatios.length === 0
            ? ''
            : `; CPU-bound ratio ${cpuRatio.toFixed(3)}× (goal ≥ ${GOAL_RATIO}×: ${cpuRatio >= GOAL_RATIO ? 'met' : 'NOT met'})`),
      );
    }
  } finally {
    proxy.kill('SIGKILL');
    direct.kill('SIGKILL');
  }
}

await main();
