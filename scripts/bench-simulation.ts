/**
 * Simulator timings — figures printed, not asserted.
 *
 *   npx tsx scripts/bench-simulation.ts
 *
 * What the <Simulation> slider needs: a sweep over 10…200 clients × the five
 * strategies must feel instant (target < 200 ms), in the browser as here.
 */
import {backoffByName, strategyNames} from '../src/resilience/backoff';
import {mixSeed, seededRandom} from '../src/resilience/random';
import {awsArticleNetwork, runOcc, runOccAsync, runScenario, sweepOcc} from '../src/simulation';

function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${median.toFixed(1)} ms, min ${(sorted[0] as number).toFixed(1)} ms, max ${(sorted.at(-1) as number).toFixed(1)} ms`;
}

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const clients = Array.from({length: 20}, (_, i) => 10 * (i + 1));

  for (const runs of [1, 3]) {
    const cold = time(() => sweepOcc({clients, runs, seed: 1}));
    const warm = Array.from({length: 7}, (_, i) => time(() => sweepOcc({clients, runs, seed: 2 + i})));
    console.log(
      `sweep occ, clients 10…200 step 10 × ${strategyNames.length} strategies, runs ${runs} (${clients.length * strategyNames.length * runs} simulations): first ${cold.toFixed(1)} ms; then ${summary(warm)}`,
    );
  }

  for (const n of [10, 100, 200]) {
    const parts = strategyNames.map((strategy) => {
      const samples = Array.from({length: 20}, (_, run) =>
        time(() =>
          runOcc({
            clients: n,
            backoff: backoffByName(strategy, {baseMs: 5, capMs: 2000}),
            random: seededRandom(mixSeed(1, run)),
            network: awsArticleNetwork,
          }),
        ),
      );
      return `${strategy} ${(samples.reduce((s, x) => s + x, 0) / samples.length).toFixed(2)}`;
    });
    console.log(`per run, ${n} clients (ms, mean of 20): ${parts.join(', ')}`);
  }

  const cli = time(() => runScenario({scenario: 'occ', clients: 100, strategy: 'all', runs: 20, seed: 1}));
  console.log(`CLI default (occ, 100 clients, all strategies, 20 runs): ${cli.toFixed(1)} ms`);
  const amp = time(() => runScenario({scenario: 'amplification', runs: 20, seed: 1}));
  console.log(`amplification (3 layers × 3 tries, 100 requests, 20 runs, both variants): ${amp.toFixed(1)} ms`);

  // The same occ process as async clients on a VirtualClock (the readable reference).
  const options = () => ({
    clients: 50,
    backoff: backoffByName('full', {baseMs: 5, capMs: 2000}),
    random: seededRandom(1),
    network: awsArticleNetwork,
  });
  const t0 = performance.now();
  await runOccAsync(options());
  const asyncMs = performance.now() - t0;
  const eventMs = time(() => runOcc(options()));
  console.log(
    `occ 50 clients, full jitter: async clients on VirtualClock ${asyncMs.toFixed(1)} ms vs event engine ${eventMs.toFixed(2)} ms`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
