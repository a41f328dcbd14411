import {useCallback, useEffect, useRef, useState} from 'react';
import type {ChartPoint, WorkerEvent} from '@site/src/playground/protocol';
import {SnippetRunner, type RunStatus} from '@site/src/playground/runner';
import {playgroundSession} from '@site/src/playground/session';

export interface LogLine {
  id: number;
  level: 'log' | 'info' | 'warn' | 'error';
  text: string;
  t: number;
  line?: number;
}

export interface SnippetRun {
  status: RunStatus;
  logs: LogLine[];
  points: ChartPoint[];
  /** Where the last error happened in the snippet, for the editor to mark. */
  errorLine?: number;
  startedAt: number | null;
  run(code: string): void;
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
  const [errorLine, setErrorLine] = useState<number | undefined>();
  const [startedAt, setStartedAt] = useState<number | null>(null);
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
      if (event.type === 'error') {
        const where = event.line ? `line ${event.line}: ` : '';
        newLines.push({id: nextId.current++, level: 'error', text: `${where}${event.message}`, t: event.t, line: event.line});
        setErrorLine(event.line);
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
        setStatus(next);
      },
    });
    return runner.current;
  }, [enqueue, timeLimitMs]);

  useEffect(() => () => runner.current?.stop(), []);

  const run = useCallback(
    (code: string) => {
      const active = getRunner();
      active.stop();
      pending.current = [];
      setLogs([]);
      setPoints([]);
      setErrorLine(undefined);
      setStartedAt(performance.now());
      active.run({code, apiBaseUrl: window.location.origin, session: playgroundSession()});
    },
    [getRunner],
  );

  const stop = useCallback(() => runner.current?.stop(), []);
  const clearOutput = useCallback(() => {
    setLogs([]);
    setPoints([]);
    setErrorLine(undefined);
  }, []);

  return {status, logs, points, errorLine, startedAt, run, stop, clearOutput};
}
