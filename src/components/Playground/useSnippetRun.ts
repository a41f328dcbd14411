import {useCallback, useEffect, useRef, useState} from 'react';
import type {ChartPoint, WorkerEvent} from '@site/src/playground/protocol';
import {SnippetRunner, type RunStatus} from '@site/src/playground/runner';
import {currentRoom} from '@site/src/components/RoomBanner/room';
import {readerSession} from '@site/src/playground/session';

export interface LogLine {
  id: number;
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
  t: number;
  file?: string;
  line?: number;
}

export interface ErrorLocation {
  file: string;
  line: number;
}

export interface SnippetRun {
  status: RunStatus;
  logs: LogLine[];
  points: ChartPoint[];
  /** Where the last error happened in the snippet, for the editor to mark. */
  errorAt?: ErrorLocation;
  startedAt: number | null;
  /** The x-beamline-fault the running snippet's calls carry (null: none); undefined when nothing runs. */
  faultInForce?: string | null;
  run(files: Record<string, string>, entry: string, fault: string | null): void;
  /** Moves the fault dial for the run in progress. */
  setFault(spec: string | null): void;
  stop(): void;
  clearOutput(): void;
}

/**
 * Owns a SnippetRunner for one playground and turns its event stream into
 * React state. Events are buffered and flushed once per animation frame so a
 * chatty snippet cannot flood React with renders.
 */
export function useSnippetRun(timeLimitMs: number): SnippetRun {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [logs, setLogs] = useState<LogLine[]>([]);
  const [points, setPoints] = useState<ChartPoint[]>([]);
  const [errorAt, setErrorAt] = useState<ErrorLocation | undefined>();
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [faultInForce, setFaultInForce] = useState<string | null>();
  const pending = useRef<WorkerEvent[]>([]);
  const frame = useRef<number | null>(null);
  const nextId = useRef(0);
  const runner = useRef<SnippetRunner | null>(null);

  const flush = useCallback(() => {
    frame.current = null;
    const events = pending.current;
    pending.current = [];
    const newLines: LogLine[] = [];
    const newPoints: ChartPoint[] = [];
    for (const event of events) {
      if (event.type === 'log') newLines.push({id: nextId.current++, level: event.level, text: event.text, t: event.t});
      if (event.type === 'point') newPoints.push(event.point);
      if (event.type === 'fault') setFaultInForce(event.spec);
      if (event.type === 'error') {
        const where = [event.file, event.line && `line ${event.line}`].filter(Boolean).join(' ');
        const text = where ? `${where}: ${event.message}` : event.message;
        newLines.push({id: nextId.current++, level: 'error', text, t: event.t, file: event.file, line: event.line});
        setErrorAt(event.file && event.line ? {file: event.file, line: event.line} : undefined);
      }
    }
    if (newLines.length) setLogs((previous) => previous.concat(newLines));
    if (newPoints.length) setPoints((previous) => previous.concat(newPoints));
  }, []);

  const enqueue = useCallback(
    (event: WorkerEvent) => {
      pending.current.push(event);
      frame.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );

  const getRunner = useCallback(() => {
    runner.current ??= new SnippetRunner({
      timeLimitMs,
      onEvent: enqueue,
      onStatus: (next) => {
        if (next === 'timed-out') {
          enqueue({type: 'error', message: `Stopped: the run passed its ${timeLimitMs / 1000} s time limit`, t: 0});
        }
        if (next !== 'running') setFaultInForce(undefined);
        setStatus(next);
      },
    });
    return runner.current;
  }, [enqueue, timeLimitMs]);

  useEffect(() => () => runner.current?.stop(), []);

  const run = useCallback(
    (files: Record<string, string>, entry: string, fault: string | null) => {
      const active = getRunner();
      active.stop();
      pending.current = [];
      setLogs([]);
      setPoints([]);
      setErrorAt(undefined);
      setFaultInForce(undefined);
      setStartedAt(performance.now());
      active.run({
        files,
        entry,
        fault: fault ?? undefined,
        apiBaseUrl: window.location.origin,
        session: readerSession(),
        room: currentRoom(),
      });
    },
    [getRunner],
  );

  const stop = useCallback(() => runner.current?.stop(), []);
  const setFault = useCallback((spec: string | null) => runner.current?.setFault(spec), []);
  const clearOutput = useCallback(() => {
    setLogs([]);
    setPoints([]);
    setErrorAt(undefined);
  }, []);

  return {status, logs, points, errorAt, startedAt, faultInForce, run, stop, setFault, clearOutput};
}
