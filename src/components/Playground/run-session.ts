import type {CompilerWorkerLike} from '@site/src/snippet-runner/compiler';
import {SnippetRunner, type RunStatus, type WorkerLike} from '@site/src/snippet-runner/runner';
import type {RunRequest} from '@site/src/snippet-runner/protocol';
import {type Frames, RunFeed} from './run-feed';
import type {RunOutput} from './run-output';

/** Where a playground shows a run: React state setters in the page, plain functions in tests. */
export interface RunView {
  status(status: RunStatus): void;
  output(output: RunOutput): void;
  startedAt(at: number): void;
  /** The x-beamline-fault the running snippet's calls carry (null: none); undefined when nothing runs. */
  faultInForce(spec: string | null | undefined): void;
  /** Whether a call of the run that ended got no answer at all, so the server may be gone; false from each Run. */
  unanswered(unanswered: boolean): void;
}

/** Who the reader is and where the server is, read at each Run (the room can change between runs). */
export type RunContext = Pick<RunRequest, 'apiBaseUrl' | 'session' | 'room'>;

export interface RunSessionOptions {
  timeLimitMs: number;
  view: RunView;
  context: () => RunContext;
  now?: () => number;
  createWorker?: () => WorkerLike;
  createCompiler?: () => CompilerWorkerLike;
  frames?: Frames;
}

/**
 * One playground's runs: owns its SnippetRunner and turns the runner's events
 * and statuses into what the view shows — the bounded output through a
 * RunFeed, the fault in force while a run lasts, when the run started.
 * useSnippetRun is this, held by React.
 */
export class RunSession {
  private readonly feed: RunFeed;
  private runner: SnippetRunner | null = null;

  constructor(private readonly options: RunSessionOptions) {
    this.feed = new RunFeed(options.view.output, options.frames);
  }

  run(files: Record<string, string>, entry: string, fault: string | null): void {
    const runner = this.getRunner();
    runner.stop();
    this.feed.reset();
    this.options.view.faultInForce(undefined);
    this.options.view.unanswered(false);
    this.options.view.startedAt((this.options.now ?? (() => performance.now()))());
    runner.run({files, entry, fault: fault ?? undefined, ...this.options.context()});
  }

  /** Starts the next runs' workers ahead of the Run, compiling `files` unless a run came first. */
  prepare(files: Record<string, string>, entry: string): void {
    this.getRunner().prepare({files, entry});
  }

  /** Moves the fault dial for the run in progress. */
  setFault(spec: string | null): void {
    this.runner?.setFault(spec);
  }

  stop(): void {
    this.runner?.stop();
  }

  clearOutput(): void {
    this.feed.reset();
  }

  dispose(): void {
    this.runner?.dispose();
  }

  private getRunner(): SnippetRunner {
    const {view, timeLimitMs, createWorker, createCompiler} = this.options;
    this.runner ??= new SnippetRunner({
      timeLimitMs,
      ...(createWorker ? {createWorker} : {}),
      ...(createCompiler ? {createCompiler} : {}),
      onEvent: (event) => {
        if (event.type === 'fault') view.faultInForce(event.spec);
        else this.feed.push(event);
        if ((event.type === 'done' || event.type === 'error') && event.unanswered) view.unanswered(true);
      },
      onStatus: (status) => {
        if (status !== 'running') {
          this.feed.end();
          view.faultInForce(undefined);
        }
        view.status(status);
      },
    });
    return this.runner;
  }
}
