import {describe, expect, it} from 'vitest';
import {FakeCompilerWorker} from '@site/src/snippet-runner/fake-compiler-worker';
import type {PageMessage, WorkerEvent, WorkerMessage} from '@site/src/snippet-runner/protocol';
import type {RunStatus, WorkerLike} from '@site/src/snippet-runner/runner';
import type {RunOutput} from './run-output';
import {RunSession} from './run-session';

/** A stand-in worker: records what the page posts, and lets the test answer as the snippet would. */
class FakeWorker implements WorkerLike {
  posted: PageMessage[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(message: PageMessage): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  emit(...events: WorkerEvent[]): void {
    this.onmessage?.({data: events} as MessageEvent<WorkerMessage>);
  }
}

/** Lets the compiler answer, and the run it held be posted. */
async function compiled() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

// useSnippetRun's logic, with a stand-in worker and frames run by hand.
function harness() {
  const workers: FakeWorker[] = [];
  const statuses: RunStatus[] = [];
  const faults: (string | null | undefined)[] = [];
  const starts: number[] = [];
  const unanswered: boolean[] = [];
  let output: RunOutput | undefined;
  let frame: (() => void) | null = null;
  let timer: {callback: () => void; at: number} | null = null;
  let time = 0;
  let room = 'main';
  const session = new RunSession({
    timeLimitMs: 60_000,
    view: {
      status: (status) => statuses.push(status),
      output: (next) => (output = next),
      startedAt: (at) => starts.push(at),
      faultInForce: (spec) => faults.push(spec),
      unanswered: (value) => unanswered.push(value),
    },
    context: () => ({apiBaseUrl: 'http://workshop.lan:3000', session: 'reader-1', room}),
    now: () => time,
    createWorker: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    createCompiler: () => new FakeCompilerWorker(true),
    frames: {
      request: (callback) => {
        frame = callback;
        return 1;
      },
      cancel: () => {
        frame = null;
      },
      now: () => time,
      after: (callback, ms) => {
        timer = {callback, at: time + ms};
        return 1;
      },
      cancelAfter: () => {
        timer = null;
      },
    },
  });
  const runningWorker = () => workers.find((worker) => worker.posted.some((message) => message.type === 'run'))!;
  return {
    session,
    workers,
    statuses,
    faults,
    starts,
    unanswered,
    lines: () => output?.lines.map((line) => line.text) ?? [],
    runningWorker,
    tick: (ms: number) => {
      time += ms;
      if (timer && timer.at <= time) {
        const due = timer.callback;
        timer = null;
        due();
      }
      const callback = frame;
      frame = null;
      callback?.();
    },
    moveTo: (next: string) => {
      room = next;
    },
  };
}

const log = (text: string): WorkerEvent => ({type: 'log', level: 'log', text, t: 0});

describe('RunSession (useSnippetRun)', () => {
  it('runs with the reader, the room and the dial read at the Run, and says when it started', async () => {
    const h = harness();
    h.tick(5);
    h.session.run({'main.ts': 'const n: number = 1;'}, 'main.ts', 'error=0.5');
    await compiled();
    const request = h.runningWorker().posted[0];
    expect(request).toEqual({
      type: 'run',
      code: {'main.ts': 'const n = 1;'},
      entry: 'main.ts',
      fault: 'error=0.5',
      apiBaseUrl: 'http://workshop.lan:3000',
      session: 'reader-1',
      room: 'main',
    });
    expect(h.starts).toEqual([5]);
    expect(h.statuses).toEqual(['running']);
    // A room joined between runs is the next run's room.
    h.moveTo('abc');
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    const second = h.workers.filter((worker) => worker.posted.some((message) => message.type === 'run'))[1]!;
    expect(second.posted.find((message) => message.type === 'run')).toMatchObject({room: 'abc', fault: undefined});
  });

  it('shows the fault in force while the run lasts and forgets it when the run ends', async () => {
    const h = harness();
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    h.runningWorker().emit({type: 'fault', spec: 'latency=200ms', t: 1} as WorkerEvent);
    expect(h.faults.at(-1)).toBe('latency=200ms');
    // A fault event is state for the panel, not a line of output.
    expect(h.lines()).toEqual([]);
    h.runningWorker().emit({type: 'done', t: 2} as WorkerEvent);
    expect(h.statuses.at(-1)).toBe('done');
    expect(h.faults.at(-1)).toBeUndefined();
  });

  it('a new Run stops the old one, and its output starts empty', async () => {
    const h = harness();
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    const first = h.runningWorker();
    first.emit(log('from the first run'));
    expect(h.lines()).toEqual(['from the first run']);
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    expect(first.terminated).toBe(true);
    expect(h.lines()).toEqual([]);
    // The old worker's late events are not the new run's.
    first.emit(log('late'));
    expect(h.lines()).toEqual([]);
  });

  it('Stop ends the run as stopped; the dial reaches only a running snippet', async () => {
    const h = harness();
    h.session.setFault('error=1');
    expect(h.workers.flatMap((worker) => worker.posted)).toEqual([]);
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    h.session.setFault('error=1');
    expect(h.runningWorker().posted.at(-1)).toEqual({type: 'fault', spec: 'error=1'});
    h.runningWorker().emit(log('first'));
    h.runningWorker().emit(log('waiting for a frame'));
    h.session.stop();
    expect(h.statuses.at(-1)).toBe('stopped');
    expect(h.runningWorker().terminated).toBe(true);
    // Shown with the stop, not on a later frame: the output does not change after the status.
    expect(h.lines()).toEqual(['first', 'waiting for a frame']);
  });

  it('tells the view when a call of the run got no answer, and forgets it at the next Run', async () => {
    const h = harness();
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    h.runningWorker().emit({type: 'error', message: 'TypeError: Failed to fetch', t: 1, unanswered: true});
    expect(h.statuses.at(-1)).toBe('failed');
    expect(h.unanswered).toEqual([false, true]);
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    const second = h.workers.find((worker) => !worker.terminated && worker.posted.some((m) => m.type === 'run'));
    second?.emit({type: 'done', t: 1});
    expect(h.statuses.at(-1)).toBe('done');
    expect(h.unanswered).toEqual([false, true, false]);
  });

  it('prepare starts workers before the Run, which the Run then uses', async () => {
    const h = harness();
    h.session.prepare({'main.ts': ''}, 'main.ts');
    expect(h.workers.length).toBeGreaterThan(0);
    await compiled();
    // Compiled while the spares started: the Run is posted at once.
    h.session.run({'main.ts': ''}, 'main.ts', null);
    expect(h.runningWorker()).toBe(h.workers[0]);
  });

  it('Clear empties the output; dispose ends the run and the spare worker', async () => {
    const h = harness();
    h.session.run({'main.ts': ''}, 'main.ts', null);
    await compiled();
    h.runningWorker().emit(log('a'));
    h.session.clearOutput();
    expect(h.lines()).toEqual([]);
    h.session.dispose();
    expect(h.workers.every((worker) => worker.terminated)).toBe(true);
  });
});
