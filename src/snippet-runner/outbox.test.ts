import {describe, expect, it} from 'vitest';
import {minGapMs} from '@site/src/components/Playground/run-feed';
import {outputLimits} from '@site/src/components/Playground/run-output';
import {createOutbox, outboxDefaults, type OutboxOptions} from './outbox';
import type {WorkerEvent} from './protocol';

// A hand-driven clock and timer: a `while (true)` snippet never lets the
// worker's timers fire, so the outbox must batch on the clock alone.
function harness(options: Partial<OutboxOptions> = {}) {
  let time = 0;
  let pending: (() => void) | null = null;
  const batches: WorkerEvent[][] = [];
  const outbox = createOutbox({
    post: (events) => batches.push(events),
    clock: () => time,
    intervalMs: 30,
    maxLogs: 3,
    maxPoints: 4,
    maxTextLength: 10,
    setTimer: (flush) => {
      pending = flush;
      return flush;
    },
    clearTimer: () => {
      pending = null;
    },
    ...options,
  });
  return {
    outbox,
    batches,
    advance: (ms: number) => {
      time += ms;
    },
    fireTimer: () => pending?.(),
    timerSet: () => pending !== null,
  };
}

const log = (text: string, t = 0): WorkerEvent => ({type: 'log', level: 'log', text, t});
const point = (t: number): WorkerEvent => ({type: 'point', point: {t, outcome: 'ok'}});

