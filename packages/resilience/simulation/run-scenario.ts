/**
 * `runScenario` — the one entry point the page, the CLI and the benchmark
 * call. Pure and synchronous: same parameters ⇒ same result, no I/O, no
 * real time, so the browser can call it on every slider move.
 *
 * Every (strategy, run) pair gets its own random stream,
 * `seededRandom(mixSeed(seed, run))` — the same stream for every strategy
 * of a run (common random numbers), so strategies are compared on equal
 * terms and a strategy's result does not depend on which others ran.
 */
import type {StrategyName} from '../src/backoff';
import {backoffByName, isStrategyName, strategyNames} from '../src/backoff';
import {mixSeed, seededRandom} from '../src/random';
import type {RetryThrottleOptions} from '../src/retry-throttle';
import {runAmplification} from './amplification';
import type {NetworkModel} from './network';
import {awsArticleNetwork} from './network';
import type {OccRunResult} from './occ';
import {runOcc} from './occ';

export type ScenarioName = 'occ' | 'amplification';
export const scenarioNames: readonly ScenarioName[] = ['occ', 'amplification'];

/** Bad parameters (the CLI turns this into exit code 2). */
export class ScenarioParamError extends RangeError {
  override name = 'ScenarioParamError';
}

export interface OccParams {
  scenario: 'occ';
  /** Contending clients, 1…2000. */
  clients: number;
  /** One strategy, several, or 'all' (default). */
  strategy?: StrategyName | readonly StrategyName[] | 'all';
  /** Runs to average, default 20 (as the CLI), 1…1000. */
  runs?: number;
  seed?: number;
  /** Backoff base and cap, ms. Default 5 and 2000, the article simulator's values. */
  baseMs?: number;
  capMs?: number;
  /**
   * n of the first retry's min(cap, base · 2^n), 0 or 1. Default 1, the
   * article simulator's numbering (its first wait is expo(1) = 2·base).
   */
  firstExponent?: number;
  /** Per-hop network delay |N(mean, sd)|, default 10 ± 2 ms. */
  network?: NetworkModel;
}

export interface OccStrategyResult {
  strategy: StrategyName;
  /** Mean calls per run, reads + writes. */
  meanCalls: number;
  /** Mean conditional writes per run — what the article plots as "calls". */
  meanWrites: number;
  /** Mean time until the last client's write succeeded, ms. */
  meanCompletionMs: number;
}

/** The parameters an occ run depends on besides strategy, client count and run index: checked, defaults filled in. */
export interface OccSettings {
  runs: number;
  seed: number;
  baseMs: number;
  capMs: number;
  firstExponent: number;
  network: NetworkModel;
}

export interface OccResult extends OccSettings {
  scenario: 'occ';
  clients: number;
  strategies: OccStrategyResult[];
}

export interface AmplificationParams {
  scenario: 'amplification';
  /** Layers that each retry, 1…8. Default 3. */
  layers?: number;
  /** Attempts per layer including the first, 1…10. Default 3. */
  tries?: number;
  /** Sequential user requests per run, 1…10 000. Default 100. */
  requests?: number;
  /** Probability a backend call fails, 0…1. Default 1. */
  failureRate?: number;
  /** Backoff between tries. Default 'full'. */
  strategy?: StrategyName;
  /** Retry budget per layer (gRFC A6 retryThrottling). Default maxTokens 10, tokenRatio 0.1. */
  budget?: RetryThrottleOptions;
  runs?: number;
  seed?: number;
  baseMs?: number;
  capMs?: number;
  network?: NetworkModel;
}

export interface AmplificationVariant {
  /** Mean backend calls per user request. */
  backendCallsPerRequest: number;
  /** Fraction of user requests that succeeded. */
  successRate: number;
  meanLatencyMs: number;
  /** Backend calls for the i-th request, averaged over runs (to chart the budget kicking in). */
  perRequest: number[];
}

export interface AmplificationResult {
  scenario: 'amplification';
  layers: number;
  tries: number;
  requests: number;
  failureRate: number;
  strategy: StrategyName;
  budget: RetryThrottleOptions;
  runs: number;
  seed: number;
  /** tries^layers: backend calls per request with every layer retrying fully. */
  worstCase: number;
  withoutBudget: AmplificationVariant;
  withBudget: AmplificationVariant;
}

export type ScenarioParams = OccParams | AmplificationParams;
export type ScenarioResult = OccResult | AmplificationResult;

