import {describe, expect, it} from 'vitest';
import {seededRandom} from './random';
import {VirtualClock} from './virtual-clock';

describe('VirtualClock', () => {
  it('does not move time until asked, then fires timers in time order', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    void clock.sleep(300).then(() => order.push(`c@${clock.now()}`));
    void clock.sleep(100).then(() => order.push(`a@${clock.now()}`));
    void clock.sleep(200).then(() => order.push(`b@${clock.now()}`));
    expect(clock.now()).toBe(0);
    expect(clock.pendingTimers).toBe(3);
    expect(await clock.run()).toBe(300);
    expect(order).toEqual(['a@100', 'b@200', 'c@300']);
  });

  it('breaks ties by registration order', async () => {
    const clock = new VirtualClock();
    const order: number[] = [];
    for (let i = 0; i < 5; i++) void clock.sleep(50).then(() => order.push(i));
    await clock.run();
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('advance(ms) fires only what is due and lands exactly on now + ms', async () => {
    const clock = new VirtualClock({start: 1000});
    const fired: number[] = [];
    void clock.sleep(10).then(() => fired.push(clock.now()));
    void clock.sleep(30).then(() => fired.push(clock.now()));
    await clock.advance(20);
    expect(fired).toEqual([1010]);
    expect(clock.now()).toBe(1020);
    await clock.advance(10);
    expect(fired).toEqual([1010, 1030]);
  });

  it('lets a woken continuation run to its next sleep before the next timer fires (deep await chains)', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const deep = async (n: number): Promise<void> => {
      if (n > 0) return deep(n - 1);
      await Promise.resolve();
    };
    const a = async () => {
      await clock.sleep(10);
      await deep(50); // many microtask hops, no timer
      log.push(`a-after-deep@${clock.now()}`);
      await clock.sleep(0);
      log.push(`a-end@${clock.now()}`);
    };
    const b = async () => {
      await clock.sleep(10);
      log.push(`b@${clock.now()}`);
    };
    void a();
    void b();
    await clock.run();
    // a woke first (registered first) and reached its sleep(0) before b woke;
    // a's sleep(0) was registered after b's timer, so b fires next.
    expect(log).toEqual(['a-after-deep@10', 'b@10', 'a-end@10']);
  });

  it('cancels a sleep when its signal aborts', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const slept = clock.sleep(100, controller.signal);
    controller.abort(new Error('stop'));
    await expect(slept).rejects.toThrow('stop');
    expect(clock.pendingTimers).toBe(0);
    expect(await clock.run()).toBe(0);
  });

  it('runUntil returns the value and detects a deadlock', async () => {
    const clock = new VirtualClock();
    const value = clock.runUntil(
      (async () => {
        await clock.sleep(5_000);
        return 'done';
      })(),
    );
    await expect(value).resolves.toBe('done');
    expect(clock.now()).toBe(5_000);
    await expect(clock.runUntil(new Promise(() => {}))).rejects.toThrow(/no timer left/);
  });

  it('runs hundreds of concurrent clients deterministically', async () => {
    const simulate = async (seed: number) => {
      const clock = new VirtualClock();
      const random = seededRandom(seed);
      const trace: string[] = [];
      const client = async (id: number) => {
        for (let i = 0; i < 5; i++) {
          await clock.sleep(Math.floor(random() * 100));
          trace.push(`${id}:${i}@${clock.now()}`);
        }
      };
      const all = Promise.all(Array.from({length: 300}, (_, id) => client(id)));
      await clock.runUntil(all);
      return {trace, end: clock.now(), fired: clock.fired};
    };
    const first = await simulate(7);
    const again = await simulate(7);
    const other = await simulate(8);
    expect(first.trace).toHaveLength(1500);
    expect(first.fired).toBe(1500);
    expect(again).toEqual(first);
    expect(other.trace).not.toEqual(first.trace);
    // time never goes backwards in the trace
    const times = first.trace.map((t) => Number(t.split('@')[1]));
    expect([...times].sort((x, y) => x - y)).toEqual(times);
  });
});
