import type {PageMessage, RunRequest, WorkerEvent} from './protocol';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'stopped' | 'timed-out';

/** The part of `Worker` the runner uses, so tests can hand it a stand-in. */
export interface WorkerLike {
  postMessage(message: PageMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerEvent>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export interface RunnerOptions {
  /** Every run is killed after this long; a snippet may loop forever. */
  timeLimitMs: number;
  onEvent(event: WorkerEvent): void;
  onStatus(status: RunStatus): void;
  createWorker?: () => WorkerLike;
}

export const defaultTimeLimitMs = 60_000;

function createSnippetWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), {type: 'module', name: 'beamline-snippet'});
}

/**
 * Runs snippets one at a time, each in a fresh Web Worker. Stopping is
 * `terminate()`, which ends the worker's thread whatever it is doing — a busy
 * loop included — so Stop and the time limit always work.
 */
export class SnippetRunner {
  private worker: WorkerLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly createWorker: () => WorkerLike;

  constructor(private readonly options: RunnerOptions) {
    this.createWorker = options.createWorker ?? createSnippetWorker;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  run(request: Omit<RunRequest, 'type'>): void {
    this.end('stopped');
    const worker = this.createWorker();
    this.worker = worker;
    worker.onmessage = ({data}) => {
      if (this.worker !== worker) return;
      this.options.onEvent(data);
      if (data.type === 'done') this.end('done');
      if (data.type === 'error') this.end('failed');
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      event.preventDefault();
      this.options.onEvent({type: 'error', message: event.message || 'The snippet worker failed to start', t: 0});
      this.end('failed');
    };
    this.timer = setTimeout(() => this.end('timed-out'), this.options.timeLimitMs);
    this.options.onStatus('running');
    worker.postMessage({type: 'run', ...request});
  }

  stop(): void {
    this.end('stopped');
  }

  /** Changes the running snippet's faults from its next call on. */
  setFault(spec: string | null): void {
    this.worker?.postMessage({type: 'fault', spec});
  }

  private end(status: Exclude<RunStatus, 'idle' | 'running'>): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.options.onStatus(status);
  }
}
