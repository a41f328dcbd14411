import {Code} from '@connectrpc/connect';
import {describe, expect, it} from 'vitest';
import type {QueueEvent} from './bounded-queue';
import {BoundedQueue} from './bounded-queue';
import {VirtualClock} from './virtual-clock';

const work = (clock: VirtualClock, ms: number, value: string) => async () => {
  await clock.sleep(ms);
  return value;
};

describe('BoundedQueue', () => {
  it('runs `concurrency` calls, queues up to maxQueue, rejects the rest at once', async () => {
    const clock = new VirtualClock();
    const events: QueueEvent[] = [];
    const q = new BoundedQueue({concurrency: 2, maxQueue: 2, clock, onEvent: (e) => events.push(e)});
    const calls = ['a', 'b', 'c', 'd', 'e'].map((v) => q.execute(work(clock, 100, v)));
    expect([q.running, q.queued]).toEqual([2, 2]);
    const all = Promise.allSettled(calls);
    await clock.runUntil(all);
    const settled = await all;
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'rejected'))).toEqual([
      'a',
      'b',
      'c',
      'd',
      'rejected',
    ]);
    expect((settled[4] as PromiseRejectedResult).reason).toMatchObject({
      code: Code.ResourceExhausted,
      kind: 'queue-full',
    });
    expect(clock.now()).toBe(200); // c and d ran 100–200
    expect(events.filter((e) => e.type === 'reject-full').map((e) => e.at)).toEqual([0]);
    // depth over time, for the chart
    expect(events.map((e) => `${e.type}@${e.at}:${e.running}/${e.queued}`)).toEqual([
      'start@0:1/0',
      'start@0:2/0',
      'enqueue@0:2/1',
      'enqueue@0:2/2',
      'reject-full@0:2/2',
      'done@100:1/2',
      'start@100:2/1',
      'done@100:1/1',
      'start@100:2/0',
      'done@200:1/0',
      'done@200:0/0',
    ]);
  });

  it('gives up after maxWaitMs in the queue with DEADLINE_EXCEEDED and leaves the queue', async () => {
    const clock = new VirtualClock();
    const q = new BoundedQueue({concurrency: 1, maxQueue: 5, maxWaitMs: 50, clock});
    const first = q.execute(work(clock, 200, 'first'));
    const waiting = q.execute(work(clock, 10, 'second')).catch((e: unknown) => e);
    await clock.advance(49);
    expect(q.queued).toBe(1);
    await clock.advance(1);
    expect(await waiting).toMatchObject({code: Code.DeadlineExceeded, kind: 'queue-timeout'});
    expect(q.queued).toBe(0);
    await clock.runUntil(first);
    expect(clock.now()).toBe(200);
  });

  it('a call that gets its turn in time is not timed out', async () => {
    const clock = new VirtualClock();
    const q = new BoundedQueue({concurrency: 1, maxQueue: 1, maxWaitMs: 100, clock});
    void q.execute(work(clock, 60, 'first'));
    const second = q.execute(work(clock, 500, 'second'));
    await expect(clock.runUntil(second)).resolves.toBe('second');
    expect(clock.now()).toBe(560);
  });

  it('a cancelled waiter leaves the queue', async () => {
    const clock = new VirtualClock();
    const q = new BoundedQueue({concurrency: 1, maxQueue: 1, clock});
    void q.execute(work(clock, 100, 'first'));
    const controller = new AbortController();
    const waiting = q.execute(work(clock, 1, 'second'), controller.signal).catch((e: unknown) => e);
    controller.abort(new Error('cancelled'));
    expect(await waiting).toMatchObject({message: 'cancelled'});
    expect(q.queued).toBe(0);
  });
});
