/**
 * A workshop room against one server — figures printed next to their
 * budgets, nothing asserted.
 *
 *   npm run bench:room [-- --participants 200 --seconds 60]
 *
 * Starts a real playground-server (its own process, loopback) and simulates
 * the room as a workshop has it: every participant has its own
 * `x-beamline-session` and loopback address, keeps its room banner's event
 * stream open, and runs the retry page's traffic — each second a burst of 5
 * calls, each retried with full jitter (base 100 ms, cap 2 s, 6 attempts,
 * a 2 s deadline per attempt, as the snippet has it) under 30 % injected
 * UNAVAILABLE — over Connect (JSON), as the snippet's worker does. The
 * facilitator's dashboard stream is open throughout.
 *
 * The load is open-loop: bursts keep their schedule whether or not earlier
 * calls were answered, as participants' Run buttons do, so a server that
 * falls behind shows it in latency and errors instead of slowing the room
 * down. Calls still unanswered 10 s after the end are cut off and counted.
 *
 * The bench and the server share this machine's cores: it prints both
 * processes' CPU and the load average (as `uptime` does) before and after;
 * compare runs only at a similar load. Two figures stand apart from the
 * load: the server's own latency (its duration histogram, arrival to
 * answer, which the bench's own late timers cannot inflate) and the server
 * CPU one request costs — with the room's request rate, whether it fits
 * in the one core a Node event loop has.
 */
import {spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {setMaxListeners} from 'node:events';
import {readFileSync} from 'node:fs';
import {Agent, type IncomingMessage, request} from 'node:http';
import {createServer} from 'node:net';
import {cpus} from 'node:os';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {SESSION_HEADER} from '../src/contract';
import {DEFAULT_ROOM, FACILITATOR_KEY_HEADER, PREVIOUS_ATTEMPTS_HEADER, roomPaths} from '../src/contract/room';
import {newReaderId, tenantFor} from '../src/snippet-runner/session';
import {loadAverage, percentile} from './bench/stats';

const {values} = parseArgs({
  options: {participants: {type: 'string', default: '200'}, seconds: {type: 'string', default: '60'}},
});
const participants = Math.min(500, Math.max(1, Number(values.participants)));
const seconds = Math.min(300, Math.max(1, Number(values.seconds)));
const burst = 5;
const base = 100;
const cap = 2_000;
const maxAttempts = 6;
const deadlineMs = 2_000;
const fault = 'error=0.3;code=unavailable';
const drainMs = 10_000;

/*
 * Budgets. Latency: the lesson is in the retry delays, whose base is 100 ms;
 * a server slower than that blurs the jitter a participant is looking at.
 * Throughput: the server answers what the room asks (attempts per call
 * 1/(1 − 0.3), the retries' share). RSS: bounded, room state is capped.
 * Server CPU: the room's requests fit in the one core Node's event loop has.
 */
const budget = {p50Ms: 50, p99Ms: 250, throughputShare: 0.95, rssMiB: 256, dashboardGapMs: 1_000, serverCores: 1};
const offeredPerSecond = participants * burst * (1 / (1 - 0.3));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const {port} = probe.address() as {port: number};
      probe.close(() => resolve(port));
    });
  });
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? Number.NaN) / 1024;
}

/** CPU seconds the process has used (user + system), from /proc (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Cumulative counts of the server's Decide duration histogram (its own clock), by bucket bound in seconds. */
async function decideDurations(url: string): Promise<Map<number, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = new Map<number, number>();
  for (const [, labels, count] of text.matchAll(/^playground_rpc_duration_seconds_bucket\{([^}]*)\} (\d+)$/gm)) {
    if (!labels!.includes('method="Decide"')) continue;
    const le = /le="([^"]+)"/.exec(labels!)![1]!;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(count));
  }
  return buckets;
}

/** The bucket bound under which a share `q` of the calls between two scrapes ended. */
function bucketQuantile(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Number.POSITIVE_INFINITY) ?? 0) - (before.get(Number.POSITIVE_INFINITY) ?? 0);
  return bounds.find((bound) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0) >= q * total) ?? Number.NaN;
}

/** The server's own event-loop lag p99 (prom-client's default metric), in ms. */
async function serverLoopLagMs(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^nodejs_eventloop_lag_p99_seconds (\S+)$/m.exec(text)?.[1]) * 1000;
}

