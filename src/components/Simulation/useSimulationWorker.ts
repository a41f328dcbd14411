import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {LatestPerKind} from './latest-queue';
import type {AheadRequest, AmplificationRequest, SimulationResponse, SweepAhead, SweepRequest} from './protocol';
import {joinAnswers, joinPoints, Parts} from './sweep-parts';

/** A request as the page makes it: the hook numbers it and splits a sweep between the workers. */
type Queued = Omit<SweepRequest, 'part'> | AmplificationRequest;
type Request = Queued extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * How many workers split a sweep: one a core, up to four. A slider move
 * that finds no sweep computed ahead waits for the whole sweep, and on two
 * cores two workers compute it in about half the time (each keeps the runs
 * of its own client counts).
 */
export function workerCount(): number {
  return Math.min(4, Math.max(1, navigator.hardwareConcurrency || 1));
}

/**
 * The workers of one <Simulation>, as one: each sweep is split between them
 * (see SweepPart) and reaches `onResponse` whole. While they compute, only
 * the newest request of each kind waits (see LatestPerKind). `ahead` asks
 * for sweeps to be computed ahead; they arrive, unrequested and whole,
 * through the same handler.
 */
export function useSimulationWorker(
  onResponse: (response: SimulationResponse | SweepAhead) => void,
  /** Workers to start; by default workerCount(), asked in the browser (the server renders without one). */
  count?: number,
) {
  const pool = useRef<Worker[]>([]);
  const queue = useRef(new LatestPerKind<Queued>());
  /** How many workers were asked, by request id. */
  const asked = useRef(new Map<number, number>());
  const nextId = useRef(0);
  const handler = useRef(onResponse);
  handler.current = onResponse;
  const [computing, setComputing] = useState(false);

  const start = useCallback((request: Queued | undefined) => {
    const of = pool.current.length;
    if (request?.kind === 'sweep') {
      asked.current.set(request.id, of);
      pool.current.forEach((worker, index) => worker.postMessage({...request, part: {index, of}}));
    } else if (request) {
      asked.current.set(request.id, 1);
      pool.current[0]?.postMessage(request);
    }
    setComputing(queue.current.computing);
  }, []);

  // A layout effect, so the workers exist for the page's own layout effects (Simulation asks from one).
  useLayoutEffect(() => {
    const workers = count ?? workerCount();
    const answers = new Parts<SimulationResponse>();
    const aheads = new Parts<SweepAhead>();
    const created = Array.from({length: workers}, (_, index) => {
      // A constant name: the bundler names the worker's chunk after it, and a computed one it leaves unnamed.
      const worker = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
        type: 'module',
        name: 'beamline-simulation',
      });
      worker.onmessage = ({data}: MessageEvent<SimulationResponse | SweepAhead>) => {
        if (data.kind === 'ahead') {
          const parts = aheads.add(`${data.runs}×${data.seed}×${data.baseMs}`, index, workers, data);
          if (parts) handler.current({...data, points: joinPoints(parts.map((part) => part.points))});
          return;
        }
        const parts = answers.add(String(data.id), index, asked.current.get(data.id)!, data);
        if (!parts) return;
        asked.current.delete(data.id);
        handler.current(joinAnswers(parts));
        start(queue.current.settle());
      };
      return worker;
    });
    pool.current = created;
    return () => {
      for (const worker of created) worker.terminate();
    };
  }, [start, count]);

  const request = useCallback(
    (body: Request) => start(queue.current.submit({...body, id: nextId.current++} as Queued)),
    [start],
  );

  // Not queued: the workers answer it with nothing to wait for, and it replaces whatever they were computing ahead.
  const ahead = useCallback(
    (body: Omit<AheadRequest, 'part'>) =>
      pool.current.forEach((worker, index, {length: of}) => worker.postMessage({...body, part: {index, of}})),
    [],
  );

  return {request, ahead, computing};
}
