import {describe, expect, it} from 'vitest';
import {seededRandom} from './random';
import {TimerHeap} from './timer-heap';

describe('TimerHeap', () => {
  it('pops in (at, seq) order', () => {
    const heap = new TimerHeap<{at: number; seq: number}>();
    const random = seededRandom(4);
    const items = Array.from({length: 2_000}, (_, seq) => ({at: Math.floor(random() * 50), seq}));
    for (const item of items) heap.push(item);
    expect(heap.size).toBe(2_000);
    const popped: {at: number; seq: number}[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) popped.push(item);
    expect(popped).toEqual([...items].sort((a, b) => a.at - b.at || a.seq - b.seq));
    expect(heap.pop()).toBeUndefined();
  });
});