export function runScenario(params: OccParams): OccResult;
export function runScenario(params: AmplificationParams): AmplificationResult;
export function runScenario(params: ScenarioParams): ScenarioResult;
export function runScenario(params: ScenarioParams): ScenarioResult {
  switch (params.scenario) {
    case 'occ':
      return runOccScenario(params);
    case 'amplification':
      return runAmplificationScenario(params);
    default:
      throw new ScenarioParamError(
        `unknown scenario ${JSON.stringify((params as {scenario: unknown}).scenario)} (expected ${scenarioNames.join(' or ')})`,
      );
  }
}

function occSettings(params: Omit<OccSweepParams, 'clients' | 'strategy'>, defaultRuns: number): OccSettings {
  return {
    runs: int('runs', params.runs ?? defaultRuns, 1, 1_000),
    seed: int('seed', params.seed ?? 1, 0, 2 ** 32 - 1),
    baseMs: num('baseMs', params.baseMs ?? 5, 0, 1e7),
    capMs: num('capMs', params.capMs ?? 2_000, 0, 1e9),
    firstExponent: int('firstExponent', params.firstExponent ?? 1, 0, 1),
    network: checkNetwork(params.network ?? awsArticleNetwork),
  };
}

function occRun(settings: OccSettings, strategy: StrategyName, clients: number, run: number): OccRunResult {
  const {baseMs, capMs, firstExponent} = settings;
  return runOcc({
    clients,
    backoff: backoffByName(strategy, {baseMs, capMs, firstExponent}),
    random: seededRandom(mixSeed(settings.seed, run)),
    network: settings.network,
  });
}

/** Means over runs 0…runs−1, summed in run order (a cached sweep adds up to exactly the uncached figures). */
function occMeans(strategy: StrategyName, runs: number, runOf: (run: number) => OccRunResult): OccStrategyResult {
  let calls = 0;
  let writes = 0;
  let completion = 0;
  for (let run = 0; run < runs; run++) {
    const r = runOf(run);
    calls += r.calls;
    writes += r.writes;
    completion += r.completionMs;
  }
  return {strategy, meanCalls: calls / runs, meanWrites: writes / runs, meanCompletionMs: completion / runs};
}

function runOccScenario(params: OccParams): OccResult {
  const clients = int('clients', params.clients, 1, 2_000);
  const settings = occSettings(params, 20);
  return {
    scenario: 'occ',
    clients,
    ...settings,
    strategies: strategyList(params.strategy ?? 'all').map((strategy) =>
      occMeans(strategy, settings.runs, (run) => occRun(settings, strategy, clients, run)),
    ),
  };
}

function runAmplificationScenario(params: AmplificationParams): AmplificationResult {
  const layers = int('layers', params.layers ?? 3, 1, 8);
  const tries = int('tries', params.tries ?? 3, 1, 10);
  const requests = int('requests', params.requests ?? 100, 1, 10_000);
  const failureRate = num('failureRate', params.failureRate ?? 1, 0, 1);
  const runs = int('runs', params.runs ?? 20, 1, 1_000);
  const seed = int('seed', params.seed ?? 1, 0, 2 ** 32 - 1);
  const baseMs = num('baseMs', params.baseMs ?? 5, 0, 1e7);
  const capMs = num('capMs', params.capMs ?? 2_000, 0, 1e9);
  const network = checkNetwork(params.network ?? awsArticleNetwork);
  const strategy = params.strategy ?? 'full';
  if (!isStrategyName(strategy)) throw new ScenarioParamError(`unknown strategy ${JSON.stringify(strategy)}`);
  const budget = params.budget ?? {maxTokens: 10, tokenRatio: 0.1};
  num('budget.maxTokens', budget.maxTokens, Number.MIN_VALUE, 1000);
  num('budget.tokenRatio', budget.tokenRatio, Number.MIN_VALUE, 1000);

  const variant = (withBudget: boolean): AmplificationVariant => {
    let calls = 0;
    let succeeded = 0;
    let latency = 0;
    const perRequest = new Array<number>(requests).fill(0);
    for (let run = 0; run < runs; run++) {
      const r = runAmplification({
        layers,
        tries,
        requests,
        failureRate,
        backoff: backoffByName(strategy, {baseMs, capMs}),
        budget: withBudget ? budget : undefined,
        random: seededRandom(mixSeed(seed, run)),
        network,
      });
      calls += r.backendCalls;
      succeeded += r.succeeded;
      latency += r.totalLatencyMs;
      r.perRequest.forEach((n, i) => (perRequest[i] = (perRequest[i] as number) + n / runs));
    }
    const total = runs * requests;
    return {
      backendCallsPerRequest: calls / total,
      successRate: succeeded / total,
      meanLatencyMs: latency / total,
      perRequest,
    };
  };

  return {
    scenario: 'amplification',
    layers,
    tries,
    requests,
    failureRate,
    strategy,
    budget,
    runs,
    seed,
    worstCase: tries ** layers,
    withoutBudget: variant(false),
    withBudget: variant(true),
  };
}

