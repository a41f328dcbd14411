import {describe, expect, it} from 'vitest';
import {LatestPerKind} from './latest-queue';

type Job = {kind: 'sweep' | 'amplification'; id: number};

describe('LatestPerKind', () => {
  it('starts a request at once when idle, and is computing until the answer is settled', () => {
    const queue = new LatestPerKind<Job>();
    expect(queue.submit({kind: 'sweep', id: 1})).toEqual({kind: 'sweep', id: 1});
    expect(queue.computing).toBe(true);
    expect(queue.settle()).toBeUndefined();
    expect(queue.computing).toBe(false);
  });

  it('keeps only the newest waiting request of each kind: ten slider moves cost two computations', () => {
    const queue = new LatestPerKind<Job>();
    const started = [queue.submit({kind: 'sweep', id: 0})];
    for (let id = 1; id < 10; id++) expect(queue.submit({kind: 'sweep', id})).toBeUndefined();
    for (let next = queue.settle(); next; next = queue.settle()) started.push(next);
    expect(started).toEqual([
      {kind: 'sweep', id: 0},
      {kind: 'sweep', id: 9},
    ]);
    expect(queue.computing).toBe(false);
  });

  it('lets each kind keep its newest request, each kind in the order it first had to wait', () => {
    const queue = new LatestPerKind<Job>();
    queue.submit({kind: 'sweep', id: 0});
    queue.submit({kind: 'sweep', id: 1});
    queue.submit({kind: 'amplification', id: 2});
    queue.submit({kind: 'sweep', id: 3});
    expect(queue.settle()).toEqual({kind: 'sweep', id: 3});
    expect(queue.settle()).toEqual({kind: 'amplification', id: 2});
    expect(queue.settle()).toBeUndefined();
  });
});
