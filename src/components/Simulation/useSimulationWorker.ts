import {useCallback, useEffect, useRef, useState} from 'react';
import type {SimulationRequest, SimulationResponse} from './protocol';

type Request = SimulationRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * One worker per <Simulation>. While it computes, only the newest request of
 * each kind waits (older ones are dropped): a slider dragged across ten
 * values costs two simulations, not ten.
 */
export function useSimulationWorker(onResponse: (response: SimulationResponse) => void) {
  const worker = useRef<Worker | null>(null);
  const busy = useRef(false);
  const queued = useRef(new Map<SimulationRequest['kind'], SimulationRequest>());
  const nextId = useRef(0);
  const handler = useRef(onResponse);
  handler.current = onResponse;
  const [computing, setComputing] = useState(false);

  const send = useCallback((request: SimulationRequest) => {
    busy.current = true;
    setComputing(true);
    worker.current?.postMessage(request);
  }, []);

  useEffect(() => {
    const created = new Worker(new URL('./simulation.worker.ts', import.meta.url), {
      type: 'module',
      name: 'beamline-simulation',
    });
    created.onmessage = ({data}: MessageEvent<SimulationResponse>) => {
      handler.current(data);
      const [next] = queued.current.values();
      if (next) {
        queued.current.delete(next.kind);
        send(next);
      } else {
        busy.current = false;
        setComputing(false);
      }
    };
    worker.current = created;
    return () => created.terminate();
  }, [send]);

  const request = useCallback(
    (body: Request) => {
      const message = {...body, id: nextId.current++} as SimulationRequest;
      if (busy.current) queued.current.set(message.kind, message);
      else send(message);
    },
    [send],
  );

  return {request, computing};
}
