import {useCallback, useLayoutEffect, useRef, useState} from 'react';
import {LatestPerKind} from './latest-queue';
import type {AheadRequest, SimulationRequest, SimulationResponse, SweepAhead} from './protocol';

type Request = SimulationRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * One worker per <Simulation>. While it computes, only the newest request of
 * each kind waits (see LatestPerKind). `ahead` asks for sweeps to be computed
 * ahead; they arrive, unrequested, through the same handler.
 */
export function useSimulationWorker(onResponse: (response: SimulationResponse | SweepAhead) => void) {
  const worker = useRef<Worker | null>(null);
  const queue = useRef(new LatestPerKind<SimulationRequest>());
  const nextId = useRef(0);
  const handler = useRef(onResponse);
  handler.current = onResponse;
  const [computing, setComputing] = useState(false);

  const start = useCallback((request: SimulationRequest | undefined) => {
    if (request) worker.current?.postMessage(request);
    setComputing(queue.current.computing);
  }, []);

  // A layout effect, so the worker exists for the page's own layout effects (Simulation asks from one).
  useLayoutEffect(() => {
    const created = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
      type: 'module',
      name: 'beamline-simulation',
    });
    created.onmessage = ({data}: MessageEvent<SimulationResponse | SweepAhead>) => {
      handler.current(data);
      if (data.kind !== 'ahead') start(queue.current.settle());
    };
    worker.current = created;
    return () => created.terminate();
  }, [start]);

  const request = useCallback(
    (body: Request) => start(queue.current.submit({...body, id: nextId.current++} as SimulationRequest)),
    [start],
  );

  // Not queued: the worker answers it with nothing to wait for, and it replaces whatever it was computing ahead.
  const ahead = useCallback((body: AheadRequest) => worker.current?.postMessage(body), []);

  return {request, ahead, computing};
}
