// @vitest-environment happy-dom
import {act, useLayoutEffect} from 'react';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {renderHook} from '../test-support/render-hook';
import type {OccSweepPoint} from '@beamline/resilience/simulation';
import type {AheadRequest, SimulationRequest, SimulationResponse, SweepAhead} from './protocol';
import {useSimulationWorker, workerCount} from './useSimulationWorker';

/** Stands in for the simulation worker: records what it is sent, answers when the test says. */
class FakeWorker {
  static created: FakeWorker[] = [];
  readonly posted: (SimulationRequest | AheadRequest)[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<SimulationResponse | SweepAhead>) => void) | null = null;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
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
  /** Answers a sweep request with one point a client count of its part, timed `elapsedMs`. */
  answerSweep(request: SimulationRequest | AheadRequest, elapsedMs: number) {
    if (request.kind !== 'sweep') throw new Error('not a sweep');
    const {id, runs, seed, baseMs} = request;
    const data: SimulationResponse = {id, kind: 'sweep', runs, seed, baseMs, points: pointsOf(request), elapsedMs};
    this.onmessage?.({data} as MessageEvent<SimulationResponse>);
  }
  sendAhead(baseMs: number, points: OccSweepPoint[] = []) {
    const data: SweepAhead = {kind: 'ahead', runs: 1, seed: 1, baseMs, points};
    this.onmessage?.({data} as MessageEvent<SweepAhead>);
  }
}

/** A stand-in sweep part: one point for each of the part's client counts out of 10, 20, 30, 40. */
function pointsOf(request: SimulationRequest | AheadRequest): OccSweepPoint[] {
  if (request.kind === 'amplification') throw new Error('not a sweep');
  const {index, of} = request.part;
  return [10, 20, 30, 40]
    .filter((_, i) => i % of === index)
    .map((clients) => ({clients, strategy: 'full', meanCalls: clients, meanWrites: 0, meanCompletionMs: 0}));
}

const sweep = (runs: number) => ({kind: 'sweep', runs, seed: 1, baseMs: 5, nextBaseMs: []}) as const;

/** As Simulation asks for its first sweep: in a layout effect, which runs before passive ones. */
function useRequestOnMount() {
  const worker = useSimulationWorker(() => {}, 1);
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
    const hook = await renderHook(() => useSimulationWorker((response) => answers.push(response), 1), undefined);
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
    const hook = await renderHook(() => useSimulationWorker((response) => answers.push(response), 1), undefined);
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

  it('starts its workers under one name, the worker chunk’s, and ends them with the component', async () => {
    const hook = await renderHook(() => useSimulationWorker(() => {}, 2), undefined);
    // The bundler names the chunk after a constant name only; a computed one left it unnamed.
    expect(FakeWorker.created.map((worker) => worker.options.name)).toEqual([
      'beamline-simulation',
      'beamline-simulation',
    ]);
    await hook.unmount();
    expect(FakeWorker.created.map((worker) => worker.terminated)).toEqual([true, true]);
  });

  it('splits a sweep between its workers and answers once, with every part, as the slowest part took', async () => {
    const answers: (SimulationResponse | SweepAhead)[] = [];
    const hook = await renderHook(() => useSimulationWorker((response) => answers.push(response), 2), undefined);
    const [first, second] = FakeWorker.created;
    await act(async () => hook.current.request(sweep(10)));
    expect(
      [first, second].map((worker) => worker!.posted.map((request) => request.kind === 'sweep' && request.part)),
    ).toEqual([[{index: 0, of: 2}], [{index: 1, of: 2}]]);
    await act(async () => second!.answerSweep(second!.posted[0]!, 30));
    expect(answers).toEqual([]);
    expect(hook.current.computing).toBe(true);
    await act(async () => first!.answerSweep(first!.posted[0]!, 12));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({kind: 'sweep', runs: 10, elapsedMs: 30});
    expect(answers[0]!.kind === 'sweep' && answers[0]!.points.map((point) => point.clients)).toEqual([10, 20, 30, 40]);
    expect(hook.current.computing).toBe(false);

    // The amplification table is not split: one worker computes it.
    await act(async () => hook.current.request({kind: 'amplification', layers: 3, tries: 3}));
    expect([first, second].map((worker) => worker!.posted.length)).toEqual([2, 1]);
    await act(async () => first!.answer(first!.posted[1]!));
    expect(answers.at(-1)).toMatchObject({kind: 'error'});
    expect(hook.current.computing).toBe(false);
    await hook.unmount();
  });

  it('passes on a sweep computed ahead once every worker has sent its part', async () => {
    const answers: (SimulationResponse | SweepAhead)[] = [];
    const hook = await renderHook(() => useSimulationWorker((response) => answers.push(response), 2), undefined);
    const [first, second] = FakeWorker.created;
    await act(async () => hook.current.ahead({kind: 'ahead', runs: 1, seed: 1, nextBaseMs: [6]}));
    const [firstPart, secondPart] = [first, second].map((worker) => pointsOf(worker!.posted[0]!));
    await act(async () => {
      first!.sendAhead(6, firstPart);
      first!.sendAhead(7, firstPart);
      first!.sendAhead(6, firstPart); // asked again, sent again: still one part
    });
    expect(answers).toEqual([]);
    await act(async () => second!.sendAhead(6, secondPart));
    expect(answers).toEqual([
      {kind: 'ahead', runs: 1, seed: 1, baseMs: 6, points: pointsOf({...sweep(1), id: 0, part: {index: 0, of: 1}})},
    ]);
    await hook.unmount();
  });

  it('starts a worker a core, at most four', () => {
    for (const [cores, workers] of [
      [undefined, 1],
      [1, 1],
      [2, 2],
      [16, 4],
    ] as const) {
      vi.stubGlobal('navigator', {hardwareConcurrency: cores});
      expect(workerCount()).toBe(workers);
    }
  });
});
