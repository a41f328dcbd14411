import {describe, expect, it} from 'vitest';
import {boundedKey, MAX_KEY_LENGTH} from './bounded-key.js';

describe('boundedKey', () => {
  it('keeps a key up to the limit as it is', () => {
    const key = 'k'.repeat(MAX_KEY_LENGTH);
    expect(boundedKey(key)).toBe(key);
  });

  it('keeps a longer key as a short digest, distinct keys distinct', () => {
    const a = boundedKey(`${'x'.repeat(15_000)}a`);
    const b = boundedKey(`${'x'.repeat(15_000)}b`);
    expect(a.length).toBeLessThan(60);
    expect(a).not.toBe(b);
    expect(boundedKey(`${'x'.repeat(15_000)}a`)).toBe(a);
  });
});