const load = () => `${loadAverage()} (${cpus().length} cores)`;
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

const latencies: number[] = [];
/** How long each attempt waited for one of its participant's connections (the browser's queue). */
const queued: number[] = [];
const unexpected = new Map<string, number>();
let attempts = 0;
/** Attempts started while the room was sending (the drain after it excluded). */
let attemptsInWindow = 0;
let windowEnd = Number.POSITIVE_INFINITY;
let injected = 0;
let succeeded = 0;
let gaveUp = 0;
let scheduled = 0;
/** Banners that got the room's scenario. */
let bannersHeard = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (kind: string) => unexpected.set(kind, (unexpected.get(kind) ?? 0) + 1);
/** Aborted 10 s after the end: whatever is still waiting then is cut off. */
const drain = new AbortController();
// Every call in flight listens to it, thousands at once by design.
setMaxListeners(0, drain.signal);

/** One Decide attempt; the Connect error code, or `ok`. */
function attempt(url: string, agent: Agent, session: string, messageId: string, previous: number): Promise<string> {
  const started = performance.now();
  attempts++;
  if (started <= windowEnd) attemptsInWindow++;
  const body = JSON.stringify({message: {messageId, tenantId: tenantFor(session), messageType: 'chat'}});
  // The snippet's timeoutMs: its clock starts with the call, waiting for a connection included.
  const deadline = AbortSignal.timeout(deadlineMs);
  return new Promise((resolve) => {
    // Either side may report the failure (an abort mid-body reaches both); the first one counts.
    const failed = (error: Error) => {
      if (drain.signal.aborted) resolve(`unanswered ${drainMs / 1000} s after the end`);
      else if (deadline.aborted) resolve(`deadline_exceeded (client, ${deadlineMs} ms)`);
      else resolve(`network: ${error.message}`);
    };
    const call = request(
      `${url}/beamline.flow.v1.Router/Decide`,
      {
        method: 'POST',
        agent,
        signal: AbortSignal.any([deadline, drain.signal]),
        headers: {
          'content-type': 'application/json',
          'connect-protocol-version': '1',
          'connect-timeout-ms': String(deadlineMs),
          [SESSION_HEADER]: session,
          'x-beamline-fault': fault,
          ...(previous > 0 ? {[PREVIOUS_ATTEMPTS_HEADER]: String(previous)} : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('error', failed);
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          latencies.push(performance.now() - started);
          if (response.statusCode === 200) return resolve('ok');
          try {
            resolve((JSON.parse(text) as {code?: string}).code ?? `http ${response.statusCode}`);
          } catch {
            resolve(`http ${response.statusCode}`);
          }
        });
      },
    );
    call.on('socket', () => queued.push(performance.now() - started));
    call.on('error', failed);
    call.end(body);
  });
}

/** A call with the snippet's full-jitter retries. */
async function call(url: string, agent: Agent, session: string, messageId: string): Promise<void> {
  scheduled++;
  for (let n = 0; n < maxAttempts; n++) {
    const outcome = await attempt(url, agent, session, messageId, n);
    if (outcome === 'ok') {
      succeeded++;
      return;
    }
    if (outcome !== 'unavailable') {
      count(outcome);
      return;
    }
    injected++;
    if (drain.signal.aborted) {
      count(`unanswered ${drainMs / 1000} s after the end`);
      return;
    }
    await sleep(Math.random() * Math.min(cap, base * 2 ** n));
  }
  gaveUp++;
}

/**
 * Reads a server-sent event stream until it ends, calling `onEvent` with each
 * event's name; resolves with why it ended early, or undefined.
 */
function eventStream(
  url: string,
  agent: Agent,
  headers: Record<string, string>,
  onEvent: (name: string) => void,
  until: AbortSignal,
): Promise<string | undefined> {
  return new Promise((resolve) => {
    const stream = request(url, {agent, headers, signal: until}, (response: IncomingMessage) => {
      if (response.statusCode !== 200) {
        response.resume();
        return resolve(`event stream answered ${response.statusCode}`);
      }
      let pending = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        pending += chunk;
        const events = pending.split('\n\n');
        pending = events.pop()!;
        for (const event of events) {
          const name = /^event: (.+)$/m.exec(event)?.[1];
          if (name) onEvent(name);
        }
      });
      response.on('end', () => resolve(until.aborted ? undefined : 'event stream ended early'));
      response.on('error', () => resolve(until.aborted ? undefined : 'event stream broke'));
    });
    stream.on('error', (error) => resolve(until.aborted ? undefined : `event stream: ${error.message}`));
    stream.end();
  });
}

