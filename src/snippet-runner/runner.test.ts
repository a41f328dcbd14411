import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {FakeCompilerWorker} from './fake-compiler-worker';
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

/** Lets the promise callbacks queued so far run. */
async function settled() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** The compiler answers, and what waited for it runs. */
async function answer(compiler: FakeCompilerWorker) {
  compiler.answer();
  await settled();
}

describe('SnippetRunner', () => {
  let compilers: FakeCompilerWorker[];
  let workers: FakeWorker[];
  let statuses: RunStatus[];
  let events: WorkerEvent[];
  let runner: SnippetRunner;

  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    compilers = [];
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
      createCompiler: () => {
        const compiler = new FakeCompilerWorker();
        compilers.push(compiler);
        return compiler;
      },
    });
  });
  afterEach(() => vi.useRealTimers());

  const context = {entry: 'main.ts', apiBaseUrl: 'http://localhost', session: 's'};
  const request = {files: {'main.ts': 'log(1)'}, ...context};
  const posted = {type: 'run', code: {'main.ts': 'log(1)'}, ...context};
  const expectation = {type: 'expect', code: {'main.ts': 'log(1)'}, entry: 'main.ts'};
  /** Compiles `order`'s files in a run, then starts afresh with only the compiled results kept. */
  const compiledBefore = async (order = request) => {
    runner.run(order);
    await answer(compilers[0]);
    runner.dispose();
    for (const list of [workers, compilers, statuses, events]) list.splice(0);
  };

  it("posts the snippet's JavaScript to a fresh worker once the compiler has it, and finishes on done", async () => {
    runner.run({...request, files: {'main.ts': 'const n: number = 1;\nlog(n);'}});
    expect(statuses).toEqual(['running']);
    expect(workers[0].posted).toEqual([]);
    await answer(compilers[0]);
    expect(workers[0].posted).toEqual([{...posted, code: {'main.ts': 'const n = 1;\nlog(n);'}}]);
    workers[0].emit({type: 'log', level: 'log', text: '1', t: 1});
    workers[0].emit({type: 'done', t: 2});
    expect(statuses).toEqual(['running', 'done']);
    expect(workers[0].terminated).toBe(true);
    expect(events.map((event) => event.type)).toEqual(['log', 'done']);
  });

  it('posts a run of files compiled before in the same task, without asking the compiler again', async () => {
    await compiledBefore();
    runner.run(request);
    expect(workers[0].posted).toEqual([posted]);
    expect(compilers.flatMap((compiler) => compiler.requests)).toEqual([]);
  });

  it('reports a syntax error with its file and line, and posts nothing to the worker', async () => {
    runner.run({...request, files: {'main.ts': 'log(1)', 'retry.ts': 'const ok = 1;\nlet broken = (;\n'}});
    await answer(compilers[0]);
    expect(events).toEqual([
      {
        type: 'error',
        message: 'SyntaxError: Unexpected token',
        file: 'retry.ts',
        line: 2,
        column: expect.any(Number),
        t: expect.any(Number),
      },
    ]);
    expect(statuses).toEqual(['running', 'failed']);
    expect(workers[0].posted).toEqual([]);
    expect(workers[0].terminated).toBe(true);
  });

  it('fails the run when the compiler fails, and starts a new compiler for the next', async () => {
    runner.run(request);
    compilers[0].onerror?.({message: 'Uncaught SyntaxError', preventDefault() {}} as ErrorEvent);
    await settled();
    expect(events).toEqual([{type: 'error', message: 'Uncaught SyntaxError', t: expect.any(Number)}]);
    expect(statuses).toEqual(['running', 'failed']);
    expect(compilers[0].terminated).toBe(true);
    runner.run(request);
    await answer(compilers[1]);
    expect(workers[1].posted).toEqual([posted]);
  });

  it('posts nothing to a run stopped while its files compiled', async () => {
    runner.run(request);
    runner.stop();
    await answer(compilers[0]);
    expect(workers[0].posted).toEqual([]);
  });

  it('gives a run the dial as it was moved while its files compiled', async () => {
    runner.run({...request, fault: 'error=1'});
    runner.setFault('latency=5ms');
    await answer(compilers[0]);
    expect(workers[0].posted.at(-1)).toEqual({...posted, fault: 'latency=5ms'});
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

  it('starts each run in the oldest of two workers prepared ahead', async () => {
    await compiledBefore();
    runner.prepare();
    expect(workers).toHaveLength(2);
    runner.run(request);
    expect(workers[0].posted.at(-1)).toEqual(posted);
    expect(workers[1].posted.at(-1)).not.toEqual(posted);
    runner.run(request);
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].posted.at(-1)).toEqual(posted);
    runner.dispose();
    expect(workers.every((worker) => worker.terminated)).toBe(true);
    expect(compilers[0].terminated).toBe(true);
  });

  it("replaces the spare a run took once the run's first events have come, in a task after them", async () => {
    await compiledBefore();
    runner.prepare();
    runner.run(request);
    expect(workers).toHaveLength(2);
    workers[0].emit({type: 'point', point: {attempt: 1, delayMs: 0, outcome: 'ok', t: 1}});
    expect(workers).toHaveLength(2);
    vi.advanceTimersByTime(0);
    expect(workers).toHaveLength(3);
    expect(workers[2].posted).toEqual([expectation]);
    workers[0].emit({type: 'done', t: 2});
    vi.advanceTimersByTime(0);
    expect(workers).toHaveLength(3);
  });

  it('replaces the spare of a run that ended before it showed anything, but not after dispose', async () => {
    await compiledBefore();
    runner.prepare();
    runner.run(request);
    runner.stop();
    expect(workers).toHaveLength(2);
    vi.advanceTimersByTime(0);
    expect(workers).toHaveLength(3);
    runner.run(request);
    runner.dispose();
    vi.advanceTimersByTime(0);
    expect(workers).toHaveLength(3);
  });

  it("tells each spare started after a run that run's code, for it to link while it waits", async () => {
    runner.prepare();
    expect(workers.map((worker) => worker.posted)).toEqual([[], []]);
    runner.run(request);
    await answer(compilers[0]);
    workers[0].emit({type: 'done', t: 1});
    vi.advanceTimersByTime(0);
    expect(workers.at(-1)!.posted).toEqual([expectation]);
    runner.run({...request, files: {'main.ts': 'log(2)'}});
    await answer(compilers[0]);
    workers[1].emit({type: 'done', t: 1});
    vi.advanceTimersByTime(0);
    expect(workers.at(-1)!.posted).toEqual([{...expectation, code: {'main.ts': 'log(2)'}}]);
  });

  it('tells the spares prepared before any run the files the reader sees, once compiled, and later ones the last run’s', async () => {
    runner.prepare({files: {'main.ts': 'const shown: number = 0;'}, entry: 'main.ts'});
    expect(workers.map((worker) => worker.posted)).toEqual([[], []]);
    await answer(compilers[0]);
    const shown = {...expectation, code: {'main.ts': 'const shown = 0;'}};
    expect(workers.map((worker) => worker.posted)).toEqual([[shown], [shown]]);
    runner.run(request);
    await answer(compilers[0]);
    runner.prepare({files: {'main.ts': 'log(3)'}, entry: 'main.ts'});
    await answer(compilers[0]);
    runner.stop();
    vi.advanceTimersByTime(0);
    expect(workers.at(-1)!.posted).toEqual([expectation]);
  });

  it('a second run stops the first and ignores its late messages', async () => {
    await compiledBefore();
    runner.run(request);
    runner.run(request);
    expect(workers[0].terminated).toBe(true);
    workers[0].emit({type: 'log', level: 'log', text: 'late', t: 9});
    expect(events).toEqual([]);
    expect(statuses).toEqual(['running', 'stopped', 'running']);
  });

  it('passes fault changes to the running worker only', async () => {
    await compiledBefore();
    runner.setFault('error=1');
    runner.run(request);
    runner.setFault('error=0.5');
    runner.stop();
    runner.setFault('error=0');
    expect(workers[0].posted).toEqual([posted, {type: 'fault', spec: 'error=0.5'}]);
  });

  it('ends the run on the first error', () => {
    runner.run(request);
    workers[0].emit({type: 'error', message: 'Error: boom', line: 3, t: 1});
    expect(statuses).toEqual(['running', 'failed']);
    vi.advanceTimersByTime(10_000);
    expect(statuses).toEqual(['running', 'failed']);
  });
});
