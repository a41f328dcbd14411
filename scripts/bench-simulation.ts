/**
 * Simulator timings — figures printed next to their goals, not asserted.
 *
 *   npm run bench:simulation       (or: npx tsx scripts/bench-simulation.ts)
 *
 * Goals (issue 9, goal 5):
 * - the <Simulation> slider re-draws the sweep over 10…200 clients × the
 *   five strategies in ≤ 50 ms median in Chromium; the sweep's computation
 *   (the Web Worker's part, the same engine and cache as here) is printed
 *   here, cold and as a slider step finds it;
 * - in-process, the `occ` scenario for 100 clients × 5 strategies × 40 runs
 *   runs ≥ 10× faster than the AWS article's own Python simulator
 *   (scripts/aws-backoff-simulator, run under python3 on the same inputs).
 *
 * Times are CPU times of this process (process.cpuUsage) next to wall
 * times: on a shared machine the wall clock mostly measures the neighbours.
 */
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {mixSeed, seededRandom} from '@beamline/resilience/random';
import {backoffByName, strategyNames} from '@beamline/resilience/backoff';
import {
  awsArticleNetwork,
  OccRunCache,
  precomputeOccSweep,
  runOcc,
  runOccAsync,
  runScenario,
  sweepOcc,
} from '@beamline/resilience/simulation';
import {median, ms} from './bench/stats';

interface Timing {
  wallMs: number;
  cpuMs: number;
}

function time(fn: () => void): Timing {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {wallMs, cpuMs: (cpu.user + cpu.system) / 1000};
}

function summary(samples: Timing[]): string {
  return `median ${ms(median(samples.map((s) => s.cpuMs)))} CPU (${ms(median(samples.map((s) => s.wallMs)))} wall)`;
}

/** The AWS simulator on the same inputs: CPU seconds of its simulations, or why it could not run. */
function pythonSimulator(clients: number, runs: number): number | string {
  const harness = join(import.meta.dirname, 'aws-backoff-simulator', 'harness.py');
  const result = spawnSync('python3', [harness, String(runs), '1', String(clients)], {encoding: 'utf8'});
  if (result.status !== 0) return `python3 failed: ${result.error?.message ?? result.stderr.trim().split('\n').at(-1)}`;
  return (JSON.parse(result.stdout) as {cpuSeconds: number}).cpuSeconds * 1000;
}

function main(): void {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const clients = Array.from({length: 20}, (_, i) => 10 * (i + 1));

  for (const runs of [1, 3]) {
    const cold = time(() => sweepOcc({clients, runs, seed: 1}));
    const warm = Array.from({length: 7}, (_, i) => time(() => sweepOcc({clients, runs, seed: 2 + i})));
    console.log(
      `sweep occ, clients 10…200 step 10 × ${strategyNames.length} strategies, runs ${runs} ` +
        `(${clients.length * strategyNames.length * runs} simulations): first ${ms(cold.cpuMs)} CPU; then ${summary(warm)}` +
        (runs === 1 ? " — the slider's computation; goal for compute + redraw in Chromium: ≤ 50 ms median" : ''),
    );
  }

  // What the page's worker does on a base slider step: its cache holds the previous base's runs ('none' is
  // shared); with the step's sweep precomputed while the worker was idle, only the averaging is left.
  const step = (precomputed: boolean) =>
    Array.from({length: 7}, (_, i) => {
      const cache = new OccRunCache(20_000);
      sweepOcc({runs: 1, seed: 1, baseMs: 5 + i}, cache);
      if (precomputed) for (const _ of precomputeOccSweep({runs: 1, seed: 1, baseMs: 6 + i}, cache));
      return time(() => sweepOcc({runs: 1, seed: 1, baseMs: 6 + i}, cache));
    });
  console.log(
    `base slider step, runs 1, in the worker: ${summary(step(false))} with the previous base cached; ` +
      `${summary(step(true))} once precomputed while idle`,
  );

  const occ = () => runScenario({scenario: 'occ', clients: 100, strategy: 'all', runs: 40, seed: 1});
  const first = time(occ);
  const then = Array.from({length: 5}, () => time(occ));
  const ours = median(then.map((t) => t.cpuMs));
  const python = pythonSimulator(100, 40);
  console.log(
    `occ 100 clients × 5 strategies × 40 runs: ours first ${ms(first.cpuMs)} CPU, then ${summary(then)}; ` +
      (typeof python === 'number'
        ? `AWS Python simulator ${ms(python)} CPU → ${(python / ours).toFixed(1)}× faster (first run ${(python / first.cpuMs).toFixed(1)}×); goal ≥ 10×`
        : `AWS Python simulator not run (${python}); goal ≥ 10×`),
  );

  for (const n of [10, 100, 200]) {
    const parts = strategyNames.map((strategy) => {
      const samples = Array.from({length: 20}, (_, run) =>
        time(() =>
          runOcc({
            clients: n,
            backoff: backoffByName(strategy, {baseMs: 5, capMs: 2000, firstExponent: 1}),
            random: seededRandom(mixSeed(1, run)),
            network: awsArticleNetwork,
          }),
        ),
      );
      return `${strategy} ${(samples.reduce((s, x) => s + x.cpuMs, 0) / samples.length).toFixed(2)}`;
    });
    console.log(`per run, ${n} clients (ms CPU, mean of 20): ${parts.join(', ')}`);
  }

  const amp = time(() => runScenario({scenario: 'amplification', runs: 20, seed: 1}));
  console.log(`amplification (3 layers × 3 tries, 100 requests, 20 runs, both variants): ${ms(amp.cpuMs)} CPU`);
}

async function asyncReference(): Promise<void> {
  // The same occ process as async clients on a VirtualClock (the readable reference).
  const options = () => ({
    clients: 50,
    backoff: backoffByName('full', {baseMs: 5, capMs: 2000, firstExponent: 1}),
    random: seededRandom(1),
    network: awsArticleNetwork,
  });
  const t0 = performance.now();
  await runOccAsync(options());
  const asyncMs = performance.now() - t0;
  const event = time(() => runOcc(options()));
  console.log(
    `occ 50 clients, full jitter: async clients on VirtualClock ${ms(asyncMs)} wall vs event engine ${ms(event.wallMs)} wall`,
  );
}

main();
await asyncReference();