/** A single run's knobs (OccParams), over a range of client counts. */
export interface OccSweepParams extends Omit<OccParams, 'scenario' | 'clients' | 'runs'> {
  /** Client counts; default 10, 20, …, 200. */
  clients?: readonly number[];
  /** Runs per point; default 1 (the page wants it instant). */
  runs?: number;
}

export interface OccSweepPoint extends OccStrategyResult {
  clients: number;
}

/**
 * Single runs of a sweep, kept so the next sweep computes only what its
 * changed parameter touches: another "runs averaged" adds or drops runs,
 * and another backoff base leaves every run of 'none' as it was (it never
 * sleeps) — the costliest strategy, since its clients collide the most.
 * Bounded: when full, the oldest entry goes.
 */
export class OccRunCache {
  readonly #results = new Map<string, OccRunResult>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.#results.size;
  }

  has(key: string): boolean {
    return this.#results.has(key);
  }

  /** The kept result for `key`, or `compute()`'s, which is then kept. */
  get(key: string, compute: () => OccRunResult): OccRunResult {
    let result = this.#results.get(key);
    if (result === undefined) {
      result = compute();
      if (this.#results.size >= this.maxEntries) this.#results.delete(this.#results.keys().next().value!);
      this.#results.set(key, result);
    }
    return result;
  }
}

/** The runs behind a sweep, each with the key naming everything its result depends on. */
function* occSweepRuns(params: OccSweepParams) {
  const clientCounts = params.clients ?? Array.from({length: 20}, (_, i) => 10 * (i + 1));
  const strategies = strategyList(params.strategy ?? 'all');
  const settings = occSettings(params, 1);
  const {seed, baseMs, capMs, firstExponent, network} = settings;
  for (const clients of clientCounts) {
    int('clients', clients, 1, 2_000);
    for (const strategy of strategies) {
      const backoff = strategy === 'none' ? 'none' : `${strategy} ${baseMs} ${capMs} ${firstExponent}`;
      yield {
        clients,
        strategy,
        runs: settings.runs,
        key: (run: number) => `${backoff} ${network.meanMs} ${network.sdMs} ${seed} ${run} ${clients}`,
        compute: (run: number) => occRun(settings, strategy, clients, run),
      };
    }
  }
}

/** `occ` for a range of client counts: the data behind the calls/time-vs-clients charts. */
export function sweepOcc(params: OccSweepParams = {}, cache?: OccRunCache): OccSweepPoint[] {
  const points: OccSweepPoint[] = [];
  for (const {clients, strategy, runs, key, compute} of occSweepRuns(params)) {
    const runOf = cache ? (run: number) => cache.get(key(run), () => compute(run)) : compute;
    points.push({clients, ...occMeans(strategy, runs, runOf)});
  }
  return points;
}

/**
 * Computes into `cache` the runs `sweepOcc(params, cache)` would need, one
 * run per step: a worker steps it while idle, so the sweep a reader is
 * likely to ask for next is ready when asked, and a new request waits for
 * one run at most.
 */
export function* precomputeOccSweep(params: OccSweepParams, cache: OccRunCache): Generator<void, void, undefined> {
  for (const {runs, key, compute} of occSweepRuns(params)) {
    for (let run = 0; run < runs; run++) {
      if (cache.has(key(run))) continue;
      cache.get(key(run), () => compute(run));
      yield;
    }
  }
}

function strategyList(value: StrategyName | readonly StrategyName[] | 'all'): StrategyName[] {
  if (value === 'all') return [...strategyNames];
  const list = typeof value === 'string' ? [value] : [...value];
  if (list.length === 0) throw new ScenarioParamError('strategy: give at least one');
  for (const s of list) {
    if (!isStrategyName(s)) {
      throw new ScenarioParamError(
        `unknown strategy ${JSON.stringify(s)} (expected ${strategyNames.join(', ')} or all)`,
      );
    }
  }
  return list;
}

function int(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ScenarioParamError(`${name} must be an integer in ${min}…${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function num(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new ScenarioParamError(`${name} must be a number in ${min}…${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkNetwork(network: NetworkModel): NetworkModel {
  num('network.meanMs', network.meanMs, 0, 1e6);
  num('network.sdMs', network.sdMs, 0, 1e6);
  return network;
}
