import {describe, expect, it} from 'vitest';
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

  it('flushes on the clock alone during a busy loop, keeping the newest and counting the rest', () => {
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
    expect(second.filter((event) => event.type === 'point')).toHaveLength(4);
    const dropped = second.at(-1);
    expect(dropped).toMatchObject({type: 'dropped'});
    const {logs, points} = dropped as Extract<WorkerEvent, {type: 'dropped'}>;
    // Everything emitted before that flush was either sent or counted; the
    // flush ran inside a log call, before that iteration's point.
    const sentLogs = 3;
    const sentPoints = 4;
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

  it('sends a flood no faster than the page keeps it: a second of batches is the kept window', () => {
    const {intervalMs, maxLogs, maxPoints} = outboxDefaults;
    const {outbox, batches, advance} = harness({intervalMs, maxLogs, maxPoints});
    for (let ms = 0; ms < 1_000; ms++) {
      for (let i = 0; i < 100; i++) outbox.emit(log('x'));
      for (let i = 0; i < 100; i++) outbox.emit(point(ms));
      advance(1);
    }
    const sent = batches.flat();
    expect(sent.filter((event) => event.type === 'log').length).toBeLessThanOrEqual(outputLimits.lines);
    expect(sent.filter((event) => event.type === 'point').length).toBeLessThanOrEqual(outputLimits.points);
    // And no less: the page still fills its window within the second.
    expect(sent.filter((event) => event.type === 'log').length).toBeGreaterThan(outputLimits.lines * 0.9);
    expect(sent.filter((event) => event.type === 'point').length).toBeGreaterThan(outputLimits.points * 0.9);
  });
});
