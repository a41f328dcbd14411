import {describe, expect, it} from 'vitest';
import {formatLogArgs, formatValue} from './format-value';

describe('formatValue', () => {
  it('prints protobuf messages as JSON without their type tag, int64 as a number string', () => {
    const decision = {$typeName: 'beamline.flow.v1.RouteDecision', providerId: 'openai', expectedLatencyMs: 120n};
    expect(formatValue(decision)).toBe('{"providerId":"openai","expectedLatencyMs":"120"}');
  });

  it('keeps strings as they are and joins arguments with spaces', () => {
    expect(formatLogArgs(['attempt', 2, 'failed:', new Error('down')])).toBe('attempt 2 failed: Error: down');
  });

  it('survives values JSON cannot print', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatValue(cyclic)).toBe('[object Object]');
    expect(formatValue(undefined)).toBe('undefined');
  });
});
