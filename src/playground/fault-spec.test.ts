import {describe, expect, it} from 'vitest';
import {faultSpec, noFaults, withFaultHeader} from './fault-spec';

describe('faultSpec', () => {
  it('is absent when nothing is injected', () => {
    expect(faultSpec(noFaults)).toBeUndefined();
  });

  it('writes every setting in the server grammar', () => {
    expect(faultSpec({error: 0.3, code: 'resource_exhausted', latencyMs: 200, jitterMs: 40, ratePerSecond: 5})).toBe(
      'error=0.3;code=resource_exhausted;latency=200ms;jitter=40ms;ratelimit=5/s',
    );
  });

  it('rounds slider values and stays within what the server accepts', () => {
    expect(faultSpec({...noFaults, error: 0.333333, latencyMs: 12.7})).toBe('error=0.33;code=unavailable;latency=13ms');
    expect(faultSpec({...noFaults, code: 'internal', latencyMs: 50_000, jitterMs: 20_000})).toBe(
      'latency=10000ms;jitter=10000ms',
    );
    expect(faultSpec({...noFaults, error: 1.7, code: 'internal'})).toBe('error=1;code=internal');
  });
});

describe('withFaultHeader', () => {
  it("replaces a fault header the reader typed with the dial's, whatever its case", () => {
    const typed: Array<[string, string]> = [
      ['Content-Type', 'application/json'],
      ['X-Beamline-Fault', 'error=1'],
    ];
    expect(withFaultHeader(typed, 'latency=5ms')).toEqual([
      ['Content-Type', 'application/json'],
      ['x-beamline-fault', 'latency=5ms'],
    ]);
  });

  it('leaves the headers alone when the dial is at rest', () => {
    const typed: Array<[string, string]> = [['X-Beamline-Fault', 'error=1']];
    expect(withFaultHeader(typed, undefined)).toBe(typed);
  });
});
