import {describe, expect, it} from 'vitest';
import {RecentKeys} from './recent-keys.js';

/** Keys on a clock the test sets: `touch(key, at)`, `count(at)`. */
function recentKeys(windowMs: number, maxKeys?: number) {
  const clock = {now: 0};
  const keys = new RecentKeys(windowMs, () => clock.now, maxKeys);
  return {
    touch: (key: string, at: number) => {
      clock.now = at;
      keys.touch(key);
    },
    count: (at: number) => {
      clock.now = at;
      return keys.count();
    },
  };
}

describe('RecentKeys', () => {
  it('counts each key once while it is within the window', () => {
    const keys = recentKeys(1_000);
    keys.touch('a', 0);
    keys.touch('b', 100);
    keys.touch('a', 500);
    expect(keys.count(600)).toBe(2);
  });

  it('forgets keys not seen for the whole window', () => {
    const keys = recentKeys(1_000);
    keys.touch('a', 0);
    keys.touch('b', 800);
    expect(keys.count(1_000)).toBe(1);
    expect(keys.count(1_800)).toBe(0);
  });

  it('keeps a key alive that is touched again', () => {
    const keys = recentKeys(1_000);
    keys.touch('a', 0);
    keys.touch('b', 100);
    keys.touch('a', 900);
    expect(keys.count(1_050)).toBe(2);
    expect(keys.count(1_150)).toBe(1);
  });

  it('never holds more than maxKeys', () => {
    const keys = recentKeys(60_000, 3);
    for (let i = 0; i < 100; i++) keys.touch(`k${i}`, i);
    expect(keys.count(100)).toBe(3);
  });
});
