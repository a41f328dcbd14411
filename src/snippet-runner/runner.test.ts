import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {WorkerEvent, WorkerMessage} from './protocol';
import {SnippetRunner, type RunStatus, type WorkerLike} from './runner';

// A stand-in for the browser's Worker: the real one is exercised by the
// Chromium tests; here only the runner's bookkeeping is under test.
class FakeWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  terminated = false;
  posted: unknown[] = [];
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  emit(...events: WorkerEvent[]) {
    this.onmessage?.({data: events} as MessageEvent<WorkerMessage>);
  }
}

describe('SnippetRunner', () => {
  let workers: FakeWorker[];
  let statuses: RunStatus[];
  let events: WorkerEvent[];
  let runner: SnippetRunner;

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    statuses = [];
    events = [];
    runner = new SnippetRunner({
      timeLimitMs: 5_000,
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status),
      createWorker: () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return worker;
      },
    });
  });
  afterEach(() => vi.useRealTimers());

  const request = {files: {'main.ts': 'log(1)'}, entry: 'main.ts', apiBaseUrl: 'http://localhost', session: 's'};

  it('posts the snippet to a fresh worker and finishes on done', () => {
    runner.run(request);
    expect(workers[0].posted).toEqual([{type: 'run', ...request}]);
    workers[0].emit({type: 'log', level: 'log', text: '1', t: 1});
    workers[0].emit({type: 'done', t: 2});
    expect(statuses).toEqual(['running', 'done']);
    expect(workers[0].terminated).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['log', 'done']);
  });

  it('stop terminates the worker at once', () => {
    runner.run(request);
    runner.stop();
    expect(workers[0].terminated).toBe(true);
    expect(statuses).toEqual(['running', 'stopped']);
    expect(runner.running).toBe(false);
  });

  it('kills a run that passes the time limit, and says so in the output', () => {
    runner.run(request);
    vi.advanceTimersByTime(4_999);
    expect(workers[0].terminated).toBe(false);
    vi.advanceTimersByTime(1);
    expect(workers[0].terminated).toBe(true);
    expect(statuses).toEqual(['running', 'timed-out']);
    expect(events).toEqual([
      {type: 'error', message: 'Stopped: the run passed its 5 s time limit', t: expect.closeTo(5_000, 0)},
    ]);
  });

  it('hands each event of a batch on, and stops at the one that ends the run', () => {
    runner.run(request);
    workers[0].emit(
      {type: 'log', level: 'log', text: 'a', t: 1},
      {type: 'dropped', logs: 5, points: 0},
      {type: 'done', t: 2},
      {type: 'log', level: 'log', text: 'after', t: 3},
    );
    expect(events.map((event) => event.type)).toEqual(['log', 'dropped', 'done']);
    expect(statuses).toEqual(['running', 'done']);
  });

  it('starts each run in the oldest of two workers prepared ahead, and prepares another', () => {
    runner.prepare();
    expect(workers).toHaveLength(2);
    expect(workers.map((worker) => worker.posted)).toEqual([[], []]);
    runner.run(request);
    expect(workers[0].posted).toEqual([{type: 'run', ...request}]);
    expect(workers).toHaveLength(3);
    expect(workers[1].posted).toEqual([]);
    runner.run(request);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].posted).toEqual([{type: 'run', ...request}]);
    expect(workers).toHaveLength(4);
    expect(workers[2].posted).toEqual([{type: 'expect', files: request.files, entry: request.entry}]);
    runner.dispose();
    expect(workers.every((worker) => worker.terminated)).toBe(true);
  });

  it("tells each spare started after a run that run's files, for it to compile while it waits", () => {
    runner.prepare();
    expect(workers.map((worker) => worker.posted)).toEqual([[], []]);
    runner.run(request);
    expect(workers[2].posted).toEqual([{type: 'expect', files: request.files, entry: request.entry}]);
    const next = {...request, files: {'main.ts': 'log(2)'}};
    runner.run(next);
    expect(workers[3].posted).toEqual([{type: 'expect', files: next.files, entry: next.entry}]);
  });

  it('tells the spares prepared before any run the files the reader sees, and later ones the last run’s', () => {
    const shown = {files: {'main.ts': 'log(0)'}, entry: 'main.ts'};
    runner.prepare(shown);
    expect(workers.map((worker) => worker.posted)).toEqual([
      [{type: 'expect', ...shown}],
      [{type: 'expect', ...shown}],
    ]);
    runner.run(request);
    runner.prepare({files: {'main.ts': 'log(1)'}, entry: 'main.ts'});
    expect(workers[2].posted).toEqual([{type: 'expect', files: request.files, entry: request.entry}]);
    runner.run(request);
    expect(workers[3].posted).toEqual([{type: 'expect', files: request.files, entry: request.entry}]);
  });

  it('a second run stops the first and ignores its late messages', () => {
    runner.run(request);
    runner.run(request);
    expect(workers[0].terminated).toBe(true);
    workers[0].emit({type: 'log', level: 'log', text: 'late', t: 9});
    expect(events).toEqual([]);
    expect(statuses).toEqual(['running', 'stopped', 'running']);
  });

  it('passes fault changes to the running worker only', () => {
    runner.setFault('error=1');
    runner.run(request);
    runner.setFault('error=0.5');
    runner.stop();
    runner.setFault('error=0');
    expect(workers[0].posted).toEqual([
      {type: 'run', ...request},
      {type: 'fault', spec: 'error=0.5'},
    ]);
  });

  it('ends the run on the first error', () => {
    runner.run(request);
    workers[0].emit({type: 'error', message: 'Error: boom', line: 3, t: 1});
    expect(statuses).toEqual(['running', 'failed']);
    vi.advanceTimersByTime(10_000);
    expect(statuses).toEqual(['running', 'failed']);
  });
});
