import type {ExpectedRun, PageMessage, RunRequest, WorkerEvent, WorkerMessage} from './protocol';

export type RunStatus = 'idle' | 'running' | 'done' | 'failed' | 'stopped' | 'timed-out';

/** The part of `Worker` the runner uses, so tests can hand it a stand-in. */
export interface WorkerLike {
  postMessage(message: PageMessage): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
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

const spareWorkers = 2;

function createSnippetWorker(): WorkerLike {
  // The name is also the bundle's name for the worker's chunk, which src/plugins/snippet-worker-chunk.ts keeps whole.
  return new Worker(new URL('./worker.ts', import.meta.url), {type: 'module', name: 'beamline-snippet'});
}

/**
 * Runs snippets one at a time, each in a fresh Web Worker. Stopping is
 * `terminate()`, which ends the worker's thread whatever it is doing — a busy
 * loop included — so Stop and the time limit always work.
 *
 * The next runs' workers are started ahead of time (`prepare`, and again as
 * each run starts), so a Run does not wait for a worker to load its code.
 * Two wait, and a run takes the older: a worker's start-up (its script,
 * protobuf, warming sucrase and Connect) takes longer than a short run on
 * a busy machine, so with one a Run that came soon after the last found it
 * still starting and waited for it (traced at load 5: 100-250 ms).
 */
export class SnippetRunner {
  private worker: WorkerLike | null = null;
  private readonly spares: WorkerLike[] = [];
  /** The last run's files: what a new spare compiles while it waits, as the next Run most often brings them again. */
  private expected: ExpectedRun | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private startedAt = 0;
  private readonly createWorker: () => WorkerLike;

  constructor(private readonly options: RunnerOptions) {
    this.createWorker = options.createWorker ?? createSnippetWorker;
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /**
   * Starts the next runs' workers now, so they begin without the wait. Before
   * any run, `likely` (the files the reader sees) is what they compile: the
   * first Run most often brings them unchanged.
   */
  prepare(likely?: Omit<ExpectedRun, 'type'>): void {
    if (likely) this.expected ??= {type: 'expect', ...likely};
    while (this.spares.length < spareWorkers) {
      const spare = this.createWorker();
      if (this.expected) spare.postMessage(this.expected);
      this.spares.push(spare);
    }
  }

  run(request: Omit<RunRequest, 'type'>): void {
    this.end('stopped');
    const worker = this.spares.shift() ?? this.createWorker();
    this.worker = worker;
    this.startedAt = performance.now();
    worker.onmessage = ({data}) => {
      for (const event of data) {
        if (this.worker !== worker) return;
        this.options.onEvent(event);
        if (event.type === 'done') this.end('done');
        if (event.type === 'error') this.end('failed');
      }
    };
    worker.onerror = (event) => {
      if (this.worker !== worker) return;
      event.preventDefault();
      this.options.onEvent({type: 'error', message: event.message || 'The snippet worker failed to start', t: 0});
      this.end('failed');
    };
    this.timer = setTimeout(() => {
      const seconds = this.options.timeLimitMs / 1000;
      this.options.onEvent({
        type: 'error',
        message: `Stopped: the run passed its ${seconds} s time limit`,
        t: this.elapsed(),
      });
      this.end('timed-out');
    }, this.options.timeLimitMs);
    this.options.onStatus('running');
    worker.postMessage({type: 'run', ...request});
    this.expected = {type: 'expect', files: request.files, entry: request.entry};
    this.prepare();
  }

  stop(): void {
    this.end('stopped');
  }

  /** Ends the run in progress and the spare workers: the page is going away. */
  dispose(): void {
    this.end('stopped');
    for (const spare of this.spares.splice(0)) spare.terminate();
  }

  /** Changes the running snippet's faults from its next call on. */
  setFault(spec: string | null): void {
    this.worker?.postMessage({type: 'fault', spec});
  }

  private elapsed(): number {
    return Math.round((performance.now() - this.startedAt) * 10) / 10;
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
