import {useCallback, useEffect, useRef, useState} from 'react';
import {SnippetRunner, type RunStatus} from '@site/src/playground/runner';
import {currentRoom} from '@site/src/components/RoomBanner/room';
import {readerSession} from '@site/src/playground/session';
import {RunFeed} from './run-feed';
import {emptyOutput, type RunOutput} from './run-output';

export type {ErrorLocation, LogLine} from './run-output';

export interface SnippetRun {
  status: RunStatus;
  output: RunOutput;
  startedAt: number | null;
  /** The x-beamline-fault the running snippet's calls carry (null: none); undefined when nothing runs. */
  faultInForce?: string | null;
  run(files: Record<string, string>, entry: string, fault: string | null): void;
  /** Starts the next run's worker ahead of the Run, e.g. when the playground comes into view. */
  prepare(): void;
  /** Moves the fault dial for the run in progress. */
  setFault(spec: string | null): void;
  stop(): void;
  clearOutput(): void;
}

/**
 * Owns a SnippetRunner for one playground and turns its event stream into
 * React state through a RunFeed (bounded output, at most one render a frame).
 */
export function useSnippetRun(timeLimitMs: number): SnippetRun {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [output, setOutput] = useState<RunOutput>(emptyOutput);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [faultInForce, setFaultInForce] = useState<string | null>();
  const feed = useRef<RunFeed | null>(null);
  feed.current ??= new RunFeed(setOutput);
  const runner = useRef<SnippetRunner | null>(null);

  const getRunner = useCallback(() => {
    runner.current ??= new SnippetRunner({
      timeLimitMs,
      onEvent: (event) => {
        if (event.type === 'fault') setFaultInForce(event.spec);
        else feed.current?.push(event);
      },
      onStatus: (next) => {
        if (next !== 'running') setFaultInForce(undefined);
        setStatus(next);
      },
    });
    return runner.current;
  }, [timeLimitMs]);

  useEffect(() => () => runner.current?.dispose(), []);

  const run = useCallback(
    (files: Record<string, string>, entry: string, fault: string | null) => {
      const active = getRunner();
      active.stop();
      feed.current?.reset();
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

  const prepare = useCallback(() => getRunner().prepare(), [getRunner]);
  const stop = useCallback(() => runner.current?.stop(), []);
  const setFault = useCallback((spec: string | null) => runner.current?.setFault(spec), []);
  const clearOutput = useCallback(() => feed.current?.reset(), []);

  return {status, output, startedAt, faultInForce, run, prepare, stop, setFault, clearOutput};
}
