import {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import type {RunStatus} from '@site/src/snippet-runner/runner';
import {currentRoom} from '@site/src/components/RoomBanner/room';
import {readerSession} from '@site/src/snippet-runner/session';
import {emptyOutput, type RunOutput} from './run-output';
import {RunSession} from './run-session';

export type {ErrorLocation, LogLine} from './run-output';

/**
 * A run's output, held outside React state: the parts that show it read it
 * with useRunOutput, so an update renders them and not the whole playground
 * (its toolbar, tabs, dial…), and renders them in the task that brought it —
 * a store change is rendered at once, where a state update outside an event
 * waited for a scheduler task, behind whatever else the page had queued.
 */
export interface OutputStore {
  get(): RunOutput;
  subscribe(listener: () => void): () => void;
}

class OutputHolder implements OutputStore {
  private output = emptyOutput;
  private readonly listeners = new Set<() => void>();
  readonly get = () => this.output;
  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(output: RunOutput): void {
    this.output = output;
    for (const listener of this.listeners) listener();
  }
}

/** What a component shows of the run's output; it renders again only when `select` returns something new. */
export function useRunOutput<T>(store: OutputStore, select: (output: RunOutput) => T): T {
  const snapshot = () => select(store.get());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}

export interface SnippetRun {
  status: RunStatus;
  output: OutputStore;
  startedAt: number | null;
  /** The x-beamline-fault the running snippet's calls carry (null: none); undefined when nothing runs. */
  faultInForce?: string | null;
  /** A call of the run that ended got no answer at all: the server may be gone. */
  unanswered: boolean;
  run(files: Record<string, string>, entry: string, fault: string | null): void;
  /** Starts the next runs' workers ahead of the Run, e.g. when the playground comes into view; see RunSession. */
  prepare(files: Record<string, string>, entry: string): void;
  /** Moves the fault dial for the run in progress. */
  setFault(spec: string | null): void;
  stop(): void;
  clearOutput(): void;
}

/** A RunSession (run-session.ts, where the logic and its tests live) whose view is React state and an OutputStore. */
export function useSnippetRun(timeLimitMs: number): SnippetRun {
  const [status, setStatus] = useState<RunStatus>('idle');
  const [output] = useState(() => new OutputHolder());
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [faultInForce, setFaultInForce] = useState<string | null>();
  const [unanswered, setUnanswered] = useState(false);
  const session = useRef<RunSession | null>(null);
  session.current ??= new RunSession({
    timeLimitMs,
    view: {
      status: setStatus,
      output: (next) => output.set(next),
      startedAt: setStartedAt,
      faultInForce: setFaultInForce,
      unanswered: setUnanswered,
    },
    context: () => ({apiBaseUrl: window.location.origin, session: readerSession(), room: currentRoom()}),
  });
  useEffect(() => () => session.current?.dispose(), []);

  // Stable functions, as callers list them in effect dependencies.
  const actions = useMemo(() => {
    const current = session.current!;
    return {
      run: (files: Record<string, string>, entry: string, fault: string | null) => current.run(files, entry, fault),
      prepare: (files: Record<string, string>, entry: string) => current.prepare(files, entry),
      setFault: (spec: string | null) => current.setFault(spec),
      stop: () => current.stop(),
      clearOutput: () => current.clearOutput(),
    };
  }, []);
  return {status, output, startedAt, faultInForce, unanswered, ...actions};
}
