/**
 * A workshop room against one server — figures printed, not asserted.
 *
 *   npm run bench:room [-- --participants 200 --seconds 60]
 *
 * Starts a real playground-server (its own process, loopback) and simulates
 * the room: every participant has its own `x-beamline-session` and runs the
 * retry page's traffic — each second a burst of 5 calls, each retried with
 * full jitter (base 100 ms, cap 2 s, 6 attempts) under 30 % injected
 * UNAVAILABLE — over Connect (JSON), as the snippet's worker does. Prints
 * attempts/s, p50/p99 latency, unexpected errors (anything but the injected
 * UNAVAILABLE; goal 0) and the server's RSS before and after.
 */
import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {Agent, request} from 'node:http';
import {createServer} from 'node:net';
import {parseArgs} from 'node:util';
import {newReaderId, tenantFor} from '../src/playground/session';
import {percentile} from './bench/stats';

const {values} = parseArgs({
  options: {participants: {type: 'string', default: '200'}, seconds: {type: 'string', default: '60'}},
});
const participants = Math.min(500, Math.max(1, Number(values.participants)));
const seconds = Math.min(300, Math.max(1, Number(values.seconds)));
const burst = 5;
const base = 100;
const cap = 2_000;
const maxAttempts = 6;
const fault = 'error=0.3;code=unavailable';

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

const latencies: number[] = [];
const unexpected = new Map<string, number>();
let attempts = 0;
let injected = 0;
let succeeded = 0;
let gaveUp = 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const count = (kind: string) => unexpected.set(kind, (unexpected.get(kind) ?? 0) + 1);

/** One Decide attempt; the Connect error code, or `ok`. */
function attempt(url: string, agent: Agent, session: string, messageId: string, previous: number): Promise<string> {
  const started = performance.now();
  attempts++;
  const body = JSON.stringify({message: {messageId, tenantId: tenantFor(session), messageType: 'chat'}});
  return new Promise((resolve) => {
    const call = request(
      `${url}/beamline.flow.v1.Router/Decide`,
      {
        method: 'POST',
        agent,
        timeout: 5_000,
        headers: {
          'content-type': 'application/json',
          'connect-protocol-version': '1',
          'x-beamline-session': session,
          'x-beamline-fault': fault,
          ...(previous > 0 ? {'grpc-previous-rpc-attempts': String(previous)} : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
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
    call.on('timeout', () => call.destroy(new Error('client timeout (5 s)')));
    call.on('error', (error) => resolve(`network: ${error.message}`));
    call.end(body);
  });
}

/** A call with the snippet's full-jitter retries. */
async function call(url: string, agent: Agent, session: string, messageId: string): Promise<void> {
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
    await sleep(Math.random() * Math.min(cap, base * 2 ** n));
  }
  gaveUp++;
}

/**
 * A participant's laptop: its own loopback address (the server sees 200
 * clients, as on a LAN) and a browser's six connections per host.
 */
async function participant(url: string, index: number, until: number): Promise<void> {
  const session = newReaderId();
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 6,
    localAddress: `127.0.${1 + Math.floor(index / 250)}.${2 + (index % 250)}`,
  });
  const calls: Promise<void>[] = [];
  // Participants do not press Run at the same instant.
  await sleep(Math.random() * 1_000);
  for (let second = 0; performance.now() < until; second++) {
    for (let i = 0; i < burst; i++) calls.push(call(url, agent, session, `m-${second}-${i}`));
    await sleep(1_000);
  }
  await Promise.all(calls);
  agent.destroy();
}

async function main(): Promise<void> {
  const port = await freePort();
  const server = spawn(process.execPath, ['--import', 'tsx', 'playground-server/src/main.ts'], {
    env: {...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn'},
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
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
    const rssBefore = rssMiB(server.pid!);
    console.log(`${participants} participants × ${burst} calls/s for ${seconds} s, ${fault}, full jitter`);
    const started = performance.now();
    await Promise.all(
      Array.from({length: participants}, (_, index) => participant(url, index, started + seconds * 1_000)),
    );
    const elapsed = (performance.now() - started) / 1_000;
    const rssAfter = rssMiB(server.pid!);
    const errors = [...unexpected.values()].reduce((sum, n) => sum + n, 0);
    console.log(`attempts/s              ${(attempts / elapsed).toFixed(0)} (${attempts} in ${elapsed.toFixed(1)} s)`);
    console.log(`calls                   ${succeeded} ok, ${gaveUp} gave up after ${maxAttempts} attempts`);
    console.log(`injected UNAVAILABLE    ${injected} (${((100 * injected) / attempts).toFixed(1)} % of attempts)`);
    console.log(
      `latency p50 / p99       ${percentile(latencies, 50).toFixed(1)} ms / ${percentile(latencies, 99).toFixed(1)} ms`,
    );
    console.log(
      `unexpected errors       ${errors}   (budget: 0)${errors ? ` ${JSON.stringify(Object.fromEntries(unexpected))}` : ''}`,
    );
    console.log(`server RSS              ${rssBefore.toFixed(0)} MiB before, ${rssAfter.toFixed(0)} MiB after`);
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
