import type {StrategyName} from '@beamline/resilience';

export const strategyLabels: Record<StrategyName, string> = {
  none: 'no backoff',
  exponential: 'exponential',
  full: 'full jitter',
  equal: 'equal jitter',
  decorrelated: 'decorrelated jitter',
};

// Okabe–Ito again: distinct in both themes and for colour-blind readers.
export const strategyColors: Record<StrategyName, string> = {
  none: '#999999',
  exponential: '#D55E00',
  full: '#009E73',
  equal: '#0072B2',
  decorrelated: '#E69F00',
};
