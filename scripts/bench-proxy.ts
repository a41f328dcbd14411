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
 * address. On a 2-core machine the client, the proxy and the Router
 * compete for the cores, so throughput through the proxy is a floor.
 */
import {availableParallelism} from 'node:os';
import {createClient, type Client, type Transport} from '@connectrpc/connect';
import {createConnectTransport, createGrpcTransport} from '@connectrpc/connect-node';
import {Router} from '../src/gen/beamline/flow/v1/flow_pb';
import {MAIN_SCRIPT, startServerProcess} from '../playground-server/test/support/processes';
import {ms, percentile} from './bench/stats';

const LATENCY_CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const THROUGHPUT_SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONCURRENCY = 64;
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

async function throughput(client: Client<typeof Router>, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await client.decide(request);
      done++;
    }
  };
  await Promise.all(Array.from({length: CONCURRENCY}, worker));
  return done / seconds;
}

async function main(): Promise<void> {
  const env = {RATE_LIMIT_PER_SECOND: '0', LOG_LEVEL: 'error'};
  const direct = await startServerProcess(MAIN_SCRIPT, env);
  const proxy = await startServerProcess(MAIN_SCRIPT, {...env, ROUTER_URL: direct.url});
  console.log(
    `node ${process.version}, ${availableParallelism()} cores; ${LATENCY_CALLS} sequential calls, then ${THROUGHPUT_SECONDS} s with ${CONCURRENCY} in flight`,
  );
  const protocols: Record<string, (baseUrl: string) => Transport> = {
    'gRPC (h2c)': (baseUrl) => createGrpcTransport({baseUrl}),
    'Connect (HTTP/1.1)': (baseUrl) => createConnectTransport({baseUrl, httpVersion: '1.1'}),
  };
  try {
    for (const [name, transport] of Object.entries(protocols)) {
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
          `added p50 ${ms(p50 - d50)} p99 ${ms(p99 - d99)}`,
      );
      const dRate = await throughput(viaDirect, THROUGHPUT_SECONDS);
      const pRate = await throughput(viaProxy, THROUGHPUT_SECONDS);
      console.log(
        `${name} throughput: direct ${dRate.toFixed(0)} calls/s; proxy ${pRate.toFixed(0)} calls/s ` +
          `(${(pRate / dRate).toFixed(2)}× direct)`,
      );
    }
  } finally {
    proxy.kill('SIGKILL');
    direct.kill('SIGKILL');
  }
}

await main();
