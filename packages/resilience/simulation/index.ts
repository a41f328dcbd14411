/**
 * The many-clients simulator: N virtual clients in virtual time, using the
 * backoff and retry code of packages/resilience/src.
 */
export type {
  ScenarioName,
  ScenarioParams,
  ScenarioResult,
  OccParams,
  OccResult,
  OccStrategyResult,
  AmplificationParams,
  AmplificationResult,
  AmplificationVariant,
  OccSweepParams,
  OccSweepPoint,
} from './run-scenario';
export {
  OccRunCache,
  precomputeOccSweep,
  runScenario,
  sweepOcc,
  scenarioNames,
  ScenarioParamError,
} from './run-scenario';
export type {OccRunOptions, OccRunResult} from './occ';
export {runOcc} from './occ';
export {runOccAsync} from './occ-async';
export type {AmplificationRunOptions, AmplificationRunResult} from './amplification';
export {runAmplification} from './amplification';
export type {NetworkModel} from './network';
export {awsArticleNetwork, hopSampler, OccRow} from './network';
