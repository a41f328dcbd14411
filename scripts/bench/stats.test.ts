import {describe, expect, it} from 'vitest';
import {benchOnly, loadAverage, median, percentile} from './stats';

describe('bench stats', () => {
  it('takes the nearest-rank percentile', () => {
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
    expect(median([5, 1, 4, 2, 3])).toBe(3);
  });

  it('prints the load averages beside the figures', () => {
    expect(loadAverage()).toMatch(/^load average \d+\.\d\d, \d+\.\d\d, \d+\.\d\d$/);
  });
});

describe('benchOnly', () => {
  const parts = ['editor', 'run', 'floods'] as const;

  it('measures every part when BENCH_ONLY is unset or empty', () => {
    expect([...benchOnly(parts, undefined)]).toEqual(['editor', 'run', 'floods']);
    expect([...benchOnly(parts, ' ')]).toEqual(['editor', 'run', 'floods']);
  });

  it('measures only the parts it names, comma-separated', () => {
    expect([...benchOnly(parts, 'floods, editor')]).toEqual(['floods', 'editor']);
  });

  it('stops at a name it does not know rather than measuring nothing', () => {
    expect(() => benchOnly(parts, 'editor,flood')).toThrow(
      'BENCH_ONLY: unknown part flood; the parts are editor, run, floods',
    );
  });
});