/** GET `url` on `agent`, its body discarded. */
function get(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve) => {
    const warm = request(url, {agent}, (response) => response.resume().on('end', resolve));
    warm.on('error', (error) => {
      count(`page load: ${error.message}`);
      resolve();
    });
    warm.end();
  });
}

/**
 * A participant's laptop: its own loopback address (the server sees 200
 * clients, as on a LAN), a browser's six connections per host, one of them
 * held by the room banner's event stream. It joins with the page loaded —
 * the other five connections open, as the page's own files left them — and
 * `run` resolves once its calls are done; the banner stays open until
 * `streamsEnd`.
 */
async function join(url: string, index: number, streamsEnd: AbortSignal) {
  const session = newReaderId();
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 6,
    localAddress: `127.0.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`,
  });
  let heard = false;
  void eventStream(
    `${url}${roomPaths.events(DEFAULT_ROOM)}?session=${session}`,
    agent,
    {},
    (name) => {
      if (name === 'scenario' && !heard) {
        heard = true;
        bannersHeard++;
      }
    },
    streamsEnd,
  ).then((problem) => problem && count(`banner: ${problem}`));
  await Promise.all(Array.from({length: 5}, () => get(`${url}/healthz`, agent)));
  const run = async (until: number) => {
    const calls: Promise<void>[] = [];
    // Participants do not press Run at the same instant.
    const first = performance.now() + Math.random() * 1_000;
    // Each burst at its own second, not a second after the last one: a busy bench must not thin the room out.
    for (let second = 0; first + second * 1_000 < until; second++) {
      await sleep(first + second * 1_000 - performance.now());
      for (let i = 0; i < burst; i++) calls.push(call(url, agent, session, `m-${second}-${i}`));
    }
    await Promise.all(calls);
  };
  return {agent, run};
}

