// @vitest-environment happy-dom
import {act, useLayoutEffect} from 'react';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {renderHook} from '../test-support/render-hook';
import type {AheadRequest, SimulationRequest, SimulationResponse, SweepAhead} from './protocol';
import {useSimulationWorker} from './useSimulationWorker';

/** Stands in for the simulation worker: records what it is sent, answers when the test says. */
class FakeWorker {
  static created: FakeWorker[] = [];
  readonly posted: (SimulationRequest | AheadRequest)[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<SimulationResponse | SweepAhead>) => void) | null = null;
  constructor() {
    FakeWorker.created.push(this);
  }
  postMessage(request: SimulationRequest | AheadRequest) {
    this.posted.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  answer(request: SimulationRequest | AheadRequest) {
    if (request.kind === 'ahead') throw new Error('the worker does not answer an ahead request');
    this.onmessage?.({data: {id: request.id, kind: 'error', message: 'done'}} as MessageEvent<SimulationResponse>);
  }
  sendAhead(baseMs: number) {
    const data: SweepAhead = {kind: 'ahead', runs: 1, seed: 1, baseMs, points: []};
    this.onmessage?.({data} as MessageEvent<SweepAhead>);
  }
}

const sweep = (runs: number) => ({kind: 'sweep', runs, seed: 1, baseMs: 5, nextBaseMs: []}) as const;

/** As Simulation asks for its first sweep: in a layout effect, which runs before passive ones. */
function useRequestOnMount() {
  const worker = useSimulationWorker(() => {});
  const {request} = worker;
  useLayoutEffect(() => request(sweep(10)), [request]);
  return worker;
}

beforeEach(() => {
  FakeWorker.created = [];
  vi.stubGlobal('Worker', FakeWorker);
});
afterEach(() => vi.unstubAllGlobals());

describe('useSimulationWorker', () => {
  it('sends the first request at once and, while it computes, only the newest of each kind', async () => {
    const answers: (SimulationResponse | SweepAhead)[] = [];
    const hook = await renderHook(() => useSimulationWorker((response) => answers.push(response)), undefined);
    const [worker] = FakeWorker.created;
    await act(async () => hook.current.request(sweep(10)));
    expect(hook.current.computing).toBe(true);
    await act(async () => {
      hook.current.request(sweep(20));
      hook.current.request({kind: 'amplification', layers: 3, tries: 3});
      hook.current.request(sweep(30));
    });
    expect(worker!.posted.map((request) => request.kind === 'sweep' && request.runs)).toEqual([10]);

    await act(async () => worker!.answer(worker!.posted[0]!));
    // The slider's 20 was overtaken by 30 while the first sweep ran.
    expect(worker!.posted.slice(1).map((request) => (request.kind === 'sweep' ? request.runs : request.kind))).toEqual([
      30,
    ]);
    await act(async () => worker!.answer(worker!.posted[1]!));
    expect(worker!.posted[2]!.kind).toBe('amplification');
    await act(async () => worker!.answer(worker!.posted[2]!));
    expect(hook.current.computing).toBe(false);
    expect(answers.map((answer) => answer.kind !== 'ahead' && answer.id)).toEqual(
      worker!.posted.map((request) => request.kind !== 'ahead' && request.id),
    );
    await hook.unmount();
  });

  it('posts an ahead request at once, even while computing, and does not count a sweep sent ahead as an answer', async () => {
    const answers: (SimulationResponse | SweepAhead)[] = [];
    const hook = await renderHook(() => useSimulationWorker((response) => answers.push(response)), undefined);
    const [worker] = FakeWorker.created;
    await act(async () => hook.current.request(sweep(10)));
    await act(async () => {
      hook.current.ahead({kind: 'ahead', runs: 1, seed: 1, nextBaseMs: [6, 4]});
      hook.current.request(sweep(20));
    });
    expect(worker!.posted.map((request) => request.kind)).toEqual(['sweep', 'ahead']);
    await act(async () => worker!.sendAhead(6));
    expect(answers.map((answer) => answer.kind)).toEqual(['ahead']);
    // Still computing the first sweep: the waiting one is not sent yet.
    expect(hook.current.computing).toBe(true);
    expect(worker!.posted).toHaveLength(2);
    await act(async () => worker!.answer(worker!.posted[0]!));
    expect(worker!.posted.map((request) => request.kind === 'sweep' && request.runs)).toEqual([10, false, 20]);
    await hook.unmount();
  });

  it('takes a request made in the page’s layout effect on its first render', async () => {
    const hook = await renderHook(useRequestOnMount, undefined);
    expect(FakeWorker.created[0]!.posted.map((request) => request.kind)).toEqual(['sweep']);
    await hook.unmount();
  });

  it('ends its worker with the component', async () => {
    const hook = await renderHook(() => useSimulationWorker(() => {}), undefined);
    expect(FakeWorker.created).toHaveLength(1);
    await hook.unmount();
    expect(FakeWorker.created[0]!.terminated).toBe(true);
  });
});
