import {useEffect, useMemo, useRef, useState} from 'react';
import type {RunStatus} from '@site/src/snippet-runner/runner';
import {currentRoom} from '@site/src/components/RoomBanner/room';
import {readerSession} from '@site/src/snippet-runner/session';
import {emptyOutput, type RunOutput} from './run-output';
import {RunSession} from './run-session';

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

/** A RunSession (run-session.ts, where the logic and its tests live) whose view is React state. */
export function useSnippetRun(timeLimitMs: number): SnippetRun {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [output, setOutput] = useState<RunOutput>(emptyOutput);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [faultInForce, setFaultInForce] = useState<string | null>();
  const session = useRef<RunSession | null>(null);
  session.current ??= new RunSession({
    timeLimitMs,
    view: {status: setStatus, output: setOutput, startedAt: setStartedAt, faultInForce: setFaultInForce},
    context: () => ({apiBaseUrl: window.location.origin, session: readerSession(), room: currentRoom()}),
  });
  useEffect(() => () => session.current?.dispose(), []);

  // Stable functions, as callers list them in effect dependencies.
  const actions = useMemo(() => {
    const current = session.current!;
    return {
      run: (files: Record<string, string>, entry: string, fault: string | null) => current.run(files, entry, fault),
      prepare: () => current.prepare(),
      setFault: (spec: string | null) => current.setFault(spec),
      stop: () => current.stop(),
      clearOutput: () => current.clearOutput(),
    };
  }, []);
  return {status, output, startedAt, faultInForce, ...actions};
}
