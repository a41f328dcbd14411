import {describe, expect, it} from 'vitest';
import {KeyedStore} from './keyed-store.js';

function store(maxKeys?: number) {
  const clock = {now: 1_000};
  const keyed = new KeyedStore<{n: number}>({now: () => clock.now, ...(maxKeys === undefined ? {} : {maxKeys})});
  return {keyed, clock};
}

describe('KeyedStore', () => {
  it('keeps a state until its time to live has passed', () => {
    const {keyed, clock} = store();
    keyed.set('a', {n: 1}, 500);
    keyed.set('b', {n: 2}, 2_000);
    clock.now += 500;
    expect(keyed.get('a')).toEqual({n: 1});
    clock.now += 1;
    expect(keyed.get('a')).toBeUndefined();
    expect(keyed.values()).toEqual([{n: 2}]);
  });

  it('holds at most maxKeys, dropping the least recently used', () => {
    const {keyed} = store(2);
    keyed.set('a', {n: 1}, 60_000);
    keyed.set('b', {n: 2}, 60_000);
    keyed.get('a');
    keyed.set('c', {n: 3}, 60_000);
    expect(keyed.get('b')).toBeUndefined();
    expect(keyed.values()).toEqual([{n: 1}, {n: 3}]);
  });
});