describe('outbox', () => {
  it('posts the first event at once', () => {
    const {outbox, batches} = harness();
    outbox.emit(log('first'));
    expect(batches).toEqual([[log('first')]]);
  });

  it("holds a run's fault for its first point and sends them together, then that point goes at once", () => {
    const {outbox, batches, advance, timerSet} = harness();
    const fault: WorkerEvent = {type: 'fault', spec: null, t: 0};
    outbox.emit(fault);
    expect(batches).toEqual([]);
    expect(timerSet()).toBe(true);
    advance(10);
    outbox.emit(point(10));
    expect(batches).toEqual([[point(10), fault]]);
  });

  it('sends a fault alone when nothing follows it within the interval, and the first point still at once', () => {
    const {outbox, batches, advance, fireTimer} = harness();
    const fault: WorkerEvent = {type: 'fault', spec: 'latency=5ms', t: 0};
    outbox.emit(fault);
    expect(batches).toEqual([]);
    advance(30);
    fireTimer();
    expect(batches).toEqual([[fault]]);
    // Within the interval of that batch, yet the run's first point.
    advance(10);
    outbox.emit(point(40));
    expect(batches).toEqual([[fault], [point(40)]]);
  });

  it('batches what follows within the interval and flushes it on a timer when the snippet goes quiet', () => {
    const {outbox, batches, advance, fireTimer, timerSet} = harness();
    outbox.emit(log('1'));
    outbox.emit(log('2'));
    outbox.emit(point(5));
    expect(batches).toHaveLength(1);
    expect(timerSet()).toBe(true);
    fireTimer();
    expect(batches[1]).toEqual([log('2'), point(5)]);
    advance(30);
    outbox.emit(log('3'));
    expect(batches[2]).toEqual([log('3')]);
  });

  it('flushes on the clock alone during a busy loop, keeping the newest lines, some points, and counting the rest', () => {
    const {outbox, batches, advance} = harness();
    outbox.emit(log('start'));
    for (let i = 0; i < 1_000; i++) {
      outbox.emit(log(`${i}`));
      outbox.emit(point(i));
      advance(0.05);
    }
    // 1 000 × 0.05 ms = 50 ms: one more batch at 30 ms, the rest still buffered.
    expect(batches).toHaveLength(2);
    const second = batches[1];
    expect(second.filter((event) => event.type === 'log')).toHaveLength(3);
    const sentPoints = second.filter((event) => event.type === 'point').length;
    expect(sentPoints).toBeGreaterThanOrEqual(2);
    expect(sentPoints).toBeLessThanOrEqual(4);
    const dropped = second.at(-1);
    expect(dropped).toMatchObject({type: 'dropped'});
    const {logs, points} = dropped as Extract<WorkerEvent, {type: 'dropped'}>;
    // Everything emitted before that flush was either sent or counted; the
    // flush ran inside a log call, before that iteration's point.
    const sentLogs = 3;
    expect(logs + sentLogs).toBe(points + sentPoints + 1);
    expect(second.filter((event) => event.type === 'log').map((event) => (event as {text: string}).text)).toEqual([
      `${logs + sentLogs - 3}`,
      `${logs + sentLogs - 2}`,
      `${logs + sentLogs - 1}`,
    ]);
  });

  it('sends only the latest fault of a batch, so a fault() loop cannot flood the page', () => {
    const {outbox, batches, advance} = harness();
    outbox.emit(log('start'));
    for (let i = 0; i < 10_000; i++) {
      outbox.emit({type: 'fault', spec: `latency=${i}ms`, t: i});
      advance(0.01);
    }
    // 10 000 × 0.01 ms = 100 ms: three more batches at most, each with one fault.
    expect(batches.length).toBeLessThanOrEqual(4);
    expect(batches.slice(1).every((batch) => batch.filter((event) => event.type === 'fault').length === 1)).toBe(true);
  });

  it('never holds more than twice its caps between flushes', () => {
    const {outbox, batches, fireTimer} = harness();
    outbox.emit(log('start'));
    for (let i = 0; i < 100_000; i++) outbox.emit(log(`${i}`));
    fireTimer();
    expect(batches[1].filter((event) => event.type === 'log').map((event) => (event as {text: string}).text)).toEqual([
      '99997',
      '99998',
      '99999',
    ]);
    expect(batches[1].at(-1)).toEqual({type: 'dropped', logs: 99_997, points: 0});
  });

  it('cuts long lines', () => {
    const {outbox, batches} = harness();
    outbox.emit(log('x'.repeat(1_000)));
    expect(batches[0]).toEqual([log(`${'x'.repeat(10)}…`)]);
  });

  it('sends what is buffered, then done, at once', () => {
    const {outbox, batches} = harness();
    outbox.emit(log('1'));
    outbox.emit(log('2'));
    outbox.emit({type: 'done', t: 3});
    expect(batches).toEqual([[log('1')], [log('2')], [{type: 'done', t: 3}]]);
  });

  it("sends batches at the page's pace while a snippet floods, and at its own again once it calms down", () => {
    const {outbox, batches, advance} = harness({floodIntervalMs: 100});
    const sentAt: number[] = [];
    let now = 0;
    const emit = (event: WorkerEvent) => {
      const before = batches.length;
      outbox.emit(event);
      if (batches.length > before) sentAt.push(now);
    };
    // 10 lines a millisecond: every batch but the first has to drop some.
    for (; now < 500; now++, advance(1)) for (let i = 0; i < 10; i++) emit(log('x'));
    expect(sentAt).toEqual([0, 30, 130, 230, 330, 430]);
    // Then a line every 40 ms: the batch with the flood's last lines drops some, the next none, and
    // those after it follow by the short interval.
    sentAt.length = 0;
    for (; now < 1_000; now++, advance(1)) if (now % 40 === 0) emit(log('y'));
    expect(sentAt.slice(0, 4)).toEqual([560, 680, 720, 760]);
  });

  it("thins a batch's points evenly over its interval, so the chart shows all of it, not its last moments", () => {
    const {outbox, batches, fireTimer} = harness({maxPoints: 10});
    outbox.emit(log('start'));
    for (let t = 0; t < 1_000; t++) outbox.emit(point(t));
    fireTimer();
    const times = batches[1].flatMap((event) => (event.type === 'point' ? [event.point.t] : []));
    expect(times.length).toBeGreaterThanOrEqual(5);
    expect(times.length).toBeLessThanOrEqual(10);
    // Even steps from the start of the interval to its end.
    const steps = times.slice(1).map((t, index) => t - times[index]!);
    expect(Math.max(...steps)).toBe(Math.min(...steps));
    expect(times[0]).toBe(0);
    expect(times.at(-1)).toBeGreaterThanOrEqual(1_000 - steps[0]!);
    expect(batches[1].at(-1)).toEqual({type: 'dropped', logs: 0, points: 1_000 - times.length});
  });

  it("sends a flood no faster than the page shows it, and fills the page's window in five seconds or more", () => {
    const {intervalMs, floodIntervalMs, maxLogs, maxPoints} = outboxDefaults;
    expect(floodIntervalMs).toBe(minGapMs);
    const {outbox, batches, advance} = harness({intervalMs, floodIntervalMs, maxLogs, maxPoints});
    const sent = () => batches.flat();
    const count = (type: WorkerEvent['type']) => sent().filter((event) => event.type === type).length;
    for (let ms = 0; ms < 4_750; ms++) {
      for (let i = 0; i < 100; i++) outbox.emit(log('x'));
      for (let i = 0; i < 100; i++) outbox.emit(point(ms));
      advance(1);
    }
    expect(batches.length).toBeLessThanOrEqual(4_750 / minGapMs + 2);
    expect(count('log')).toBeLessThanOrEqual(outputLimits.lines);
    expect(count('point')).toBeLessThanOrEqual(outputLimits.points);
    expect(count('log')).toBeGreaterThan(outputLimits.lines * 0.9);
    // Each batch carries half its cap of points or more.
    expect(count('point')).toBeGreaterThan(outputLimits.points * 0.45);
    // Whatever was not sent is counted.
    outbox.finish({type: 'done', t: 4_750});
    const dropped = sent().filter((event) => event.type === 'dropped');
    expect(count('log') + dropped.reduce((sum, event) => sum + event.logs, 0)).toBe(475_000);
    expect(count('point') + dropped.reduce((sum, event) => sum + event.points, 0)).toBe(475_000);
  });
});