async function main(): Promise<void> {
  const port = await freePort();
  const key = randomBytes(12).toString('base64url');
  const server = spawn(process.execPath, ['--import', 'tsx', 'playground-server/src/main.ts'], {
    env: {...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', FACILITATOR_KEY: key},
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const streamsEnd = new AbortController();
  setMaxListeners(0, streamsEnd.signal);
  try {
    for (let tries = 0; ; tries++) {
      if (tries > 150) throw new Error('the server did not start');
      if (
        await fetch(`${url}/healthz`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await sleep(200);
    }
    console.log(
      `${participants} participants × ${burst} calls/s for ${seconds} s, ${fault}, full jitter ` +
        `(base ${base} ms, cap ${cap / 1000} s, ${maxAttempts} attempts, ${deadlineMs / 1000} s deadline), ` +
        'each with its room banner open; one dashboard',
    );
    console.log(`before: ${load()}`);
    const rssBefore = rssMiB(server.pid!);
    const dashboardAt: number[] = [];
    const dashboard = eventStream(
      `${url}${roomPaths.dashboard(DEFAULT_ROOM)}`,
      new Agent({keepAlive: true}),
      {[FACILITATOR_KEY_HEADER]: key},
      (name) => name === 'aggregate' && dashboardAt.push(performance.now()),
      streamsEnd.signal,
    );
    const laptops = await Promise.all(
      Array.from({length: participants}, (_, index) => join(url, index, streamsEnd.signal)),
    );
    const loop = monitorEventLoopDelay({resolution: 10});
    loop.enable();
    const durationsBefore = await decideDurations(url);
    const serverCpuBefore = cpuSeconds(server.pid!);
    const benchCpuBefore = process.cpuUsage();
    const started = performance.now();
    const end = started + seconds * 1_000;
    windowEnd = end;
    const cutOff = setTimeout(() => drain.abort(), seconds * 1_000 + drainMs);
    await Promise.all(laptops.map(({run}) => run(end)));
    clearTimeout(cutOff);
    const elapsed = (performance.now() - started) / 1_000;
    const serverCpu = cpuSeconds(server.pid!) - serverCpuBefore;
    const serverCores = serverCpu / elapsed;
    // What one request costs the server: unlike latency, barely moved by other processes on the machine.
    const cpuPerRequestMs = (serverCpu * 1000) / attempts;
    const coresNeeded = (cpuPerRequestMs / 1000) * offeredPerSecond;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const benchCores = (benchCpu.user + benchCpu.system) / 1e6 / elapsed;
    loop.disable();
    const rssAfter = rssMiB(server.pid!);
    // Lag first: prom-client starts its event-loop histogram over at every scrape.
    const serverLag = await serverLoopLagMs(url);
    const durationsAfter = await decideDurations(url);
    streamsEnd.abort();
    for (const {agent} of laptops) agent.destroy();
    const dashboardProblem = await dashboard;
    if (dashboardProblem) count(`dashboard: ${dashboardProblem}`);

    const errors = [...unexpected.values()].reduce((sum, n) => sum + n, 0);
    const perSecond = attemptsInWindow / seconds;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const during = dashboardAt.filter((at) => at >= started && at <= end);
    const longestGap = Math.max(...during.slice(1).map((at, i) => at - during[i]!), 0);
    const row = (name: string, figure: string, budgetText = '') =>
      console.log(`${name.padEnd(22)}${figure.padEnd(50)}${budgetText}`);
    row(
      'requests/s',
      `${perSecond.toFixed(0)} over ${seconds} s, offered ≈ ${offeredPerSecond.toFixed(0)} (${attempts} in ${elapsed.toFixed(1)} s)`,
      `budget ≥ ${budget.throughputShare * 100} % of offered: ${verdict(perSecond >= budget.throughputShare * offeredPerSecond)}`,
    );
    row('calls', `${succeeded} ok, ${gaveUp} gave up after ${maxAttempts} attempts, of ${scheduled}`);
    row('injected UNAVAILABLE', `${injected} (${((100 * injected) / attempts).toFixed(1)} % of attempts)`);
    row(
      'latency p50 / p99',
      `${p50.toFixed(1)} ms / ${p99.toFixed(1)} ms`,
      `budget ≤ ${budget.p50Ms} ms / ≤ ${budget.p99Ms} ms: ${verdict(p50 <= budget.p50Ms && p99 <= budget.p99Ms)}`,
    );
    row(
      '  queued in the page',
      `p50 ${percentile(queued, 50).toFixed(1)} ms / p99 ${percentile(queued, 99).toFixed(1)} ms`,
      'waiting for one of the five connections the banner leaves',
    );
    row(
      '  on the server',
      `p50 ≤ ${bucketQuantile(durationsBefore, durationsAfter, 0.5) * 1000} ms / p99 ≤ ${bucketQuantile(durationsBefore, durationsAfter, 0.99) * 1000} ms`,
      `arrival to answer, its histogram's buckets; event-loop lag p99 ${serverLag.toFixed(0)} ms`,
    );
    row(
      'unexpected errors',
      String(errors) + (errors ? ` ${JSON.stringify(Object.fromEntries(unexpected))}` : ''),
      `budget 0: ${verdict(errors === 0)}`,
    );
    row(
      'server RSS',
      `${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB after`,
      `budget ≤ ${budget.rssMiB} MiB: ${verdict(rssAfter <= budget.rssMiB)}`,
    );
    row(
      'dashboard updates',
      `${during.length} in ${seconds} s, longest gap ${(longestGap / 1000).toFixed(2)} s`,
      `budget ≥ 1/s, gap ≤ ${budget.dashboardGapMs / 1000} s: ${verdict(during.length >= seconds && longestGap <= budget.dashboardGapMs)}`,
    );
    row('room banners', `${bannersHeard} of ${participants} heard the room's scenario`);
    row(
      'server CPU / request',
      `${cpuPerRequestMs.toFixed(2)} ms: the room's ${offeredPerSecond.toFixed(0)}/s needs ${coresNeeded.toFixed(2)} cores`,
      `budget ≤ ${budget.serverCores} core (Node serves on one): ${verdict(coresNeeded <= budget.serverCores)}`,
    );
    row(
      'CPU used',
      `server ${serverCores.toFixed(2)} cores, bench ${benchCores.toFixed(2)} cores`,
      `bench event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    console.log(`after: ${load()}`);
  } finally {
    streamsEnd.abort();
    server.kill('SIGTERM');
  }
}

await main();
