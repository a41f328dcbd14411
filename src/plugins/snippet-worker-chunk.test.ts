import {describe, expect, it} from 'vitest';
import {splittable} from './snippet-worker-chunk';

const chunk = (name: string | undefined, initial: boolean) => ({name, canBeInitial: () => initial});

describe('splittable', () => {
  it("leaves the run's worker and the compiler whole", () => {
    expect(splittable(chunk('beamline-snippet', false))).toBe(false);
    expect(splittable(chunk('beamline-compiler', false))).toBe(false);
  });
  it('splits every other async chunk, as the bundler does by default, and no initial one', () => {
    expect(splittable(chunk('beamline-simulation', false))).toBe(true);
    expect(splittable(chunk(undefined, false))).toBe(true);
    expect(splittable(chunk('main', true))).toBe(false);
  });
});
