// @vitest-environment happy-dom
import {act} from 'react';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import type {CompileRequest, PageMessage, WorkerEvent, WorkerMessage} from '@site/src/snippet-runner/protocol';
import {readerSession} from '@site/src/snippet-runner/session';
import {transpileSnippet} from '@site/src/snippet-runner/transpile';
import {renderHook} from '../test-support/render-hook';
import {useSnippetRun} from './useSnippetRun';

/**
 * Stands in for a snippet worker — records what the page sends, says what the
 * test tells it to — and for the compiler, which answers at once.
 */
class FakeWorker {
  static created: FakeWorker[] = [];
  readonly posted: (PageMessage | CompileRequest)[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(message: PageMessage | CompileRequest) {
    this.posted.push(message);
    if (message.type === 'compile') {
      const data = {id: message.id, results: message.sources.map(transpileSnippet)};
      queueMicrotask(() => this.onmessage?.({data} as unknown as MessageEvent<WorkerMessage>));
    }
  }
  terminate() {
    this.terminated = true;
  }
  send(...events: WorkerEvent[]) {
    this.onmessage?.({data: events} as MessageEvent<WorkerMessage>);
  }
}

const files = {'main.ts': "log('hi')"};
const running = () =>
  FakeWorker.created.find((worker) => worker.posted.some((message) => message.type === 'run') && !worker.terminated);

beforeEach(() => {
  FakeWorker.created = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('useSnippetRun', () => {
  it("runs in a worker with the reader's session and shows what the run reports", async () => {
    const hook = await renderHook(() => useSnippetRun(60_000), undefined);
    expect(hook.current.status).toBe('idle');
    await act(async () => hook.current.run(files, 'main.ts', 'error=0.5'));
    const worker = running()!;
    expect(worker.posted[0]).toMatchObject({
      type: 'run',
      code: files,
      entry: 'main.ts',
      fault: 'error=0.5',
      session: readerSession(),
      apiBaseUrl: window.location.origin,
    });
    expect(hook.current.status).toBe('running');
    expect(hook.current.startedAt).not.toBeNull();

    await act(async () => worker.send({type: 'log', level: 'log', text: 'hi', t: 1}, {type: 'done', t: 2}));
    await vi.waitFor(() => expect(hook.current.output.get().lines.map((line) => line.text)).toEqual(['hi']));
    expect(hook.current.status).toBe('done');
    expect(worker.terminated).toBe(true);
    await hook.unmount();
  });

  it('Stop ends the worker whatever the snippet does; the page going away ends the spare one too', async () => {
    const hook = await renderHook(() => useSnippetRun(60_000), undefined);
    await act(async () => hook.current.run({'main.ts': 'while (true) {}'}, 'main.ts', null));
    const worker = running()!;
    await act(async () => hook.current.stop());
    expect(worker.terminated).toBe(true);
    expect(hook.current.status).toBe('stopped');
    await hook.unmount();
    expect(FakeWorker.created.every((created) => created.terminated)).toBe(true);
  });

  it("renders its owner for a run's status, not for each output update: the output is a store", async () => {
    let renders = 0;
    const hook = await renderHook(() => {
      renders++;
      return useSnippetRun(60_000);
    }, undefined);
    await act(async () => hook.current.run(files, 'main.ts', null));
    const worker = running()!;
    const before = renders;
    const updates: string[][] = [];
    const unsubscribe = hook.current.output.subscribe(() =>
      updates.push(hook.current.output.get().lines.map((line) => line.text)),
    );
    await act(async () => worker.send({type: 'log', level: 'log', text: 'hi', t: 1}));
    expect(updates).toEqual([['hi']]);
    expect(renders).toBe(before);
    unsubscribe();
    await hook.unmount();
  });

  it('passes a dial move to the run in progress', async () => {
    const hook = await renderHook(() => useSnippetRun(60_000), undefined);
    await act(async () => hook.current.run(files, 'main.ts', null));
    await act(async () => hook.current.setFault('latency=100ms'));
    expect(running()!.posted.at(-1)).toEqual({type: 'fault', spec: 'latency=100ms'});
    await hook.unmount();
  });
});
