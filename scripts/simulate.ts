/**
 * Many-clients simulator CLI.
 *
 *   npx tsx scripts/simulate.ts --scenario occ --clients 100 --strategy full --runs 20 --seed 1 --json
 *   npx tsx scripts/simulate.ts --scenario occ --clients 100 --strategy all
 *   npx tsx scripts/simulate.ts --scenario amplification --layers 4 --tries 3 --requests 200 --json
 *
 * Prints a table, or with --json the result of `runScenario` (per strategy:
 * meanCalls, meanWrites, meanCompletionMs). Bad flags: a message on stderr
 * and exit code 2.
 */
import {strategyNames} from '@beamline/resilience/backoff';
import type {StrategyName} from '@beamline/resilience/backoff';
import type {AmplificationResult, OccResult, ScenarioParams} from '@beamline/resilience/simulation';
import {runScenario, ScenarioParamError, scenarioNames} from '@beamline/resilience/simulation';

const USAGE = `usage: simulate --scenario occ|amplification [options] [--json]

common:   --runs N (20)  --seed N (1)  --base-ms X (5)  --cap-ms X (2000)
          --net-mean-ms X (10)  --net-sd-ms X (2)  --json  --help
occ:      --clients N (required, 1…2000)
          --first-exponent 0|1 (1: the article simulator's first wait, expo(1) = 2·base)
          --strategy ${strategyNames.join('|')}|all  (all; comma-separated list allowed)
amplification:
          --layers N (3)  --tries N (3)  --requests N (100)  --failure-rate X (1)
          --strategy ${strategyNames.join('|')} (full)  --max-tokens N (10)  --token-ratio X (0.1)`;

const VALUE_FLAGS = new Set([
  'scenario',
  'clients',
  'first-exponent',
  'strategy',
  'runs',
  'seed',
  'base-ms',
  'cap-ms',
  'net-mean-ms',
  'net-sd-ms',
  'layers',
  'tries',
  'requests',
  'failure-rate',
  'max-tokens',
  'token-ratio',
]);
const BOOLEAN_FLAGS = new Set(['json', 'help']);
const OCC_ONLY = ['clients', 'first-exponent'];
const AMPLIFICATION_ONLY = ['layers', 'tries', 'requests', 'failure-rate', 'max-tokens', 'token-ratio'];

class UsageError extends Error {}

function parseArgs(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unexpected argument ${JSON.stringify(arg)}`);
    const name = match[1] as string;
    if (flags.has(name)) throw new UsageError(`--${name} given twice`);
    if (BOOLEAN_FLAGS.has(name)) {
      if (match[2] !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.set(name, 'true');
    } else if (VALUE_FLAGS.has(name)) {
      const value = match[2] ?? argv[++i];
      if (value === undefined || (match[2] === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${name} needs a value`);
      }
      flags.set(name, value);
    } else {
      throw new UsageError(`unknown flag --${name}`);
    }
  }
  return flags;
}

function number(flags: Map<string, string>, name: string): number | undefined {
  const text = flags.get(name);
  if (text === undefined) return undefined;
  if (!/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/i.test(text.trim()))
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(text)}`);
  return Number(text);
}

function toParams(flags: Map<string, string>): ScenarioParams {
  const scenario = flags.get('scenario');
  if (scenario === undefined) throw new UsageError('--scenario is required');
  if (!(scenarioNames as readonly string[]).includes(scenario)) {
    throw new UsageError(`unknown scenario ${JSON.stringify(scenario)} (expected ${scenarioNames.join(' or ')})`);
  }
  const misplaced = (scenario === 'occ' ? AMPLIFICATION_ONLY : OCC_ONLY).filter((f) => flags.has(f));
  if (misplaced.length > 0) throw new UsageError(`--${misplaced[0]} does not apply to --scenario ${scenario}`);

  const meanMs = number(flags, 'net-mean-ms');
  const sdMs = number(flags, 'net-sd-ms');
  const common = {
    runs: number(flags, 'runs'),
    seed: number(flags, 'seed'),
    baseMs: number(flags, 'base-ms'),
    capMs: number(flags, 'cap-ms'),
    network: meanMs === undefined && sdMs === undefined ? undefined : {meanMs: meanMs ?? 10, sdMs: sdMs ?? 2},
  };
  const strategyText = flags.get('strategy');

  if (scenario === 'occ') {
    const clients = number(flags, 'clients');
    if (clients === undefined) throw new UsageError('--clients is required for --scenario occ');
    let strategy: 'all' | StrategyName[] = 'all';
    if (strategyText !== undefined && strategyText !== 'all') {
      strategy = strategyText.split(',').map((s) => s.trim()) as StrategyName[];
    }
    return {scenario: 'occ', clients, strategy, firstExponent: number(flags, 'first-exponent'), ...common};
  }
  const maxTokens = number(flags, 'max-tokens');
  const tokenRatio = number(flags, 'token-ratio');
  return {
    scenario: 'amplification',
    layers: number(flags, 'layers'),
    tries: number(flags, 'tries'),
    requests: number(flags, 'requests'),
    failureRate: number(flags, 'failure-rate'),
    strategy: strategyText as StrategyName | undefined,
    budget:
      maxTokens === undefined && tokenRatio === undefined
        ? undefined
        : {maxTokens: maxTokens ?? 10, tokenRatio: tokenRatio ?? 0.1},
    ...common,
  };
}

function table(result: OccResult | AmplificationResult): string {
  if (result.scenario === 'occ') {
    const rows = result.strategies.map((s) =>
      [
        s.strategy.padEnd(13),
        s.meanCalls.toFixed(1).padStart(12),
        s.meanWrites.toFixed(1).padStart(12),
        s.meanCompletionMs.toFixed(1).padStart(16),
      ].join(''),
    );
    return [
      `occ: ${result.clients} clients, ${result.runs} runs, seed ${result.seed}, base ${result.baseMs} ms, cap ${result.capMs} ms, first wait ceiling base·2^${result.firstExponent}`,
      `${'strategy'.padEnd(13)}${'mean calls'.padStart(12)}${'mean writes'.padStart(12)}${'completion (ms)'.padStart(16)}`,
      ...rows,
    ].join('\n');
  }
  const line = (name: string, v: AmplificationResult['withBudget']) =>
    `${name.padEnd(16)}${v.backendCallsPerRequest.toFixed(2).padStart(14)}${(v.successRate * 100).toFixed(1).padStart(10)}%${v.meanLatencyMs.toFixed(1).padStart(14)}`;
  return [
    `amplification: ${result.layers} layers × ${result.tries} tries, ${result.requests} requests, failure rate ${result.failureRate}, ${result.runs} runs, seed ${result.seed}`,
    `worst case ${result.tries}^${result.layers} = ${result.worstCase} backend calls per request`,
    `${''.padEnd(16)}${'backend/req'.padStart(14)}${'success'.padStart(11)}${'latency (ms)'.padStart(14)}`,
    line('no budget', result.withoutBudget),
    line(`A6 budget ${result.budget.maxTokens}/${result.budget.tokenRatio}`, result.withBudget),
  ].join('\n');
}

function main(argv: string[]): number {
  let flags: Map<string, string>;
  let params: ScenarioParams;
  try {
    flags = parseArgs(argv);
    if (flags.has('help')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    params = toParams(flags);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`simulate: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  let result: OccResult | AmplificationResult;
  try {
    result = runScenario(params);
  } catch (error) {
    if (error instanceof ScenarioParamError) {
      process.stderr.write(`simulate: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write(flags.has('json') ? `${JSON.stringify(result, null, 2)}\n` : `${table(result)}\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
