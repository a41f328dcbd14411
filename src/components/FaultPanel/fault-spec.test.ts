import {describe, expect, it} from 'vitest';
import {faultSpec, noFaults} from './fault-spec';

describe('faultSpec', () => {
  it('is null when nothing is injected', () => {
    expect(faultSpec(noFaults)).toBeNull();
  });

  it('writes every setting in the server grammar', () => {
    expect(faultSpec({error: 0.3, code: 'resource_exhausted', latencyMs: 200, jitterMs: 40, ratePerSecond: 5})).toBe(
      'error=0.3;code=resource_exhausted;latency=200ms;jitter=40ms;ratelimit=5/s',
    );
  });

  it('rounds slider values so the header stays readable', () => {
    expect(faultSpec({...noFaults, error: 0.333333, latencyMs: 12.7})).toBe('error=0.33;code=unavailable;latency=13ms');
  });
});
