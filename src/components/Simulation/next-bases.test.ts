import {describe, expect, it} from 'vitest';
import {nextBases} from './next-bases';

describe('nextBases', () => {
  it('nearest first, onward in the direction the slider moved', () => {
    expect(nextBases(10, 1)).toEqual([11, 9, 12, 8]);
    expect(nextBases(10, -1)).toEqual([9, 11, 8, 12]);
  });

  it('stays inside the slider’s range', () => {
    expect(nextBases(1, -1)).toEqual([2, 3, 4, 5]);
    expect(nextBases(50, 1)).toEqual([49, 48, 47, 46]);
  });

  it('passes over the bases the page holds, reaching further out', () => {
    const held = new Set([11, 12, 9]);
    expect(nextBases(10, 1, 4, (base) => held.has(base))).toEqual([8, 13, 7, 14]);
  });
});
